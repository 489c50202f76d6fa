package timer

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

// reconciler makes Redis agree with MongoDB: at start-up and every
// ReconcileEvery it fires overdue timers (claims whose process died
// included) and re-enqueues pending timers within the horizon whose Asynq
// task is missing, so a flushed or restarted Redis loses nothing.
type reconciler struct {
	s *Service
	w *worker
}

func (r *reconciler) start(ctx context.Context) {
	r.w = startWorker(ctx, r.s.clk, r.s.cfg.ReconcileEvery, func(ctx context.Context) {
		if _, err := r.s.Reconcile(ctx); err != nil {
			r.s.log.WarnContext(ctx, "reconciling timers failed", "err", err)
		}
	})
}

func (r *reconciler) stop() {
	r.w.stop()
	r.w = nil
}

// Reconciled says what one reconcile did.
type Reconciled struct {
	// Fired counts overdue timers fired.
	Fired int
	// Restored counts Asynq tasks enqueued again.
	Restored int
	// Pending counts pending timers in the store, all tenants.
	Pending int64
}

// Reconcile runs the reconciler once now: it fires every overdue timer, in
// due order, restores the missing Asynq tasks of pending timers within the
// horizon and counts pending timers for the metrics.
func (s *Service) Reconcile(ctx context.Context) (Reconciled, error) {
	var out Reconciled
	now := s.clk.Now()
	// Set first: a flush while this pass runs then removes it again, and
	// the watch asks for another pass.
	s.markReconciled(ctx)

	fired, err := s.FireDue(ctx, now)
	out.Fired = fired
	if err != nil {
		return out, fmt.Errorf("reconciling timers: %w", err)
	}

	if err := s.publishQueue(ctx); err != nil {
		return out, fmt.Errorf("reconciling timers: %w", err)
	}
	out.Restored, err = s.restore(ctx)
	if err != nil {
		return out, fmt.Errorf("reconciling timers: %w", err)
	}

	pending := bson.D{{Key: "status", Value: StatusPending}}
	out.Pending, err = s.allTenants().CountDocuments(ctx, pending)
	if err != nil {
		return out, fmt.Errorf("counting pending timers: %w", mongo.Classify(err))
	}
	s.stats.pending.Set(float64(out.Pending))
	return out, nil
}

// asynqQueues is the Redis set in which Asynq lists its queues
// (base.AllQueues in Asynq's internals).
const asynqQueues = "asynq:queues"

// publishQueue lists the timer queue in Asynq's set of queues. An Asynq
// client adds a queue there only on its first enqueue, so after Redis lost
// its data the set stays empty, and the Inspector, which checks it, would
// report every task missing and could delete none. Servers do not read it.
func (s *Service) publishQueue(ctx context.Context) error {
	if err := s.q.Redis().SAdd(ctx, asynqQueues, s.cfg.Queue).Err(); err != nil {
		return fmt.Errorf("listing the timer queue in redis: %w", err)
	}
	return nil
}
