package timer

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
)

// reconciler makes Redis agree with MongoDB: at start-up and every
// ReconcileEvery it re-enqueues pending timers within the horizon whose
// Asynq task is missing, so a flushed or restarted Redis loses nothing,
// and fires overdue timers (claims whose process died included).
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

// Reconcile runs the reconciler once now: it restores the missing Asynq
// tasks of the pending timers coming due within the horizon, then fires
// every overdue timer, oldest first, and counts pending timers for the
// metrics. The restore comes first so that, after a restart or a flush,
// the timers coming due are back on their precise path (the releaser)
// before the backlog starts to drain; on a real clock the backlog then
// drains on its own pool (see backlog), beside them. On a manual clock
// the overdue timers fire one after another, in due order (FireDue).
func (s *Service) Reconcile(ctx context.Context) (Reconciled, error) {
	var out Reconciled
	now := s.clk.Now()
	// Set first: a flush while this pass runs then removes it again, and
	// the watch asks for another pass.
	s.markReconciled(ctx)

	if err := s.publishQueue(ctx); err != nil {
		return out, fmt.Errorf("reconciling timers: %w", err)
	}
	restored, err := s.restore(ctx, now)
	out.Restored = restored
	if err != nil {
		return out, fmt.Errorf("reconciling timers: %w", err)
	}

	out.Fired, err = s.fireOverdue(ctx, now)
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

// fireOverdue fires the timers due by now: on a manual clock with
// FireDue, else through the backlog, and then those that the handlers
// scheduled due by now as well, as FireDue does. It reports how many
// handler calls succeeded.
func (s *Service) fireOverdue(ctx context.Context, now time.Time) (int, error) {
	if _, manual := s.clk.(*clock.Manual); manual {
		return s.FireDue(ctx, now)
	}

	s.back.moveCutoff(now)
	fired := 0
	for range fireDueRounds {
		timers, err := s.findAll(ctx, dueBy(now))
		if err != nil {
			return fired, fmt.Errorf("firing timers due by %s: %w", now.Format(time.RFC3339), err)
		}

		n, ran, err := s.back.drain(ctx, timers)
		fired += n
		if err != nil || !ran {
			return fired, err
		}
	}
	return fired, nil
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
