package insights

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/record"
)

// The seeded tenant: a year of 1,000,000 leads and 10,000,000 calls by 200
// reps, as rollup documents (one per family and day, each with a group per
// rep and metric, and the marks of the day's leads).
const (
	benchYear       = 365
	benchOwners     = 200
	benchRecords    = 1_000_000
	benchActivities = 10_000_000
)

// benchDays is how many of the year's days are seeded:
// FORMWORK_BENCH_DAYS, default all. Reads go by _id, so a read costs the
// same whatever the number of other days; fewer days seed faster.
func benchDays() int {
	if n, err := strconv.Atoi(os.Getenv("FORMWORK_BENCH_DAYS")); err == nil && n > 31 &&
		n < benchYear {
		return n
	}
	return benchYear
}

type benchEnv struct {
	ctx    context.Context
	svc    *Service
	admin  auth.Principal
	board  *Board
	owners []string
	now    time.Time
}

// BenchmarkDashboardRead reads a dashboard and a leaderboard of the seeded
// tenant beside the raw reads they are made of (a FindOne by _id and one
// range Find), and applies record and activity events to measure the
// upkeep: its time and its writes per event (reported as writes/event).
// FORMWORK_TEST_MONGO_URI points it at a MongoDB server.
func BenchmarkDashboardRead(b *testing.B) {
	env := newBenchEnv(b)
	month := Query{}
	byRep := env.board.DefinitionID + ".by_rep"

	b.Run("dashboard_month", func(b *testing.B) {
		timed(b, func() error {
			_, err := env.svc.Dashboard(env.ctx, env.admin,
				env.board.DefinitionID, month)
			return err
		})
	})
	b.Run("leaderboard_month", func(b *testing.B) {
		timed(b, func() error {
			_, err := env.svc.Widget(env.ctx, env.admin, byRep, month)
			return err
		})
	})
	b.Run("dashboard_quarter", func(b *testing.B) {
		q := Query{From: env.now.AddDate(0, 0, -91)}
		timed(b, func() error {
			_, err := env.svc.Dashboard(env.ctx, env.admin,
				env.board.DefinitionID, q)
			return err
		})
	})
	b.Run("leaderboard_month_without_marks", func(b *testing.B) {
		timed(b, env.leanLeaderboard)
	})
	b.Run("raw_findone_activities", func(b *testing.B) {
		id := docID(env.admin.TenantID, "activities:lead", dayOf(env.now, env.svc.cfg.Zone))
		timed(b, func() error {
			var f figuresDoc
			return env.svc.rollups(env.admin.TenantID).FindByID(env.ctx, id, &f)
		})
	})
	b.Run("raw_findone", func(b *testing.B) {
		id := docID(env.admin.TenantID, "records:lead", dayOf(env.now, env.svc.cfg.Zone))
		timed(b, func() error {
			var f figuresDoc
			return env.svc.rollups(env.admin.TenantID).FindByID(env.ctx, id, &f)
		})
	})
	b.Run("raw_find_month", func(b *testing.B) {
		first := dayOf(env.now.AddDate(0, 0, -30), env.svc.cfg.Zone)
		last := dayOf(env.now, env.svc.cfg.Zone)
		timed(b, func() error {
			_, err := env.svc.rangeDays(env.ctx, env.admin.TenantID,
				"records:lead", first, last)
			return err
		})
	})
	b.Run("upkeep_record_event", func(b *testing.B) { env.upkeepRecords(b) })
	b.Run("upkeep_activity_event", func(b *testing.B) { env.upkeepActivities(b) })
}

// timed runs fn as the benchmark's operation and reports its p95.
func timed(b *testing.B, fn func() error) {
	var took []time.Duration
	for b.Loop() {
		sw := clock.StartStopwatch()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		took = append(took, sw.Elapsed())
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
}

func (env *benchEnv) upkeepRecords(b *testing.B) {
	r := &record.Record{ID: "bench-record", Form: "lead", OwnerID: env.owners[0],
		CreatedAt: env.now, Data: map[string]any{"stage": "new", "amount": 10.0}}
	r.TenantID = env.admin.TenantID
	before := env.svc.Writes()
	n := 0
	for b.Loop() {
		n++
		r.Version = int64(n)
		r.OwnerID = env.owners[n%benchOwners]
		r.Stage = []string{"new", "won"}[n%2]
		r.Data["stage"] = r.Stage
		ev := record.Event{ID: fmt.Sprint(n), Kind: record.EventChanged,
			TenantID: r.TenantID, Record: r}
		if err := env.svc.OnRecordEvent(env.ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(env.svc.Writes()-before)/float64(n), "writes/event")
}

func (env *benchEnv) upkeepActivities(b *testing.B) {
	r := &record.Record{ID: "bench-record", Form: "lead", OwnerID: env.owners[0],
		CreatedAt: env.now}
	before := env.svc.Writes()
	n := 0
	for b.Loop() {
		n++
		a := &record.Activity{ID: fmt.Sprintf("bench-activity-%d", n), Kind: record.Call,
			ActorID: env.owners[n%benchOwners], At: env.now}
		ev := record.Event{ID: a.ID, Kind: record.EventActivity,
			TenantID: env.admin.TenantID, Record: r, Activity: a}
		if err := env.svc.OnRecordEvent(env.ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(env.svc.Writes()-before)/float64(n), "writes/event")
}

func newBenchEnv(b *testing.B) *benchEnv {
	b.Helper()
	ctx := context.Background()
	store := testenv.Mongo(b)
	now := time.Date(2026, 12, 3, 4, 0, 0, 0, time.UTC)
	clk := clock.NewManual(now)
	d := designer.New(store, clk, testenv.Logger())
	svc := New(store, d, clk, Config{}, testenv.Logger())
	for _, ensure := range []func(context.Context) error{d.EnsureIndexes, svc.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			b.Fatal(err)
		}
	}
	env := &benchEnv{ctx: ctx, svc: svc, now: now,
		admin: auth.Principal{TenantID: "bench", UserID: "admin", Roles: []auth.Role{auth.Admin}}}
	env.publish(b, d)
	env.seed(b)
	return env
}

func (env *benchEnv) publish(b *testing.B, d *designer.Service) {
	b.Helper()
	form := map[string]any{"schema": map[string]any{"type": "object",
		"properties": map[string]any{
			"stage":  map[string]any{"type": "string", "enum": []string{"new", "won", "lost"}},
			"amount": map[string]any{"type": "number"}}},
		"layout": map[string]any{"sections": []any{}}}
	count := map[string]any{"kind": "count", "source": "records", "form": "lead"}
	won := map[string]any{"kind": "count", "source": "records", "form": "lead",
		"filter": "record.stage == 'won'"}
	w := func(id, chart string, m map[string]any, groups ...string) map[string]any {
		return map[string]any{"id": id, "chart": chart, "metric": m, "group_by": groups,
			"top": 10, "title": map[string]string{"en": id}}
	}
	dash := map[string]any{"filters": []string{"owner"}, "widgets": []any{
		w("leads", "number", count),
		w("by_rep", "leaderboard", count, "owner"),
		w("win_rate", "leaderboard", map[string]any{"kind": "ratio", "numerator": won,
			"denominator": count}, "owner"),
		w("pipeline", "bar", map[string]any{"kind": "sum", "source": "records",
			"form": "lead", "field": "amount"}, "owner"),
		w("calls", "leaderboard", map[string]any{"kind": "count", "source": "activities",
			"form": "lead"}, "owner"),
	}}
	for _, def := range []struct {
		kind    designer.Kind
		key     string
		content map[string]any
	}{{designer.KindForm, "lead", form}, {designer.KindDashboard, "bench", dash}} {
		raw, _ := json.Marshal(def.content)
		meta := designer.Meta{Key: def.key, Name: designer.Text{"en": def.key}}
		created, _, err := d.Create(env.ctx, env.admin, def.kind, meta, raw)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.Publish(env.ctx, env.admin, def.kind, created.ID); err != nil {
			b.Fatal(err)
		}
		if def.kind == designer.KindDashboard {
			if env.board, err = env.svc.boardByID(env.ctx, "bench", created.ID); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// seed writes the year of rollup documents directly.
func (env *benchEnv) seed(b *testing.B) {
	b.Helper()
	for i := range benchOwners {
		env.owners = append(env.owners, fmt.Sprintf("user%03d", i))
	}
	sw := clock.StartStopwatch()
	docs := 0
	size := map[string]int{}
	for day := range benchDays() {
		at := env.now.AddDate(0, 0, -day)
		for _, doc := range []*bucketDoc{env.recordDay(at, day), env.activityDay(at, day)} {
			if err := doc.encode(); err != nil {
				b.Fatal(err)
			}
			if day == 0 {
				size[doc.Family] = docSize(b, doc)
			}
			if err := env.svc.rollups("bench").InsertOne(env.ctx, doc); err != nil {
				b.Fatal(err)
			}
			if err := env.insertLean(doc); err != nil {
				b.Fatal(err)
			}
			docs++
		}
	}
	b.Logf("seeded %d rollup documents (%d days x 2 families, %d groups per metric "+
		"and day) in %s; bytes per document: %v", docs, benchDays(), benchOwners,
		sw.Elapsed().Round(time.Second), size)
}

// leanFamily holds copies of the record days without their marks: what
// a read would cost if record events carried the record's previous state
// and the rollups needed no marks.
const leanFamily = "records:lean"

func (env *benchEnv) insertLean(d *bucketDoc) error {
	if d.Family != "records:lead" {
		return nil
	}
	lean := &bucketDoc{ID: docID("bench", leanFamily, d.Day), Family: leanFamily, Day: d.Day,
		Rev: 1, Blobs: d.Blobs}
	return env.svc.rollups("bench").InsertOne(env.ctx, lean)
}

// leanLeaderboard is the leaderboard read over the lean copies.
func (env *benchEnv) leanLeaderboard() error {
	m := env.board.metric("by_rep")
	from, to, err := Query{}.window(env.now, env.svc.cfg.Zone)
	if err != nil {
		return err
	}
	docs, err := env.svc.loadDays(env.ctx, "bench", leanFamily, from, to)
	if err != nil {
		return err
	}
	v, err := env.svc.viewOf(env.ctx, "bench", m, Query{})
	if err != nil {
		return err
	}
	return env.svc.label(env.ctx, "bench", v.ranked(v.fold(docs)))
}

func docSize(b *testing.B, d *bucketDoc) int {
	raw, err := bson.Marshal(d)
	if err != nil {
		b.Fatal(err)
	}
	return len(raw)
}

// recordDay is a day of leads: benchRecords/benchYear of them, spread over
// the owners, a third won, with their marks.
func (env *benchEnv) recordDay(at time.Time, day int) *bucketDoc {
	family := "records:lead"
	d := &bucketDoc{ID: docID("bench", family, dayOf(at, env.svc.cfg.Zone)), Family: family,
		Day: dayOf(at, env.svc.cfg.Zone), Rev: 1}
	e := newEdit(d)
	var ms []*Metric
	for _, m := range env.board.Metrics {
		if m.Family() == family {
			ms = append(ms, m)
		}
	}
	for i := range benchRecords / benchYear {
		stage := []string{"new", "won", "lost"}[i%3]
		it := item{id: fmt.Sprintf("r%03d%07d", day, i), version: 1, at: at,
			owner: env.owners[i%benchOwners], stage: stage,
			data: map[string]any{"stage": stage, "amount": float64(i % 1000)}}
		e.applyRecord(&it, ms)
	}
	return d
}

// activityDay is a day of calls: benchActivities/benchYear of them.
func (env *benchEnv) activityDay(at time.Time, day int) *bucketDoc {
	family := "activities:lead"
	d := &bucketDoc{ID: docID("bench", family, dayOf(at, env.svc.cfg.Zone)), Family: family,
		Day: dayOf(at, env.svc.cfg.Zone), Rev: 1}
	e := newEdit(d)
	m := env.board.metric("calls")
	perOwner := int64(benchActivities / benchYear / benchOwners)
	for _, o := range env.owners {
		g := e.group(m.Key, groupKey(map[string]string{"owner": o}),
			map[string]string{"owner": o})
		g.Main.Count = perOwner
	}
	for i := range MaxRecent {
		d.Recent = append(d.Recent, fmt.Sprintf("a%03d%08d", day, i))
	}
	return d
}
