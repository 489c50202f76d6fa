package reliability_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/outbox"
	"github.com/formworkhq/formwork/runtime/timer"
)

// copiesPerTask is how many times each task is delivered at once: twice
// to each of two workers.
const copiesPerTask = 4

// fault5Count is how many timers and how many messages Fault 5 uses.
const fault5Count = 100

// TestFault5DuplicateTimerTasks hands every timer's Asynq task to two
// timer services on the same stores (two worker processes), twice each,
// all at once: each timer's handler runs exactly once.
func TestFault5DuplicateTimerTasks(t *testing.T) {
	st, q := testenv.Mongo(t), testenv.Queue(t)
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clk := clock.NewManual(start)
	var mu sync.Mutex
	effects := map[string]int{}
	workers := make([]*timer.Service, 2)
	for i := range workers {
		workers[i] = timer.New(st, q, clk, timer.Config{}, testenv.Logger())
		if err := workers[i].EnsureIndexes(t.Context()); err != nil {
			t.Fatal(err)
		}
		workers[i].Handle("sla", func(_ context.Context, tm *timer.Timer) error {
			mu.Lock()
			defer mu.Unlock()
			effects[tm.ID]++
			return nil
		})
	}

	ids := make([]string, fault5Count)
	for i := range ids {
		ids[i] = fmt.Sprintf("tm-%03d", i)
		tm := &timer.Timer{ID: ids[i], Kind: "sla", DueAt: start.Add(time.Minute)}
		if err := workers[0].Schedule(t.Context(), fmt.Sprintf("t%d", i%10), tm); err != nil {
			t.Fatal(err)
		}
	}
	clk.Set(start.Add(2 * time.Minute))

	deliveries := deliverEachConcurrently(t, q, queue.QueueCritical, ids,
		func(i int) func(context.Context, *asynq.Task) error {
			mux := asynq.NewServeMux()
			workers[i%2].Register(mux)
			return mux.ProcessTask
		})

	checkOnce(t, "timers", ids, effects, deliveries)
}

// TestFault5DuplicateDeliveryTasks does the same with outbox deliveries:
// every message's task is run four times at once by two services, and
// the channel is called exactly once per message.
func TestFault5DuplicateDeliveryTasks(t *testing.T) {
	st, q := testenv.Mongo(t), testenv.Queue(t)
	clk := clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	var mu sync.Mutex
	effects := map[string]int{}
	send := outbox.SenderFunc(func(_ context.Context, m *outbox.Message) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		effects[m.ID]++
		return "vendor-" + m.ID, nil
	})
	workers := make([]*outbox.Service, 2)
	for i := range workers {
		workers[i] = outbox.New(st, q, clk, outbox.Config{}, testenv.Logger())
		if err := workers[i].EnsureIndexes(t.Context()); err != nil {
			t.Fatal(err)
		}
		workers[i].RegisterSender("wecom", send)
	}

	ids := make([]string, fault5Count)
	for i := range ids {
		m, err := workers[0].Add(t.Context(), fmt.Sprintf("t%d", i%10), outbox.Message{
			Channel: "wecom", Kind: outbox.KindNotify, Recipients: []string{"u1"},
			DedupeKey: fmt.Sprintf("sla-%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = m.ID
	}

	deliveries := deliverEachConcurrently(t, q, queue.QueueDefault, ids,
		func(i int) func(context.Context, *asynq.Task) error {
			mux := asynq.NewServeMux()
			workers[i%2].Register(mux)
			return mux.ProcessTask
		})

	checkOnce(t, "deliveries", ids, effects, deliveries)
}

// deliverEachConcurrently reads each id's task from Redis and runs it
// copiesPerTask times at once, copy i through handler(i). It returns how
// many deliveries ran without error.
func deliverEachConcurrently(t *testing.T, q *queue.Queue, qname string, ids []string,
	handler func(int) func(context.Context, *asynq.Task) error) int {
	t.Helper()
	tasks := make([]*asynq.Task, len(ids))
	for i, id := range ids {
		info, err := q.Inspector.GetTaskInfo(qname, id)
		if err != nil {
			t.Fatalf("task of %s: %v", id, err)
		}
		tasks[i] = asynq.NewTask(info.Type, info.Payload)
	}

	var ok atomic.Int64
	var wg sync.WaitGroup
	for _, task := range tasks {
		ready := make(chan struct{})
		for c := range copiesPerTask {
			wg.Go(func() {
				<-ready
				if err := handler(c)(context.Background(), task); err != nil {
					t.Errorf("delivery of a copy failed: %v", err)
					return
				}
				ok.Add(1)
			})
		}
		close(ready)
	}
	wg.Wait()
	return int(ok.Load())
}

// checkOnce checks one effect per id and reports the figure.
func checkOnce(t *testing.T, what string, ids []string, effects map[string]int, runs int) {
	t.Helper()
	once, twice := 0, 0
	for _, id := range ids {
		switch n := effects[id]; {
		case n == 1:
			once++
		case n > 1:
			twice++
			t.Errorf("%s: %s took effect %d times", what, id, n)
		default:
			t.Errorf("%s: %s never took effect", what, id)
		}
	}
	report(t, figure{fault: "fault 5", what: fmt.Sprintf("%d %s, each task run %d× at once "+
		"by 2 workers", len(ids), what, copiesPerTask),
		value: fmt.Sprintf("%d once, %d more than once, %d lost (%d runs)", once, twice,
			len(ids)-once-twice, runs),
		target: "one effect each", met: once == len(ids)})
}
