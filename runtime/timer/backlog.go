package timer

import (
	"container/heap"
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// backlog fires overdue timers — what a crash, an outage or a flushed
// Redis left behind — oldest first, on a pool of Config.BacklogConcurrency
// goroutines of its own. The releaser keeps its own pool for the timers
// coming due, so after a restart those fire on time while the backlog
// drains beside them instead of ahead of them. The backlog's pool is
// small on purpose, and gives way to the releaser's firings (giveWay): on
// a store that serialises writes, the two share its time, and punctual
// timers go first.
//
// Timers come in two ways: Reconcile drains the overdue timers it found
// and waits for them (drain), and the releaser passes on a timer due
// before the cutoff (take), as when Asynq delivers the tasks of a stopped
// worker's timers at once when it is back. What it queues lives
// in memory only; stop hands it back to Asynq as the releaser does, and
// if the process dies the timers are still pending documents.
type backlog struct {
	s *Service

	mu      sync.Mutex
	more    *sync.Cond // signalled when an entry is queued or the backlog stops
	queue   dueHeap
	queued  map[ref]*backlogEntry
	ctx     context.Context // nil unless running
	workers sync.WaitGroup
	// cutoff is the instant, in Unix nanoseconds, before which a timer
	// that is still to fire is backlog: the service's start, then the
	// latest reconcile's now. A timer due after it that merely arrives
	// late (a busy machine) stays on the releaser's precise path.
	cutoff atomic.Int64
}

// backlogEntry is one queued timer and the drains waiting for it.
type backlogEntry struct {
	due   time.Time
	waits []*drainWait
}

// backlogYield bounds how long a backlog worker gives way, before each
// firing, to the releaser's: punctual timers go first, and the backlog
// still fires at least one timer per worker every backlogYield.
const backlogYield = 50 * time.Millisecond

func newBacklog(s *Service) *backlog {
	b := &backlog{s: s, queued: map[ref]*backlogEntry{}}
	b.more = sync.NewCond(&b.mu)
	return b
}

// start runs the pool until stop.
func (b *backlog) start(ctx context.Context) {
	b.moveCutoff(b.s.clk.Now())
	b.mu.Lock()
	defer b.mu.Unlock()
	b.ctx = ctx
	for range b.s.cfg.BacklogConcurrency {
		b.workers.Add(1)
		go b.work(ctx)
	}
}

// stop ends the pool, waits for the timers being fired, releases the
// drains still waiting and hands what is still queued back to Asynq.
func (b *backlog) stop() {
	b.mu.Lock()
	if b.ctx == nil {
		b.mu.Unlock()
		return
	}
	b.ctx = nil
	b.more.Broadcast()
	b.mu.Unlock()
	b.workers.Wait()

	b.mu.Lock()
	left := make(map[ref]time.Time, len(b.queued))
	for key, e := range b.queued {
		left[key] = e.due
		for _, w := range e.waits {
			w.done(outcomeNoop, nil)
		}
	}
	b.queue, b.queued = nil, map[ref]*backlogEntry{}
	b.mu.Unlock()
	b.s.handBack(left)
}

// moveCutoff makes every timer due before at backlog; it never moves the
// cutoff back.
func (b *backlog) moveCutoff(at time.Time) {
	n := at.UnixNano()
	for old := b.cutoff.Load(); n > old && !b.cutoff.CompareAndSwap(old, n); {
		old = b.cutoff.Load()
	}
}

// overdue reports whether t, still to fire, is backlog (see cutoff).
func (b *backlog) overdue(t *Timer) bool {
	return t.DueAt.UnixNano() < b.cutoff.Load()
}

// take queues the overdue timer t and reports whether the backlog is
// running.
func (b *backlog) take(t *Timer) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.push(ref{tenantID: t.TenantID, id: t.ID}, t.DueAt, nil)
}

// push queues key due at due, for w when not nil, and reports whether the
// backlog is running. A timer queued already is queued once, at its
// latest due time. The caller holds mu.
func (b *backlog) push(key ref, due time.Time, w *drainWait) bool {
	if b.ctx == nil {
		return false
	}
	e, ok := b.queued[key]
	if !ok {
		e = &backlogEntry{due: due}
		b.queued[key] = e
		heap.Push(&b.queue, dueEntry{ref: key, due: due})
	} else if !e.due.Equal(due) {
		e.due = due
		heap.Push(&b.queue, dueEntry{ref: key, due: due})
	}
	if w != nil {
		w.wg.Add(1)
		e.waits = append(e.waits, w)
	}
	b.more.Signal()
	return true
}

// work fires queued timers, oldest first, until the backlog stops.
func (b *backlog) work(ctx context.Context) {
	defer b.workers.Done()
	for {
		key, waits, ok := b.next()
		if !ok {
			return
		}

		b.s.rel.giveWay(ctx, backlogYield)
		out, t, err := b.s.fire(ctx, key)
		if err != nil {
			b.s.log.WarnContext(ctx, "firing overdue timer failed", "timer_id", key.id,
				"tenant_id", key.tenantID, "err", err)
		} else if out == outcomeEarly {
			b.s.rel.hold(t) // rescheduled meanwhile: no longer overdue
		}
		for _, w := range waits {
			w.done(out, err)
		}
	}
}

// next waits for the oldest queued timer and takes it off the queue with
// its waiting drains; false once the backlog stops.
func (b *backlog) next() (ref, []*drainWait, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for {
		for b.ctx != nil && len(b.queue) == 0 {
			b.more.Wait()
		}
		if b.ctx == nil {
			return ref{}, nil, false
		}

		d := heap.Pop(&b.queue).(dueEntry)
		if e, ok := b.queued[d.ref]; ok && e.due.Equal(d.due) {
			delete(b.queued, d.ref)
			return d.ref, e.waits, true
		}
	}
}

// drain fires timers, which the caller read oldest first, and waits for
// them: on the running pool, or, when the service does not run (a
// benchmark, a one-off reconcile), on a pool of the same size for the
// length of the call. It reports how many handler calls succeeded and
// whether any handler ran at all, and the first store failure.
func (b *backlog) drain(ctx context.Context, timers []Timer) (int, bool, error) {
	w := &drainWait{}
	b.mu.Lock()
	running := b.ctx != nil
	for i := 0; running && i < len(timers); i++ {
		b.push(ref{tenantID: timers[i].TenantID, id: timers[i].ID}, timers[i].DueAt, w)
	}
	b.mu.Unlock()

	if !running {
		b.fireNow(ctx, timers, w)
	}
	w.wg.Wait()
	return w.result()
}

// fireNow fires timers in order on BacklogConcurrency goroutines, for a
// backlog that is not running; a store failure stops the remaining ones.
func (b *backlog) fireNow(ctx context.Context, timers []Timer, w *drainWait) {
	var next atomic.Int64
	var failed atomic.Bool
	for range min(b.s.cfg.BacklogConcurrency, len(timers)) {
		w.wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(timers) {
					return
				}
				out, _, err := b.s.fire(ctx, ref{tenantID: timers[i].TenantID, id: timers[i].ID})
				if err != nil {
					failed.Store(true)
				}
				w.record(out, err)
			}
		})
	}
}

// drainWait gathers the outcomes of one drain's timers.
type drainWait struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	fired int
	ran   bool
	err   error
}

// done records the outcome of one queued timer and releases it.
func (w *drainWait) done(out outcome, err error) {
	w.record(out, err)
	w.wg.Done()
}

// record counts one outcome.
func (w *drainWait) record(out outcome, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case err != nil && w.err == nil:
		w.err = err
	case out == outcomeFired:
		w.fired, w.ran = w.fired+1, true
	case out == outcomeFailed:
		w.ran = true
	}
}

// result returns what the drain did.
func (w *drainWait) result() (int, bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.fired, w.ran, w.err
}
