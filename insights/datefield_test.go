package insights_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/runtime/record"
)

// dealForm has a close date, a date-time of the last touch, a stage and
// an amount.
func dealForm() map[string]any {
	return map[string]any{
		"schema": map[string]any{"type": "object", "required": []string{"company"},
			"properties": map[string]any{
				"company":    map[string]any{"type": "string", "minLength": 1},
				"amount":     map[string]any{"type": "number", "minimum": 0},
				"stage":      map[string]any{"type": "string", "enum": []string{"open", "won"}},
				"close_date": map[string]any{"type": "string", "format": "date"},
				"touched_at": map[string]any{"type": "string", "format": "date-time"},
			}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			map[string]any{"name": "company", "kind": "text",
				"label": map[string]string{"en": "Company", "zh-CN": "公司"}},
		}}}},
	}
}

var dateWidgets = []string{"closing", "closing_value", "close_rate", "touch_amount",
	"closing_companies", "created"}

// dealDashboard measures deals on their close date, their last touch and
// (for comparison) their creation.
func dealDashboard() map[string]any {
	on := func(m map[string]any, field string) map[string]any {
		out := map[string]any{"source": "records", "form": "deal", "date_field": field}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	count := on(map[string]any{"kind": "count"}, "close_date")
	won := on(map[string]any{"kind": "count", "filter": "record.stage == 'won'"},
		"close_date")
	return map[string]any{"filters": []string{"owner"}, "widgets": []any{
		widget("closing", "line", count, map[string]any{"bucket": "week"}),
		widget("closing_value", "table", on(map[string]any{"kind": "sum", "field": "amount"},
			"close_date"), map[string]any{"group_by": []string{"stage"}}),
		widget("close_rate", "number", map[string]any{"kind": "ratio", "numerator": won,
			"denominator": count}, nil),
		widget("touch_amount", "line", on(map[string]any{"kind": "avg", "field": "amount"},
			"touched_at"), map[string]any{"bucket": "day"}),
		widget("closing_companies", "number", on(map[string]any{"kind": "distinct",
			"field": "company"}, "close_date"), nil),
		widget("created", "number", map[string]any{"kind": "count", "source": "records",
			"form": "deal"}, nil),
	}}
}

// TestDateFieldIncrementalEqualsRebuild drives random creations, edits
// that move the close date and the last touch across days and months
// (or clear them), changes of stage and amount, reassignments, deletions
// and replayed events, and checks that every date-field metric's stored
// figures equal a rebuild from the records, group by group and day by day.
func TestDateFieldIncrementalEqualsRebuild(t *testing.T) {
	f := newFixture(t)
	f.publish(designer.KindForm, "deal", dealForm())
	dash := f.publish(designer.KindDashboard, "deals", dealDashboard())
	s := &dealStream{f: f, rng: rand.New(rand.NewPCG(4, 11)), counts: map[string]int{}}
	for range 200 {
		s.step()
	}
	t.Logf("stream: %v", s.counts)
	if s.counts["move"] == 0 || s.counts["clear"] == 0 || s.counts["replay"] == 0 {
		t.Fatalf("the stream missed a kind of step: %v", s.counts)
	}

	before := map[string]map[string]map[string]insights.Group{}
	var refs []string
	for _, w := range dateWidgets {
		ref := dash + "." + w
		figures, err := f.svc.Figures(f.ctx, tenant, ref)
		if err != nil {
			t.Fatal(err)
		}
		if len(figures) == 0 {
			t.Errorf("%s: no figures kept", w)
		}
		before[w], refs = figures, append(refs, ref)
	}
	// One read of the deals rebuilds every metric over them.
	rebuilt, err := f.svc.RebuildAll(f.ctx, tenant, refs)
	if err != nil || len(rebuilt) != len(refs) {
		t.Fatalf("rebuilding = %v, %v", rebuilt, err)
	}
	for _, w := range dateWidgets {
		after, err := f.svc.Figures(f.ctx, tenant, dash+"."+w)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(after, before[w], cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: incremental figures differ from the rebuild (-rebuild +incremental):\n%s",
				w, d)
		}
	}
}

// dealStream makes random writes of deals.
type dealStream struct {
	f      *fixture
	rng    *rand.Rand
	live   []*record.Record
	counts map[string]int
}

func (s *dealStream) step() {
	s.f.clock.Advance(time.Duration(s.rng.IntN(30)) * time.Hour)
	ops := []string{"create", "create", "move", "move", "clear", "stage", "assign",
		"delete", "replay"}
	op := ops[s.rng.IntN(len(ops))]
	if len(s.live) == 0 {
		op = "create"
	}
	s.counts[op]++
	i := s.rng.IntN(max(len(s.live), 1))
	switch op {
	case "create":
		data := map[string]any{"company": fmt.Sprint("c", s.rng.IntN(4)),
			"amount": float64(s.rng.IntN(1000)), "stage": "open"}
		s.dates(data)
		r, err := s.f.records.Submit(s.f.ctx, s.f.reps[s.rng.IntN(3)],
			record.SubmitInput{Form: "deal", Data: raw(s.f.t, data)})
		s.must(err)
		s.live = append(s.live, r)
	case "move", "clear", "stage":
		patch := map[string]any{}
		switch op {
		case "move":
			s.dates(patch)
		case "clear":
			patch[[]string{"close_date", "touched_at"}[s.rng.IntN(2)]] = nil
		default:
			patch["stage"] = []string{"open", "won"}[s.rng.IntN(2)]
			patch["amount"] = float64(s.rng.IntN(1000))
		}
		r, err := s.f.records.Update(s.f.ctx, s.f.admin, s.live[i].ID, s.live[i].Version, patch)
		s.must(err)
		s.live[i] = r
	case "assign":
		r, err := s.f.records.Assign(s.f.ctx, s.f.admin, s.live[i].ID,
			s.f.reps[s.rng.IntN(3)].UserID)
		s.must(err)
		s.live[i] = r
	case "delete":
		s.must(s.f.records.Delete(s.f.ctx, s.f.admin, s.live[i].ID))
		s.live = append(s.live[:i], s.live[i+1:]...)
	case "replay":
		s.f.events.mu.Lock()
		e := s.f.events.list[s.rng.IntN(len(s.f.events.list))]
		s.f.events.mu.Unlock()
		s.must(s.f.svc.OnRecordEvent(s.f.ctx, e))
	}
}

// dates sets a close date and a last touch within three months either
// side of now, each half of the time; a touch near midnight UTC lands on
// the next day in Shanghai.
func (s *dealStream) dates(data map[string]any) {
	now := s.f.clock.Now()
	if s.rng.IntN(2) == 0 {
		data["close_date"] = now.AddDate(0, 0, s.rng.IntN(180)-90).Format("2006-01-02")
	}
	if s.rng.IntN(2) == 0 {
		at := now.Add(time.Duration(s.rng.IntN(180*24)-90*24) * time.Hour)
		data["touched_at"] = at.UTC().Format(time.RFC3339)
	}
}

func (s *dealStream) must(err error) {
	s.f.t.Helper()
	if err != nil {
		s.f.t.Fatal(err)
	}
}

// TestDateFieldMovesOnce moves a deal's close date into the next month
// and replays the event: its count leaves the old day and lands on the new
// one exactly once.
func TestDateFieldMovesOnce(t *testing.T) {
	f := newFixture(t)
	f.publish(designer.KindForm, "deal", dealForm())
	dash := f.publish(designer.KindDashboard, "deals", dealDashboard())
	r, err := f.records.Submit(f.ctx, f.reps[0], record.SubmitInput{Form: "deal",
		Data: raw(t, map[string]any{"company": "Acme", "close_date": "2026-11-20"})})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.records.Update(f.ctx, f.admin, r.ID, r.Version,
		map[string]any{"close_date": "2026-12-03"}); err != nil {
		t.Fatal(err)
	}
	f.events.mu.Lock()
	events := append([]record.Event(nil), f.events.list...)
	f.events.mu.Unlock()
	for _, e := range events {
		if err := f.svc.OnRecordEvent(f.ctx, e); err != nil {
			t.Fatal(err)
		}
	}

	got := map[string]int64{}
	figures, err := f.svc.Figures(f.ctx, tenant, dash+".closing")
	if err != nil {
		t.Fatal(err)
	}
	for day, groups := range figures {
		for _, g := range groups {
			got[day] += g.Main.Count
		}
	}
	for day, n := range got {
		if n == 0 {
			delete(got, day)
		}
	}
	if d := cmp.Diff(map[string]int64{"2026-12-03": 1}, got); d != "" {
		t.Errorf("deals by close date (-want +got):\n%s", d)
	}

	// The records behind the figure are found by their close date.
	day := func(d int) time.Time { return time.Date(2026, 12, d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		from, to time.Time
		want     int
	}{{day(3), day(4), 1}, {day(1), day(3), 0}, {day(4), day(10), 0}} {
		recs, err := f.svc.Records(f.ctx, f.admin, dash+".closing",
			insights.Query{From: tt.from, To: tt.to})
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != tt.want {
			t.Errorf("records closing in [%s, %s) = %d, want %d",
				tt.from.Format("01-02"), tt.to.Format("01-02"), len(recs), tt.want)
		}
	}
}

// TestRebuildAllEqualsIncremental drives the random stream of
// TestIncrementalEqualsRebuild and rebuilds every metric of the lead board
// with one RebuildAll, whose activity metrics take the leads from the
// records family's read: the figures stay as the upkeep kept them.
func TestRebuildAllEqualsIncremental(t *testing.T) {
	f := newFixture(t)
	dash := f.setup()
	tasks, _ := f.withTasks()
	s := &stream{f: f, rng: rand.New(rand.NewPCG(3, 5)), tasks: tasks}
	for range 120 {
		s.step()
	}
	// The activity metric first: RebuildAll still reads the records first.
	refs := []string{dash + ".calls"}
	for _, w := range widgets {
		if w != "calls" {
			refs = append(refs, dash+"."+w)
		}
	}
	before := map[string]map[string]map[string]insights.Group{}
	for _, ref := range refs {
		figures, err := f.svc.Figures(f.ctx, tenant, ref)
		if err != nil {
			t.Fatal(err)
		}
		before[ref] = figures
	}
	if len(before[dash+".calls"]) == 0 {
		t.Fatal("the stream logged no calls")
	}

	if _, err := f.svc.RebuildAll(f.ctx, tenant, refs); err != nil {
		t.Fatal(err)
	}
	for _, ref := range refs {
		after, err := f.svc.Figures(f.ctx, tenant, ref)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(after, before[ref], cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: rebuilt figures differ (-rebuild +incremental):\n%s", ref, d)
		}
	}
}
