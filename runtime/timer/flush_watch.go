package timer

import (
	"context"
	"time"
)

// sentinelKey is a Redis key the reconciler sets after every pass. Redis
// keeps nothing of its own on disk here, so a restart, a failover to an
// empty replica or a FLUSHALL all make it vanish; the watch notices within
// FlushCheckEvery and restores the horizon at once instead of at the next
// periodic reconcile, minutes later.
const sentinelKey = "formwork:timers:sentinel"

// flushWatch checks the sentinel and reconciles when it is gone.
type flushWatch struct {
	s *Service
	w *worker
}

func (f *flushWatch) start(ctx context.Context) {
	f.w = startWorker(ctx, f.s.clk, f.s.cfg.FlushCheckEvery, func(ctx context.Context) {
		n, err := f.s.q.Redis().Exists(ctx, sentinelKey).Result()
		if err != nil || n > 0 {
			return // Redis unreachable is the readiness check's to report
		}
		f.s.log.WarnContext(ctx, "redis lost the timer horizon; restoring it from MongoDB")
		if _, err := f.s.Reconcile(ctx); err != nil {
			f.s.log.WarnContext(ctx, "restoring timers after a redis flush failed", "err", err)
		}
	})
}

func (f *flushWatch) stop() {
	if f.w != nil {
		f.w.stop()
		f.w = nil
	}
}

// markReconciled sets the sentinel as a reconcile starts.
func (s *Service) markReconciled(ctx context.Context) {
	if err := s.q.Redis().Set(ctx, sentinelKey, time.Now().UTC().Format(time.RFC3339), 0).
		Err(); err != nil {
		s.log.WarnContext(ctx, "setting the timer sentinel failed", "err", err)
	}
}
