package engine_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/runtime/engine"
)

// batchTimers is a TimerBatchScheduler over MemTimers that records the
// size of every batch.
type batchTimers struct {
	*engine.MemTimers
	mu      sync.Mutex
	batches []int
}

var _ engine.TimerBatchScheduler = (*batchTimers)(nil)

func (b *batchTimers) ScheduleAll(ctx context.Context, tenantID string,
	ts []engine.Timer) error {
	b.mu.Lock()
	b.batches = append(b.batches, len(ts))
	b.mu.Unlock()
	for _, t := range ts {
		if err := b.Schedule(ctx, tenantID, t); err != nil {
			return err
		}
	}
	return nil
}

// TestOneEventSchedulesItsTimersTogether starts two processes on one
// record event: both instances' timers go to the scheduler in one batch,
// both tasks are stored, and the event delivered again adds nothing.
func TestOneEventSchedulesItsTimersTogether(t *testing.T) {
	g := leadProcess(t)
	bt := &batchTimers{MemTimers: engine.NewMemTimers()}
	f := newFixtureWith(t, g, func(defs *fakeDefs, d *engine.Deps) {
		raw, _ := json.Marshal(g)
		defs.add(designer.KindProcess, "lead_response_copy",
			map[string]any{"graph": json.RawMessage(raw)})
		d.Timers = bt
	})
	ctx := context.Background()

	for range 2 {
		if err := f.svc.OnRecordEvent(ctx, f.created("ev1")); err != nil {
			t.Fatalf("OnRecordEvent: %v", err)
		}
	}

	perInstance := len(bt.Pending) / 2
	if perInstance == 0 || len(bt.Pending)%2 != 0 {
		t.Fatalf("pending timers %v, want the same number per instance", bt.Pending)
	}
	if diff := cmp.Diff([]int{2 * perInstance}, bt.batches); diff != "" {
		t.Errorf("timer batches (-want +got):\n%s", diff)
	}
	n, err := f.store.Scope(f.tenant).C(engine.TasksCollection).Count(ctx, bson.D{})
	if err != nil || n != 2 {
		t.Errorf("tasks stored = %d (%v), want 2, one per instance", n, err)
	}
}
