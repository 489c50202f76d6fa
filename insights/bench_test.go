package insights

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"syscall"
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
// reps, as rollup documents (one per family and month, each with a group
// per rep, metric and day).
const (
	benchYear       = 365
	benchOwners     = 200
	benchRecords    = 1_000_000
	benchActivities = 10_000_000
)

// benchDays is how many of the year's days are seeded:
// FORMWORK_BENCH_DAYS, default all.
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
	dashboard := func(q Query) func() error {
		return func() error {
			_, err := env.svc.Dashboard(env.ctx, env.admin, env.board.DefinitionID, q)
			return err
		}
	}

	b.Run("dashboard_month", func(b *testing.B) { timed(b, dashboard(month)) })
	b.Run("dashboard_calendar_month", func(b *testing.B) {
		timed(b, dashboard(Query{From: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
			To: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}))
	})
	b.Run("leaderboard_month", func(b *testing.B) {
		timed(b, func() error {
			_, err := env.svc.Widget(env.ctx, env.admin, byRep, month)
			return err
		})
	})
	b.Run("dashboard_quarter", func(b *testing.B) {
		timed(b, dashboard(Query{From: env.now.AddDate(0, 0, -91)}))
	})
	b.Run("raw_findone_activities", func(b *testing.B) { env.rawFindOne(b, "activities:lead") })
	b.Run("raw_findone", func(b *testing.B) { env.rawFindOne(b, "records:lead") })
	b.Run("raw_find_months", func(b *testing.B) {
		first := dayOf(env.now.AddDate(0, 0, -30), env.svc.cfg.Zone)[:7]
		last := dayOf(env.now, env.svc.cfg.Zone)[:7]
		timed(b, func() error {
			_, err := env.svc.monthRange(env.ctx, env.admin.TenantID,
				"records:lead", first, last)
			return err
		})
	})
	b.Run("upkeep_record_event", func(b *testing.B) { env.upkeepRecords(b) })
	b.Run("upkeep_activity_event", func(b *testing.B) { env.upkeepActivities(b) })
}

// rawFindOne times the read by _id of the current month's document of
// family.
func (env *benchEnv) rawFindOne(b *testing.B, family string) {
	id := docID(env.admin.TenantID, family, dayOf(env.now, env.svc.cfg.Zone)[:7])
	timed(b, func() error {
		var d monthDoc
		return env.svc.rollups(env.admin.TenantID).FindByID(env.ctx, id, &d)
	})
}

// timed runs fn as the benchmark's operation and reports its p95, and
// the process's CPU time per operation (the embedded store runs in the
// process, so this counts its work too): on a shared machine the CPU time
// says what an operation costs when wall times say how busy the others
// were.
func timed(b *testing.B, fn func() error) {
	var took []time.Duration
	cpu := cpuTime()
	for b.Loop() {
		sw := clock.StartStopwatch()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		took = append(took, sw.Elapsed())
	}
	spent := cpuTime() - cpu
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(spent.Microseconds())/1000/float64(len(took)), "cpu-ms/op")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (env *benchEnv) upkeepRecords(b *testing.B) {
	r := &record.Record{ID: "bench-record", Form: "lead", OwnerID: env.owners[0],
		CreatedAt: env.now, Data: map[string]any{"stage": "new", "amount": 10.0}}
	r.TenantID = env.admin.TenantID
	before, cpu := env.svc.Writes(), cpuTime()
	n := 0
	for b.Loop() {
		n++
		prev, next := r, *r
		r = &next
		r.Data = map[string]any{"amount": 10.0}
		r.Version = int64(n)
		r.UpdatedAt = env.now.Add(time.Duration(n) * time.Second)
		r.OwnerID = env.owners[n%benchOwners]
		r.Stage = []string{"new", "won"}[n%2]
		r.Data["stage"] = r.Stage
		ev := record.Event{ID: fmt.Sprint(n), Kind: record.EventChanged,
			TenantID: r.TenantID, Record: r, Previous: prev}
		if err := env.svc.OnRecordEvent(env.ctx, ev); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(env.svc.Writes()-before)/float64(n), "writes/event")
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(n), "cpu-ms/op")
}

func (env *benchEnv) upkeepActivities(b *testing.B) {
	r := &record.Record{ID: "bench-record", Form: "lead", OwnerID: env.owners[0],
		CreatedAt: env.now}
	before, cpu := env.svc.Writes(), cpuTime()
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
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(n), "cpu-ms/op")
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
	docs := map[string]*edit{}
	for day := range benchDays() {
		at := env.now.AddDate(0, 0, -day)
		env.recordDay(env.monthEdit(docs, "records:lead", at), at, day)
		env.activityDay(env.monthEdit(docs, "activities:lead", at), at)
	}
	size := map[string]int{}
	for _, id := range sortedKeys(docs) {
		e := docs[id]
		e.encodeAll()
		size[e.doc.Family] = max(size[e.doc.Family], docSize(b, e.doc))
		if err := env.svc.rollups("bench").InsertOne(env.ctx, e.doc); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("seeded %d rollup documents (%d days, 2 families, %d groups per metric "+
		"and day) in %s; largest document by family, in bytes: %v", len(docs), benchDays(),
		benchOwners, sw.Elapsed().Round(time.Second), size)
}

// monthEdit returns the edit of family's month of at, creating it.
func (env *benchEnv) monthEdit(docs map[string]*edit, family string, at time.Time) *edit {
	month := dayOf(at, env.svc.cfg.Zone)[:7]
	id := docID("bench", family, month)
	if docs[id] == nil {
		d := &monthDoc{ID: id, Family: family, Month: month, Rev: 1}
		d.TenantID = "bench"
		docs[id] = newEdit(d)
		for i := range MaxRecent {
			docs[id].remember(eventHash(fmt.Sprintf("%s-%d", id, i)))
		}
	}
	return docs[id]
}

func docSize(b *testing.B, d *monthDoc) int {
	raw, err := bson.Marshal(d)
	if err != nil {
		b.Fatal(err)
	}
	return len(raw)
}

// recordDay adds a day of leads: benchRecords/benchYear of them, spread
// over the owners, a third won.
func (env *benchEnv) recordDay(e *edit, at time.Time, day int) {
	family := "records:lead"
	var ms []*Metric
	for _, m := range env.board.Metrics {
		if m.Family() == family {
			ms = append(ms, m)
		}
	}
	d := dayOf(at, env.svc.cfg.Zone)
	for i := range benchRecords / benchYear {
		stage := []string{"new", "won", "lost"}[i%3]
		it := item{id: fmt.Sprintf("r%03d%07d", day, i), at: at, updated: at,
			owner: env.owners[i%benchOwners], stage: stage,
			data: map[string]any{"stage": stage, "amount": float64(i % 1000)}}
		for _, m := range ms {
			e.move(m.Key, d, nil, it.contribution(m), nil, it.keys(m))
		}
	}
	for _, m := range ms {
		e.doc.Since[m.Key] = 0
	}
}

// activityDay adds a day of calls: benchActivities/benchYear of them.
func (env *benchEnv) activityDay(e *edit, at time.Time) {
	m := env.board.metric("calls")
	d := dayOf(at, env.svc.cfg.Zone)
	perOwner := int64(benchActivities / benchYear / benchOwners)
	for _, o := range env.owners {
		keys := map[string]string{"owner": o}
		e.group(m.Key, d, groupKey(keys), keys).Main.Count = perOwner
	}
}
