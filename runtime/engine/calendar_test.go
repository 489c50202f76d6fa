package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/runtime/engine"
)

// TestCalendarChangeReplansBusinessDeadlines publishes a holiday on the
// day an "8h business" SLA falls due: that deadline moves a working day
// on, the wall-time ones stay, and the same change again does nothing.
func TestCalendarChangeReplansBusinessDeadlines(t *testing.T) {
	r := newRunner(t, leadProcess(t), map[string]any{"company": "Acme"})
	with := func(c *calendar.Calendar) map[string]*calendar.Calendar {
		return map[string]*calendar.Calendar{"cn_workdays": c}
	}
	do := func(now time.Time, ev engine.Event, cals map[string]*calendar.Calendar) engine.Result {
		res := r.m.Advance(r.st, engine.Input{Now: now, Event: ev, Record: r.rec,
			Calendars: cals})
		r.st = res.State
		return res
	}
	start := do(monday10, engine.Event{Kind: engine.EventStart}, with(calendar.Default()))
	if diff := cmp.Diff([]string{"create_task:first_follow_up",
		"schedule_timer:first_follow_up@Mon 12:00", "schedule_timer:first_follow_up@Mon 14:00",
		"schedule_timer:first_follow_up@Tue 10:00"}, kinds(start.Effects)); diff != "" {
		t.Fatalf("start (-want +got):\n%s", diff)
	}

	holiday := calendar.Default()
	holiday.Holidays = []string{"2025-01-07"}
	change := engine.Event{Kind: engine.EventCalendarChanged, Calendar: "cn_workdays"}
	res := do(at(2025, 1, 6, 11, 0), change, with(holiday))
	want := []string{"cancel_timer:first_follow_up", "schedule_timer:first_follow_up@Wed 10:00"}
	if diff := cmp.Diff(want, kinds(res.Effects)); diff != "" {
		t.Errorf("after the holiday (-want +got):\n%s", diff)
	}
	if !res.Changed {
		t.Error("the change did not move the instance")
	}
	if res := do(at(2025, 1, 6, 11, 1), change, with(holiday)); res.Changed ||
		len(res.Effects) != 0 {
		t.Errorf("the same change again = %v", kinds(res.Effects))
	}
	other := engine.Event{Kind: engine.EventCalendarChanged, Calendar: "another"}
	if res := do(at(2025, 1, 6, 11, 2), other, with(calendar.Default())); res.Changed {
		t.Errorf("a calendar the process does not use moved it: %v", kinds(res.Effects))
	}

	// The moved timer is the one that fires; the old one is stale.
	var moved string
	for _, e := range res.Effects {
		if e.Timer != nil {
			moved = e.Timer.ID
		}
	}
	stale := do(at(2025, 1, 7, 10, 0), engine.Event{Kind: engine.EventTimerFired,
		TimerID: timerIDs(start.Effects)[2]}, with(holiday))
	if len(stale.Effects) != 0 {
		t.Errorf("the replaced timer still fires: %v", kinds(stale.Effects))
	}
	fired := do(at(2025, 1, 8, 10, 0), engine.Event{Kind: engine.EventTimerFired,
		TimerID: moved}, with(holiday))
	if diff := cmp.Diff([]string{"message:escalate/notify"}, kinds(fired.Effects)); diff != "" {
		t.Errorf("the moved timer (-want +got):\n%s", diff)
	}
}

// timerIDs lists the ids of the timers effects schedule, in order.
func timerIDs(effects []engine.Effect) []string {
	var out []string
	for _, e := range effects {
		if e.Timer != nil {
			out = append(out, e.Timer.ID)
		}
	}
	return out
}

// TestCalendarChangeMovesTaskDueDate gives the lead task a business-time
// due date: the holiday moves it, through a redue effect.
func TestCalendarChangeMovesTaskDueDate(t *testing.T) {
	g := leadProcess(t)
	for i := range g.Nodes {
		if c, ok := g.Nodes[i].Config.(*process.UserTaskConfig); ok {
			c.Due = "8h business"
		}
	}
	r := newRunner(t, g, map[string]any{"company": "Acme"})
	cals := map[string]*calendar.Calendar{"cn_workdays": calendar.Default()}
	start := r.m.Advance(r.st, engine.Input{Now: monday10,
		Event: engine.Event{Kind: engine.EventStart}, Record: r.rec, Calendars: cals})
	r.st = start.State

	holiday := calendar.Default()
	holiday.Holidays = []string{"2025-01-07"}
	res := r.m.Advance(r.st, engine.Input{Now: at(2025, 1, 6, 11, 0), Record: r.rec,
		Event:     engine.Event{Kind: engine.EventCalendarChanged, Calendar: "cn_workdays"},
		Calendars: map[string]*calendar.Calendar{"cn_workdays": holiday}})
	var due time.Time
	for _, e := range res.Effects {
		if e.Kind == engine.EffectRedueTask {
			due = e.Task.DueAt
		}
	}
	if want := at(2025, 1, 8, 10, 0); !due.Equal(want) {
		t.Errorf("task due = %v, want %v (effects %v)", due, want, kinds(res.Effects))
	}
}

// TestOnCalendarChangedMovesRunningInstances publishes a holiday under a
// running lead instance: its business-time SLA timer moves, once.
func TestOnCalendarChangedMovesRunningInstances(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, leadProcess(t))
	if err := f.svc.OnRecordEvent(ctx, f.created("ev1")); err != nil {
		t.Fatal(err)
	}
	dues := func() []string {
		var out []string
		for _, tm := range f.timers.Due() {
			out = append(out, tm.Due.In(shanghai).Format("Mon 15:04"))
		}
		return out
	}
	if diff := cmp.Diff([]string{"Mon 12:00", "Mon 14:00", "Tue 10:00"}, dues()); diff != "" {
		t.Fatalf("before (-want +got):\n%s", diff)
	}

	holiday := calendar.Default()
	holiday.Holidays = []string{"2025-01-07"}
	f.cals["cn_workdays"] = holiday
	n, err := f.svc.OnCalendarChanged(ctx, f.tenant, "cn_workdays")
	if err != nil || n != 1 {
		t.Fatalf("OnCalendarChanged = %d, %v; want 1 instance", n, err)
	}
	if diff := cmp.Diff([]string{"Mon 12:00", "Mon 14:00", "Wed 10:00"}, dues()); diff != "" {
		t.Errorf("after (-want +got):\n%s", diff)
	}
	if n, err := f.svc.OnCalendarChanged(ctx, f.tenant, "cn_workdays"); err != nil || n != 0 {
		t.Errorf("again = %d, %v; want 0", n, err)
	}
	if n, err := f.svc.OnCalendarChanged(ctx, f.tenant, "unused"); err != nil || n != 0 {
		t.Errorf("an unused calendar = %d, %v; want 0", n, err)
	}
}
