package timer_test

import (
	"context"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/timer"
)

// TestShutdownHandsHeldTimersBack holds a timer in the releaser whose
// Asynq task is gone, as after the delivery that brought it, and shuts the
// service down: the timer must be back in Redis, for the next worker,
// rather than left to the next reconcile.
func TestShutdownHandsHeldTimersBack(t *testing.T) {
	e := newEnv(t)
	var real clock.Real
	svc := timer.New(e.store, e.q, real, timer.Config{Lead: time.Hour}, testenv.Logger())
	ctx := context.Background()
	if err := svc.EnsureIndexes(ctx); err != nil {
		t.Fatalf("EnsureIndexes: %v", err)
	}
	svc.Handle("sla", e.rec.handle)
	svc.Start(ctx)

	// Due within Lead: planned straight into the releaser.
	tm := &timer.Timer{ID: "held", Kind: "sla", DueAt: real.Now().Add(30 * time.Minute)}
	if err := svc.Schedule(ctx, tenant, tm); err != nil {
		t.Fatalf("Schedule: %v", err)
	}
	if err := e.q.Inspector.DeleteTask(queue.QueueCritical, "held"); err != nil {
		t.Fatalf("removing the delivered task: %v", err)
	}
	if e.inRedis(t, "held") {
		t.Fatal("task still in Redis after its removal")
	}

	svc.Shutdown()
	if !e.inRedis(t, "held") {
		t.Error("a timer held at shutdown is not back in Redis")
	}
	if got := get(t, svc, "held"); got.Status != timer.StatusPending {
		t.Errorf("held timer is %s after shutdown, want pending", got.Status)
	}
}

// TestEarlyDeliveryWithoutReleaserIsRetried delivers a timer that is not
// due to a service on the real clock whose releaser does not run (it shut
// down): the delivery fails, so Asynq delivers it again elsewhere, and
// nothing fires.
func TestEarlyDeliveryWithoutReleaserIsRetried(t *testing.T) {
	e := newEnv(t)
	var real clock.Real
	svc := timer.New(e.store, e.q, real, timer.Config{}, testenv.Logger())
	if err := svc.EnsureIndexes(context.Background()); err != nil {
		t.Fatalf("EnsureIndexes: %v", err)
	}
	svc.Handle("sla", e.rec.handle)
	tm := &timer.Timer{ID: "early", Kind: "sla", DueAt: real.Now().Add(30 * time.Minute)}
	if err := svc.Schedule(context.Background(), tenant, tm); err != nil {
		t.Fatalf("Schedule: %v", err)
	}

	if err := e.process(svc, "early"); err == nil {
		t.Error("early delivery without a releaser succeeded; want an error to retry it")
	}
	if got := e.rec.got(); len(got) != 0 {
		t.Errorf("fired %v before the due time", got)
	}
}
