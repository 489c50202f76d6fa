package timer

import (
	"context"
	"sync"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
)

// lifecycle is the running state of the background workers.
type lifecycle struct {
	mu      sync.Mutex
	cancel  context.CancelFunc // ends the workers' context
	running bool
}

// Start runs the background workers until Shutdown: the releaser, the
// backlog's pool, the loader and the reconciler, which reconciles once
// right away (in the background), so a flushed Redis is restored and
// overdue timers fire. With a *clock.Manual, the first reconcile is over
// before Start returns, every Advance or Set fires what became due
// (FireDue) before it returns, and there is no releaser nor backlog pool:
// deliveries of due timers fire them at once. Starting a running service
// does nothing.
func (s *Service) Start(ctx context.Context) {
	s.run.mu.Lock()
	if s.run.running {
		s.run.mu.Unlock()
		return
	}

	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.run.cancel, s.run.running = cancel, true
	s.run.mu.Unlock()

	m, manual := s.clk.(*clock.Manual)
	if manual {
		// A manual clock moves only when told: reconcile before anything
		// can advance it, so tests and demos see a settled start.
		s.initialReconcile(ctx)
	} else {
		s.rel.start(runCtx)
		s.back.start(runCtx)
		// Overdue timers of a long outage fire in the background, so the
		// process is ready (and its readiness check answers) at once.
		go s.initialReconcile(runCtx)
		s.fw.start(runCtx)
	}
	s.load.start(runCtx)
	s.rec.start(runCtx)

	if manual {
		m.OnAdvance(s.followManual(runCtx))
	}
	s.log.InfoContext(ctx, "timer service started", "horizon", s.cfg.Horizon,
		"lead", s.cfg.Lead)
}

// initialReconcile runs the start-up reconcile.
func (s *Service) initialReconcile(ctx context.Context) {
	if _, err := s.Reconcile(ctx); err != nil && ctx.Err() == nil {
		s.log.WarnContext(ctx, "initial timer reconcile failed", "err", err)
	}
}

// Shutdown stops the workers and waits for the timers being fired to
// finish. Timers the releaser was holding are handed back to Asynq, so the
// next worker to run fires them on time. Stop this process's Asynq server
// first: one still running could take them back, and a delivery it gets
// after the releaser stopped is failed for Asynq to retry elsewhere.
func (s *Service) Shutdown() {
	s.run.mu.Lock()
	if !s.run.running {
		s.run.mu.Unlock()
		return
	}
	s.run.running = false
	s.run.mu.Unlock()

	s.load.stop()
	s.rec.stop()
	s.fw.stop()
	s.rel.stop()
	s.back.stop()
	s.run.cancel()
	s.log.Info("timer service stopped")
}

// followManual returns the OnAdvance listener of a manual clock. Manual has
// no way to unregister, so the listener goes quiet once ctx ends.
func (s *Service) followManual(ctx context.Context) func(time.Time) {
	return func(now time.Time) {
		if ctx.Err() != nil || s.stepping.Load() {
			return
		}
		if _, err := s.FireDue(ctx, now); err != nil {
			s.log.WarnContext(ctx, "firing timers after clock advance failed", "err", err)
		}
	}
}

// worker runs fn every period of the service clock until stopped. Waiting
// goes through the clock, so a manual clock drives the workers too.
type worker struct {
	wake chan struct{}
	quit chan struct{}
	done chan struct{}
}

// startWorker starts a worker; each run gets ctx.
func startWorker(ctx context.Context, clk clock.Clock, period time.Duration,
	fn func(context.Context)) *worker {
	w := &worker{wake: make(chan struct{}, 1), quit: make(chan struct{}),
		done: make(chan struct{})}
	go w.loop(ctx, clk, period, fn)
	return w
}

func (w *worker) loop(ctx context.Context, clk clock.Clock, period time.Duration,
	fn func(context.Context)) {
	defer close(w.done)
	for {
		alarm := clock.AfterFunc(clk, period, w.poke)
		select {
		case <-w.quit:
			alarm.Stop()
			return
		case <-w.wake:
		}

		fn(ctx)
	}
}

// poke wakes the worker without blocking.
func (w *worker) poke() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// stop ends the worker and waits for its current run. A nil worker is
// already stopped.
func (w *worker) stop() {
	if w == nil {
		return
	}
	close(w.quit)
	<-w.done
}
