package reliability_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/timer"
)

// TestFault2FlushNoticedQuickly runs a timer service as `formwork serve`
// does (real clock, Asynq server, loader and reconciler at their default
// periods) on a redis-server of its own, schedules a timer due in 20 s,
// flushes Redis and waits 40 s. The timer must fire within 10 s of its due
// time.
//
// The loader reads only the slice of time newly inside the horizon and the
// reconciler runs every five minutes; what notices the flush is the timer
// service's sentinel watch (runtime/timer/flush_watch.go), every 5 s.
func TestFault2FlushNoticedQuickly(t *testing.T) {
	long(t)
	r := startRedis(t)
	q := openQueue(t, r.addr)
	svc := timer.New(testenv.Mongo(t), q, clock.Real{}, timer.Config{}, testenv.Logger())
	if err := svc.EnsureIndexes(t.Context()); err != nil {
		t.Fatal(err)
	}
	var firedAt atomic.Pointer[time.Time]
	svc.Handle("sla", func(context.Context, *timer.Timer) error {
		now := time.Now()
		firedAt.Store(&now)
		return nil
	})
	mux := asynq.NewServeMux()
	svc.Register(mux)
	srv := q.Server(queue.ServerConfig{DelayedTaskCheckInterval: timer.RecommendedCheckInterval},
		testenv.Logger())
	if err := srv.Start(mux); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	svc.Start(t.Context())
	t.Cleanup(svc.Shutdown)

	due := time.Now().Add(20 * time.Second)
	if err := svc.Schedule(t.Context(), "t1", &timer.Timer{ID: "after-flush", Kind: "sla",
		DueAt: due}); err != nil {
		t.Fatal(err)
	}
	if err := r.client().FlushAll(t.Context()).Err(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Until(due) + 20*time.Second)

	got := "not fired 20 s after its due time"
	late := time.Duration(-1)
	if at := firedAt.Load(); at != nil {
		late = at.Sub(due)
		got = fmt.Sprintf("fired %s after its due time", late.Round(time.Millisecond))
	}
	met := late >= 0 && late < 10*time.Second
	report(t, figure{fault: "fault 2", what: "a timer due 20 s after FLUSHALL, running service",
		value: got, target: "fires within 10 s of its due time", met: met})
	// Lost is a failure; how late is a figure (tests do not time the
	// machine): 20 s past its due time it must have fired at all.
	if late < 0 {
		t.Errorf("timer due 20 s after a flush: %s", got)
	}
}
