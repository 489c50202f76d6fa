package timer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/timer"
)

// lateness collects how late each timer fired, on the real clock.
type lateness struct {
	mu   sync.Mutex
	late []time.Duration
	all  chan struct{}
	want int
}

func newLateness(n int) *lateness {
	return &lateness{all: make(chan struct{}), want: n}
}

func (l *lateness) add(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.late = append(l.late, d)
	if len(l.late) == l.want {
		close(l.all)
	}
}

// report waits for every timer and reports fired/s, p50, p99 and early.
func (l *lateness) report(b *testing.B, first time.Time) {
	<-l.all
	span := clock.Since(clock.Real{}, first)
	l.mu.Lock()
	defer l.mu.Unlock()
	slices.Sort(l.late)

	early := 0
	for _, d := range l.late {
		if d < 0 {
			early++
		}
	}
	b.ReportMetric(float64(len(l.late))/span.Seconds(), "fired/s")
	b.ReportMetric(float64(l.late[len(l.late)/2].Milliseconds()), "p50_late_ms")
	b.ReportMetric(float64(l.late[len(l.late)*99/100].Milliseconds()), "p99_late_ms")
	b.ReportMetric(float64(early), "early")
}

// BenchmarkFiring schedules b.N timers, a few seconds ahead on the real
// clock, due gap apart ("sparse", 4 a second; "spread", 20 a second) or all
// at once ("burst"),
// and measures when their handlers run: through this package (Asynq at
// DueAt - Lead, then the releaser) and through raw Asynq ProcessAt at DueAt,
// both with RecommendedCheckInterval. fired/s is timers over the time from
// the first due time to the last firing; in a burst it is the capacity.
// Run it with a fixed count, e.g. -benchtime=200x.
func BenchmarkFiring(b *testing.B) {
	for _, load := range []struct {
		name string
		gap  time.Duration
	}{{"sparse", 250 * time.Millisecond}, {"spread", 50 * time.Millisecond}, {"burst", 0}} {
		b.Run(load.name+"/timer", func(b *testing.B) { benchTimerFiring(b, load.gap) })
		b.Run(load.name+"/raw_asynq", func(b *testing.B) { benchRawFiring(b, load.gap) })
	}
}

func benchTimerFiring(b *testing.B, gap time.Duration) {
	e := newEnv(b)
	real := clock.Real{}
	svc := timer.New(e.store, e.q, real, timer.Config{}, testenv.Logger())
	if err := svc.EnsureIndexes(context.Background()); err != nil {
		b.Fatalf("EnsureIndexes: %v", err)
	}
	lat := newLateness(b.N)
	svc.Handle("sla", func(_ context.Context, tm *timer.Timer) error {
		lat.add(real.Now().Sub(tm.DueAt))
		return nil
	})
	runWorker(b, e, svc)

	first := real.Now().Add(6*time.Second + time.Duration(b.N)*2*time.Millisecond)
	b.ResetTimer()
	for i := range b.N {
		tm := &timer.Timer{Kind: "sla", DueAt: first.Add(time.Duration(i) * gap)}
		if err := svc.Schedule(context.Background(), tenant, tm); err != nil {
			b.Fatalf("Schedule: %v", err)
		}
	}
	lat.report(b, first)
}

func benchRawFiring(b *testing.B, gap time.Duration) {
	e := newEnv(b)
	real := clock.Real{}
	lat := newLateness(b.N)
	mux := asynq.NewServeMux()
	mux.HandleFunc("raw", func(_ context.Context, task *asynq.Task) error {
		due, _ := strconv.ParseInt(string(task.Payload()), 10, 64)
		lat.add(real.Now().Sub(time.UnixMilli(due)))
		return nil
	})
	srv := e.q.Server(queue.ServerConfig{
		DelayedTaskCheckInterval: timer.RecommendedCheckInterval,
	}, testenv.Logger())
	if err := srv.Start(mux); err != nil {
		b.Fatalf("starting the asynq server: %v", err)
	}
	b.Cleanup(srv.Shutdown)

	first := real.Now().Add(6*time.Second + time.Duration(b.N)*2*time.Millisecond)
	b.ResetTimer()
	for i := range b.N {
		due := first.Add(time.Duration(i) * gap)
		task := asynq.NewTask("raw", []byte(strconv.FormatInt(due.UnixMilli(), 10)))
		if err := e.q.Enqueue(context.Background(), task, fmt.Sprint("raw-", i),
			asynq.Queue(queue.QueueCritical), asynq.ProcessAt(due)); err != nil {
			b.Fatalf("Enqueue: %v", err)
		}
	}
	lat.report(b, first)
}

// BenchmarkRedisBytesPerTask measures Redis memory (INFO memory) per
// scheduled timer: one due within the horizon, one due in 30 days (a
// document only), and a raw Asynq task with the same payload and id
// beside them. It needs a real Redis (FORMWORK_TEST_REDIS_ADDR): the
// embedded one does not report memory.
func BenchmarkRedisBytesPerTask(b *testing.B) {
	cases := []struct {
		name     string
		schedule func(b *testing.B, e *env, svc *timer.Service, i int)
	}{
		{name: "timer_near", schedule: func(b *testing.B, e *env, svc *timer.Service, i int) {
			scheduleBench(b, e, svc, i, 30*time.Minute)
		}},
		{name: "timer_30d", schedule: func(b *testing.B, e *env, svc *timer.Service, i int) {
			scheduleBench(b, e, svc, i, 30*24*time.Hour)
		}},
		{name: "raw_asynq", schedule: enqueueRaw},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			e := newEnv(b)
			svc := timer.New(e.store, e.q, clock.Real{}, timer.Config{}, testenv.Logger())
			before := usedMemory(b, e)
			b.ResetTimer()
			for i := range b.N {
				c.schedule(b, e, svc, i)
			}
			b.StopTimer()
			b.ReportMetric(float64(usedMemory(b, e)-before)/float64(b.N), "redis_B/task")
		})
	}
}

func scheduleBench(b *testing.B, e *env, svc *timer.Service, i int, d time.Duration) {
	tm := &timer.Timer{ID: fmt.Sprintf("01jbench%018d", i), Kind: "sla",
		DueAt: clock.Real{}.Now().Add(d)}
	if err := svc.Schedule(context.Background(), tenant, tm); err != nil {
		b.Fatalf("Schedule: %v", err)
	}
}

func enqueueRaw(b *testing.B, e *env, _ *timer.Service, i int) {
	id := fmt.Sprintf("01jbench%018d", i)
	body, _ := json.Marshal(map[string]string{"tenant_id": tenant, "timer_id": id})
	task := asynq.NewTask(timer.TaskType, body)
	err := e.q.Enqueue(context.Background(), task, id, asynq.Queue(queue.QueueCritical),
		asynq.ProcessAt(clock.Real{}.Now().Add(30*time.Minute)))
	if err != nil {
		b.Fatalf("Enqueue: %v", err)
	}
}

// usedMemory reads used_memory from INFO memory.
func usedMemory(b *testing.B, e *env) int64 {
	info, err := e.q.Redis().Info(context.Background(), "memory").Result()
	if err != nil {
		b.Skipf("redis reports no memory (%v); set FORMWORK_TEST_REDIS_ADDR", err)
	}
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "used_memory:"); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	b.Skip("redis reports no used_memory; set FORMWORK_TEST_REDIS_ADDR")
	return 0
}
