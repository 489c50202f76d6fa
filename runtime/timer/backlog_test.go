package timer_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/timer"
)

// backlogRecorder is the handler of "overdue" timers: each call says it
// began and waits until the test releases the backlog; its fired hook
// records the timers whose firing was recorded.
type backlogRecorder struct {
	entered chan string
	release chan struct{}
	done    chan string
	once    sync.Once
}

func newBacklogRecorder() *backlogRecorder {
	r := &backlogRecorder{entered: make(chan string, 16), release: make(chan struct{}),
		done: make(chan string, 16)}
	return r
}

func (r *backlogRecorder) handle(_ context.Context, tm *timer.Timer) error {
	r.entered <- tm.ID
	<-r.release
	return nil
}

// fired is the service's FiredHook.
func (r *backlogRecorder) fired(_ context.Context, tm *timer.Timer) {
	if tm.Kind == "overdue" {
		r.done <- tm.ID
	}
}

// open lets every handler call go on.
func (r *backlogRecorder) open() { r.once.Do(func() { close(r.release) }) }

// receive returns the next n ids sent on ch, failing after a minute.
func receive(t *testing.T, ch <-chan string, n int) []string {
	t.Helper()
	var got []string
	deadline := time.NewTimer(time.Minute)
	defer deadline.Stop()
	for len(got) < n {
		select {
		case id := <-ch:
			got = append(got, id)
		case <-deadline.C:
			t.Fatalf("only %v within a minute, want %d", got, n)
		}
	}
	return got
}

// TestTimersComingDueDoNotWaitBehindTheBacklog holds the backlog's one
// worker in the handler of an overdue timer, queues three more overdue
// timers behind it, out of order, and schedules a timer due in 300 ms:
// that one fires, not early, while the backlog is still stuck; released,
// the backlog fires its timers oldest first, each once.
func TestTimersComingDueDoNotWaitBehindTheBacklog(t *testing.T) {
	e := newEnv(t)
	var real clock.Real
	svc := timer.New(e.store, e.q, real, timer.Config{BacklogConcurrency: 1},
		testenv.Logger())
	ctx := context.Background()
	if err := svc.EnsureIndexes(ctx); err != nil {
		t.Fatalf("EnsureIndexes: %v", err)
	}
	punctual := make(chan firing, 1)
	svc.Handle("sla", func(_ context.Context, tm *timer.Timer) error {
		now := real.Now()
		punctual <- firing{id: tm.ID, early: now.Before(tm.DueAt), firedAt: now}
		return nil
	})
	rec := newBacklogRecorder()
	svc.Handle("overdue", rec.handle)
	svc.OnFired(rec.fired)
	svc.Start(ctx)
	t.Cleanup(svc.Shutdown)
	t.Cleanup(rec.open) // first: Shutdown waits for the handlers

	scheduleOverdue(t, svc, "old-0", 10*time.Minute)
	receive(t, rec.entered, 1)
	for _, id := range []string{"old-3", "old-1", "old-2"} {
		scheduleOverdue(t, svc, id, map[string]time.Duration{"old-1": 9 * time.Minute,
			"old-2": 5 * time.Minute, "old-3": time.Minute}[id])
	}
	soon := &timer.Timer{ID: "soon", Kind: "sla", DueAt: real.Now().Add(300 * time.Millisecond)}
	if err := svc.Schedule(ctx, tenant, soon); err != nil {
		t.Fatalf("Schedule(soon): %v", err)
	}

	select {
	case f := <-punctual:
		if f.early {
			t.Errorf("timer soon fired early, at %v", f.firedAt)
		}
	case <-time.After(time.Minute):
		t.Fatal("the timer coming due did not fire while the backlog was stuck")
	}
	rec.open()
	got := receive(t, rec.done, 4)
	if diff := cmp.Diff([]string{"old-0", "old-1", "old-2", "old-3"}, got); diff != "" {
		t.Errorf("backlog order (-want +got):\n%s", diff)
	}
	for _, id := range got {
		if tm := get(t, svc, id); tm.Status != timer.StatusFired || tm.Attempts != 1 {
			t.Errorf("%s is %s after %d attempts, want fired after 1", id, tm.Status,
				tm.Attempts)
		}
	}
}

// scheduleOverdue schedules an "overdue" timer id that fell due ago.
func scheduleOverdue(t *testing.T, svc *timer.Service, id string, ago time.Duration) {
	t.Helper()
	tm := &timer.Timer{ID: id, Kind: "overdue", DueAt: clock.Real{}.Now().Add(-ago)}
	if err := svc.Schedule(context.Background(), tenant, tm); err != nil {
		t.Fatalf("Schedule(%s): %v", id, err)
	}
}

// TestReconcileRestoresFirstThenDrainsOldestFirst reconciles, on the real
// clock and without a running service, a flushed Redis with four overdue
// timers and one due in half an hour: the later one's task is back, the
// overdue ones fire oldest first, and a second reconcile fires nothing.
func TestReconcileRestoresFirstThenDrainsOldestFirst(t *testing.T) {
	e := newEnv(t)
	svc := timer.New(e.store, e.q, clock.Real{}, timer.Config{BacklogConcurrency: 1},
		testenv.Logger())
	ctx := context.Background()
	if err := svc.EnsureIndexes(ctx); err != nil {
		t.Fatalf("EnsureIndexes: %v", err)
	}
	svc.Handle("sla", e.rec.handle)
	svc.Handle("overdue", func(ctx context.Context, tm *timer.Timer) error {
		return e.rec.handle(ctx, tm)
	})
	for id, ago := range map[string]time.Duration{"old-2": 5 * time.Minute,
		"old-0": 10 * time.Minute, "old-3": time.Minute, "old-1": 9 * time.Minute} {
		scheduleOverdue(t, svc, id, ago)
	}
	later := &timer.Timer{ID: "later", Kind: "sla", DueAt: clock.Real{}.Now().Add(30 * time.Minute)}
	if err := svc.Schedule(ctx, tenant, later); err != nil {
		t.Fatalf("Schedule(later): %v", err)
	}
	flush(t, e)

	res, err := svc.Reconcile(ctx)
	if err != nil {
		t.Fatalf("Reconcile: %v", err)
	}
	if res.Fired != 4 || res.Restored != 1 {
		t.Errorf("Reconcile = %+v, want 4 fired and 1 restored", res)
	}
	if !e.inRedis(t, "later") {
		t.Error("the task of the timer due later was not restored")
	}
	if diff := cmp.Diff([]string{"old-0", "old-1", "old-2", "old-3"}, e.rec.got()); diff != "" {
		t.Errorf("fired (-want +got):\n%s", diff)
	}

	again, err := svc.Reconcile(ctx)
	if err != nil || again.Fired != 0 {
		t.Errorf("second Reconcile = %+v, %v; want nothing fired", again, err)
	}
}

// TestDeadClaimOfAnotherProcess leaves a timer claimed, under a lease
// that runs for another two minutes, by a process that is gone, and
// reconciles: on the embedded store, which one process alone can open,
// the claim is dead and the timer fires at once; on a server store
// another process may still be firing it, so the lease stands.
func TestDeadClaimOfAnotherProcess(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	e.schedule(t, svc, "crashed", time.Minute)
	e.clk.Advance(time.Minute)
	_, err := e.store.Scope(tenant).C(timer.Collection).UpdateOne(context.Background(),
		bson.D{{Key: "_id", Value: "crashed"}}, bson.D{{Key: "$set", Value: bson.D{
			{Key: "status", Value: timer.StatusFiring},
			{Key: "lease_until", Value: e.clk.Now().Add(2 * time.Minute)},
			{Key: "claimed_by", Value: "a-process-that-died"},
		}}})
	if err != nil {
		t.Fatalf("faking the claim: %v", err)
	}

	res, err := svc.Reconcile(context.Background())
	if err != nil {
		t.Fatalf("Reconcile: %v", err)
	}
	want := 0
	if e.store.Mode == mongo.ModeEmbedded {
		want = 1
	}
	if res.Fired != want {
		t.Errorf("Reconcile fired %d on the %s store, want %d", res.Fired, e.store.Mode, want)
	}
}
