package reliability_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/timer"
)

// flushTimers is how many timers Fault 2 schedules: 10,000 in the long
// suite, 500 otherwise (firing them all costs two updates each).
func flushTimers() int {
	if isLong() {
		return 10_000
	}
	return 500
}

// dueSpread returns n due offsets from 1 minute to 30 days, spaced
// log-uniformly so that every scale (minutes, hours, days) is covered and
// a good share falls within the one-hour Redis horizon.
func dueSpread(n int) []time.Duration {
	lo, hi := float64(time.Minute), float64(30*24*time.Hour)
	out := make([]time.Duration, n)
	for i := range out {
		f := float64(i) / float64(n-1)
		out[i] = time.Duration(lo * math.Pow(hi/lo, f)).Round(time.Millisecond)
	}
	return out
}

// TestFault2RedisFlushed schedules timers due from 1 minute to 30 days
// across 10 tenants, flushes Redis (FLUSHALL on the embedded one, FLUSHDB
// of the test database on a shared real one), runs the reconciler as a
// start-up or its next tick does, and then lets 30 days pass on a manual
// clock: every timer within the horizon is back in Redis, and every timer
// fires once, none before its due time, none lost.
//
// It runs on the test Redis (embedded, or FORMWORK_TEST_REDIS_ADDR) and on
// a redis-server of its own, where it really sends FLUSHALL.
func TestFault2RedisFlushed(t *testing.T) {
	t.Run("test-redis", func(t *testing.T) { flushFault(t, testenv.Queue(t)) })
	t.Run("own-redis-server", func(t *testing.T) {
		r := startRedis(t)
		flushFault(t, openQueue(t, r.addr))
	})
}

// openQueue opens the queue on the Redis at addr for the test.
func openQueue(t *testing.T, addr string) *queue.Queue {
	t.Helper()
	q, err := queue.Open(t.Context(), queue.Options{Addr: addr}, testenv.Logger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = q.Close() })
	return q
}

func flushFault(t *testing.T, q *queue.Queue) {
	ctx := t.Context()
	st := testenv.Mongo(t)
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clk := clock.NewManual(start)
	svc := timer.New(st, q, clk, timer.Config{}, testenv.Logger())
	if err := svc.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	fx := &firings{at: map[string]time.Time{}, clk: clk}
	svc.Handle("sla", fx.handle)

	due := scheduleSpread(t, svc, start, flushTimers())
	inHorizon := queued(t, q)
	flush(t, q)
	if n := queued(t, q); n != 0 {
		t.Fatalf("%d timer tasks left after the flush", n)
	}

	began := time.Now()
	rec, err := svc.Reconcile(ctx)
	restoreTook := time.Since(began)
	if err != nil {
		t.Fatal(err)
	}
	restored := queued(t, q)

	fireThroughMonth(t, svc, clk, due)
	early, lost, twice := fx.check(due)
	report(t, figure{fault: "fault 2", what: fmt.Sprintf("FLUSH with %d timers due 1 min…30 days "+
		"(%s)", len(due), t.Name()),
		value: fmt.Sprintf("%d of %d horizon tasks restored in %s, %d pending in MongoDB; "+
			"then %d fired, %d early, %d lost, %d twice", restored, inHorizon,
			restoreTook.Round(time.Millisecond), rec.Pending, len(fx.at), early, lost, twice),
		target: "all restored within 10 s, 0 early, 0 lost",
		met: restored == inHorizon && restoreTook < 10*time.Second && early == 0 &&
			lost == 0 && twice == 0})
	if restored != inHorizon || early+lost+twice > 0 {
		t.Errorf("restored %d of %d; %d early, %d lost, %d twice", restored, inHorizon,
			early, lost, twice)
	}
}

// scheduleSpread schedules n timers due over dueSpread, round-robin over
// ten tenants, and returns their due times by id.
func scheduleSpread(t *testing.T, svc *timer.Service, start time.Time,
	n int) map[string]time.Time {
	t.Helper()
	due := map[string]time.Time{}
	for i, d := range dueSpread(n) {
		tm := &timer.Timer{ID: fmt.Sprintf("flush-%05d", i), Kind: "sla", DueAt: start.Add(d)}
		if err := svc.Schedule(t.Context(), fmt.Sprintf("t%d", i%10), tm); err != nil {
			t.Fatal(err)
		}
		due[tm.ID] = tm.DueAt
	}
	return due
}

// queued counts the timer tasks Redis holds.
func queued(t *testing.T, q *queue.Queue) int {
	t.Helper()
	info, err := q.Inspector.GetQueueInfo(queue.QueueCritical)
	if err != nil {
		return 0 // a flushed Redis knows no queue
	}
	return info.Size
}

// flush empties Redis. The shared Redis of FORMWORK_TEST_REDIS_ADDR
// (database 10) gets FLUSHDB: FLUSHALL would wipe other people's data.
func flush(t *testing.T, q *queue.Queue) {
	t.Helper()
	var err error
	if q.Addr != os.Getenv("FORMWORK_TEST_REDIS_ADDR") {
		err = q.Redis().FlushAll(t.Context()).Err()
	} else {
		err = q.Redis().FlushDB(t.Context()).Err()
	}
	if err != nil {
		t.Fatalf("flushing redis: %v", err)
	}
}

// fireThroughMonth moves the clock through the due times in 50 steps and
// fires what is due at each, as the running service does on every Advance.
func fireThroughMonth(t *testing.T, svc *timer.Service, clk *clock.Manual,
	due map[string]time.Time) {
	t.Helper()
	times := make([]time.Time, 0, len(due))
	for _, at := range due {
		times = append(times, at)
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	for step := 1; step <= 50; step++ {
		now := clk.Set(times[step*(len(times)-1)/50])
		if _, err := svc.FireDue(t.Context(), now); err != nil {
			t.Fatal(err)
		}
	}
}

// firings records when each timer's handler ran, on the manual clock.
type firings struct {
	mu    sync.Mutex
	at    map[string]time.Time
	twice int
	clk   clock.Clock
}

func (f *firings) handle(_ context.Context, tm *timer.Timer) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.at[tm.ID]; ok {
		f.twice++
	}
	f.at[tm.ID] = f.clk.Now()
	return nil
}

// check counts the timers fired before their due time, never fired and
// fired more than once.
func (f *firings) check(due map[string]time.Time) (early, lost, twice int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for id, at := range due {
		fired, ok := f.at[id]
		switch {
		case !ok:
			lost++
		case fired.Before(at):
			early++
		}
	}
	return early, lost, f.twice
}
