package timer_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/timer"
)

const tenant = "t1"

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// env is one MongoDB, one Redis and one manual clock shared by the services
// a test builds on them, as processes share them in production.
type env struct {
	store *mongo.Store
	q     *queue.Queue
	clk   *clock.Manual
	rec   *recorder
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return &env{
		store: testenv.Mongo(t),
		q:     testenv.Queue(t),
		clk:   clock.NewManual(start),
		rec:   &recorder{fail: map[string]int{}},
	}
}

// service builds a timer service on the env with the recorder as the
// handler of kind "sla".
func (e *env) service(t *testing.T) *timer.Service {
	t.Helper()
	svc := timer.New(e.store, e.q, e.clk, timer.Config{}, testenv.Logger())
	if err := svc.EnsureIndexes(context.Background()); err != nil {
		t.Fatalf("EnsureIndexes: %v", err)
	}
	svc.Handle("sla", e.rec.handle)
	t.Cleanup(svc.Shutdown)
	return svc
}

// schedule schedules an "sla" timer id due after d.
func (e *env) schedule(t *testing.T, svc *timer.Service, id string, d time.Duration) *timer.Timer {
	t.Helper()
	tm := &timer.Timer{ID: id, Kind: "sla", DueAt: e.clk.Now().Add(d),
		Ref: timer.Ref{InstanceID: "inst-" + id}}
	if err := svc.Schedule(context.Background(), tenant, tm); err != nil {
		t.Fatalf("Schedule(%s): %v", id, err)
	}
	return tm
}

// inRedis reports whether Redis holds the Asynq task of timer id.
func (e *env) inRedis(t *testing.T, id string) bool {
	t.Helper()
	_, err := e.q.Inspector.GetTaskInfo(queue.QueueCritical, id)
	if errors.Is(err, asynq.ErrTaskNotFound) || errors.Is(err, asynq.ErrQueueNotFound) {
		return false
	}
	if err != nil {
		t.Fatalf("GetTaskInfo(%s): %v", id, err)
	}
	return true
}

// deliver runs timer id's Asynq task through svc's handler, as a worker
// would when Asynq hands it over.
func (e *env) deliver(t *testing.T, svc *timer.Service, id string) {
	t.Helper()
	if err := e.process(svc, id); err != nil {
		t.Fatalf("delivering %s: %v", id, err)
	}
}

// process is deliver, returning the handler's error.
func (e *env) process(svc *timer.Service, id string) error {
	info, err := e.q.Inspector.GetTaskInfo(queue.QueueCritical, id)
	if err != nil {
		return fmt.Errorf("GetTaskInfo(%s): %w", id, err)
	}

	mux := asynq.NewServeMux()
	svc.Register(mux)
	return mux.ProcessTask(context.Background(), asynq.NewTask(info.Type, info.Payload))
}

// get reads timer id.
func get(t *testing.T, svc *timer.Service, id string) *timer.Timer {
	t.Helper()
	tm, err := svc.Get(context.Background(), tenant, id)
	if err != nil {
		t.Fatalf("Get(%s): %v", id, err)
	}
	return tm
}

// fireDue fires what is due on the env's clock.
func (e *env) fireDue(t *testing.T, svc *timer.Service) int {
	t.Helper()
	n, err := svc.FireDue(context.Background(), e.clk.Now())
	if err != nil {
		t.Fatalf("FireDue: %v", err)
	}
	return n
}

// recorder is a timer handler that records the timers it was called with
// and fails a given number of times per timer.
type recorder struct {
	mu    sync.Mutex
	fired []string
	fail  map[string]int
	calls int
}

func (r *recorder) handle(_ context.Context, t *timer.Timer) error {
	r.mu.Lock()
	defer r.mu.Unlock()

	r.calls++
	if r.fail[t.ID] > 0 {
		r.fail[t.ID]--
		return fmt.Errorf("boom %d", r.calls)
	}
	r.fired = append(r.fired, t.ID)
	return nil
}

// got returns the ids fired so far, in firing order.
func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.fired...)
}
