package timer_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/runtime/timer"
)

// TestScheduleAllStoresAndPlansEachTimer schedules a batch over a timer
// that exists: the new timers are stored and enqueued when near, the far
// one stays a document, and the existing one keeps its due time.
func TestScheduleAllStoresAndPlansEachTimer(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	first := e.schedule(t, svc, "a", 10*time.Minute)

	batch := []*timer.Timer{
		{ID: "a", Kind: "sla", DueAt: start.Add(time.Hour)},
		{ID: "b", Kind: "sla", DueAt: start.Add(20 * time.Minute)},
		{ID: "c", Kind: "sla", DueAt: start.Add(30 * 24 * time.Hour)},
	}
	if err := svc.ScheduleAll(context.Background(), tenant, batch); err != nil {
		t.Fatalf("ScheduleAll: %v", err)
	}

	got := map[string]bool{}
	for _, id := range []string{"a", "b", "c"} {
		if tm := get(t, svc, id); tm.Status == timer.StatusPending {
			got[id] = e.inRedis(t, id)
		}
	}
	want := map[string]bool{"a": true, "b": true, "c": false}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pending timers and whether Redis has them (-want +got):\n%s", diff)
	}
	if due := get(t, svc, "a").DueAt; !due.Equal(first.DueAt) {
		t.Errorf("existing timer a moved to %s, want %s", due, first.DueAt)
	}

	e.clk.Advance(20 * time.Minute)
	if n := e.fireDue(t, svc); n != 2 {
		t.Errorf("fired %d due timers, want 2 (a and b)", n)
	}
}

// TestScheduleAllRefusesAnIncompleteBatch writes nothing when one timer
// of the batch is invalid.
func TestScheduleAllRefusesAnIncompleteBatch(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	batch := []*timer.Timer{{ID: "ok", Kind: "sla", DueAt: start.Add(time.Minute)},
		{ID: "bad", DueAt: start.Add(time.Minute)}}

	if err := svc.ScheduleAll(context.Background(), tenant, batch); err == nil {
		t.Fatalf("ScheduleAll of an incomplete batch = nil, want a refusal")
	}
	_, err := svc.Get(context.Background(), tenant, "ok")
	if problemCode(err) != "timer.not_found" {
		t.Errorf("valid timer of a refused batch: %v, want timer.not_found", err)
	}
}
