package reliability_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/outbox"
)

const (
	inFlight = 200
	// slowOnes outlast the shutdown timeout: the server abandons them.
	slowOnes = 10
)

// vendor is a slow channel: each send takes 4 to 8 s (a slow one's first
// send longer than any shutdown waits, unless cancelled) and it counts,
// per message, the sends that completed.
type vendor struct {
	mu     sync.Mutex
	done   map[string]int
	active atomic.Int64
	slow   map[string]bool
}

func (v *vendor) Send(ctx context.Context, m *outbox.Message) (string, error) {
	v.active.Add(1)
	defer v.active.Add(-1)
	wait := time.Duration(4000+rand.IntN(4000)) * time.Millisecond
	v.mu.Lock()
	if v.slow[m.ID] {
		wait = time.Minute // cut short by the send timeout or the shutdown
		delete(v.slow, m.ID)
	}
	v.mu.Unlock()
	select {
	case <-time.After(wait):
	case <-ctx.Done():
		return "", outbox.Retryable(fmt.Errorf("send interrupted: %w", ctx.Err()))
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.done[m.ID]++
	return "v-" + m.ID, nil
}

// worker is one process's outbox with its Asynq server and sweeper.
type worker struct {
	svc   *outbox.Service
	srv   *asynq.Server
	sweep *outbox.Sweeper
}

func startWorker(t *testing.T, st *mongo.Store, q *queue.Queue, v *vendor) *worker {
	t.Helper()
	cfg := outbox.Config{SendTimeout: 15 * time.Second, SweepInterval: 2 * time.Second}
	w := &worker{svc: outbox.New(st, q, clock.Real{}, cfg, testenv.Logger())}
	if err := w.svc.EnsureIndexes(t.Context()); err != nil {
		t.Fatal(err)
	}
	w.svc.RegisterSender("crm", v)
	mux := asynq.NewServeMux()
	w.svc.Register(mux)
	w.srv = q.Server(queue.ServerConfig{Concurrency: inFlight + slowOnes,
		ShutdownTimeout: 5 * time.Second, DelayedTaskCheckInterval: time.Second},
		testenv.Logger())
	if err := w.srv.Start(mux); err != nil {
		t.Fatal(err)
	}
	w.sweep = w.svc.NewSweeper()
	w.sweep.Start(t.Context())
	return w
}

// stop is what SIGTERM does to a worker: stop sweeping, then let Asynq
// finish its running tasks for up to its shutdown timeout.
func (w *worker) stop() {
	w.sweep.Shutdown()
	w.srv.Shutdown()
}

// TestFault8SigtermWithTasksInFlight starts a worker on a real
// redis-server, gives it 210 deliveries to a slow channel and, with about
// 200 of them running, stops it as SIGTERM does (Asynq's graceful shutdown, 5 s);
// ten of the sends outlast that. Then a second worker starts on the same
// stores — a rolling restart. After shutdown no task is left "active" in
// Asynq; the second worker delivers everything that was left, the
// abandoned claims once their lease ends, and each message is delivered
// once — the abandoned sends were cancelled, not completed. A long suite.
func TestFault8SigtermWithTasksInFlight(t *testing.T) {
	long(t)
	r := startRedis(t)
	q := openQueue(t, r.addr)
	st := testenv.Mongo(t)
	v := &vendor{done: map[string]int{}, slow: map[string]bool{}}

	first := startWorker(t, st, q, v)
	ids := addDeliveries(t, first.svc, v)
	running := int64(0)
	for deadline := time.Now().Add(20 * time.Second); running < inFlight &&
		time.Now().Before(deadline); {
		running = max(running, v.active.Load())
		time.Sleep(10 * time.Millisecond)
	}
	first.stop()
	activeAfter := activeTasks(t, q)

	second := startWorker(t, st, q, v)
	defer second.stop()
	delivered, waited := waitDelivered(t, second.svc, ids)
	once, more := v.counts(ids)

	met := running >= inFlight*3/4 && activeAfter == 0 && delivered == len(ids) &&
		once == len(ids) && more == 0
	report(t, figure{fault: "fault 8", what: fmt.Sprintf("SIGTERM (graceful stop) with %d "+
		"deliveries running, %d outlasting the 5 s grace, then a second worker", running,
		slowOnes),
		value: fmt.Sprintf("%d active in Asynq after shutdown; %d of %d delivered %s after "+
			"the restart; %d once, %d more than once", activeAfter, delivered, len(ids),
			waited.Round(time.Second), once, more),
		target: "0 stuck active, 0 lost, one effect each", met: met})
	if !met {
		t.Errorf("running %d, active after %d, delivered %d/%d, once %d, more %d", running,
			activeAfter, delivered, len(ids), once, more)
	}
}

// addDeliveries adds inFlight + slowOnes messages, the last slowOnes slow.
func addDeliveries(t *testing.T, svc *outbox.Service, v *vendor) []string {
	t.Helper()
	ids := make([]string, inFlight+slowOnes)
	for i := range ids {
		m, err := svc.Add(t.Context(), fmt.Sprintf("t%d", i%10), outbox.Message{
			Channel: "crm", Kind: outbox.KindCallAction, DedupeKey: fmt.Sprintf("d-%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = m.ID
		if i >= inFlight {
			v.mu.Lock()
			v.slow[m.ID] = true
			v.mu.Unlock()
		}
	}
	return ids
}

// activeTasks counts the tasks Asynq holds as active, in every queue.
func activeTasks(t *testing.T, q *queue.Queue) int {
	t.Helper()
	n := 0
	for name := range queue.DefaultQueues() {
		if info, err := q.Inspector.GetQueueInfo(name); err == nil {
			n += info.Active
		}
	}
	return n
}

// settledActive is activeTasks once Asynq has had time to recover the
// tasks of a stopped worker (their lease runs out and they go back to be
// run again): "stuck" means still active after that, not at one instant.
func settledActive(t *testing.T, q *queue.Queue) int {
	t.Helper()
	began := time.Now()
	n := activeTasks(t, q)
	for n > 0 && time.Since(began) < 90*time.Second {
		time.Sleep(2 * time.Second)
		n = activeTasks(t, q)
	}
	return n
}

// waitDelivered polls the messages until all are delivered or two minutes
// pass: the interrupted ones are delivered by their retry, after the
// backoff (15 to 30 s).
func waitDelivered(t *testing.T, svc *outbox.Service, ids []string) (int, time.Duration) {
	t.Helper()
	began := time.Now()
	delivered := 0
	for time.Since(began) < 2*time.Minute {
		delivered = 0
		for i, id := range ids {
			m, err := svc.Get(t.Context(), ownerOf(fmt.Sprintf("t%d", i%10)), id)
			if err == nil && m.Status == outbox.StatusDelivered {
				delivered++
			}
		}
		if delivered == len(ids) {
			break
		}
		time.Sleep(time.Second)
	}
	return delivered, time.Since(began)
}

func (v *vendor) counts(ids []string) (once, more int) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, id := range ids {
		switch n := v.done[id]; {
		case n == 1:
			once++
		case n > 1:
			more++
		}
	}
	return once, more
}
