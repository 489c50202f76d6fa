package timer_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/timer"
)

// firing is one handler call seen on the real clock.
type firing struct {
	id      string
	early   bool
	firedAt time.Time
}

// TestRealClockNeverFiresEarly runs the whole path on the wall clock: timers
// due within Lead go straight to the releaser, a later one comes through an
// Asynq server, and none fires before its due time or twice. It waits for
// the handler calls; it asserts no lateness, which depends on the machine.
func TestRealClockNeverFiresEarly(t *testing.T) {
	e := newEnv(t)
	var real clock.Real
	svc := timer.New(e.store, e.q, real, timer.Config{}, testenv.Logger())
	ctx := context.Background()
	if err := svc.EnsureIndexes(ctx); err != nil {
		t.Fatalf("EnsureIndexes: %v", err)
	}
	seen := make(chan firing, 16)
	svc.Handle("sla", func(_ context.Context, tm *timer.Timer) error {
		now := real.Now()
		seen <- firing{id: tm.ID, early: now.Before(tm.DueAt), firedAt: now}
		return nil
	})

	runWorker(t, e, svc)
	delays := map[string]time.Duration{"100ms": 100 * time.Millisecond,
		"300ms": 300 * time.Millisecond, "1s": time.Second, "6s": 6 * time.Second}
	for id, d := range delays {
		tm := &timer.Timer{ID: id, Kind: "sla", DueAt: real.Now().Add(d)}
		if err := svc.Schedule(ctx, tenant, tm); err != nil {
			t.Fatalf("Schedule(%s): %v", id, err)
		}
	}

	var got []string
	deadline := time.NewTimer(time.Minute)
	defer deadline.Stop()
	for len(got) < len(delays) {
		select {
		case f := <-seen:
			if f.early {
				t.Errorf("timer %s fired early, at %v", f.id, f.firedAt)
			}
			got = append(got, f.id)
		case <-deadline.C:
			t.Fatalf("only %v fired within a minute", got)
		}
	}
	sort.Strings(got)
	if diff := cmp.Diff([]string{"100ms", "1s", "300ms", "6s"}, got); diff != "" {
		t.Errorf("fired (-want +got):\n%s", diff)
	}
}

// runWorker starts svc and an Asynq server delivering its tasks, as
// `formwork worker` does, and stops both at the end of the test.
func runWorker(tb testing.TB, e *env, svc *timer.Service) {
	tb.Helper()
	mux := asynq.NewServeMux()
	svc.Register(mux)
	srv := e.q.Server(queue.ServerConfig{
		DelayedTaskCheckInterval: timer.RecommendedCheckInterval,
	}, testenv.Logger())
	if err := srv.Start(mux); err != nil {
		tb.Fatalf("starting the asynq server: %v", err)
	}
	svc.Start(context.Background())
	tb.Cleanup(func() {
		svc.Shutdown()
		srv.Shutdown()
	})
}
