package timer

import (
	"container/heap"
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
)

// releaser holds the timers that are due within the next moments and fires
// each at its exact due time: Asynq hands a timer over Lead early, and the
// releaser waits on the service clock, one alarm for the earliest timer,
// then claims and fires it on a pool of Concurrency goroutines. A timer
// held twice (a redelivery, a reconcile) is held once.
//
// What it holds lives in memory only, and the Asynq task that brought a
// timer is done once it is held. So stop hands every timer still held
// back to Asynq, due at once or at DueAt - Lead, and whichever worker
// runs next fires it on time rather than at the next reconcile. If the
// process dies instead, the timers stay pending in MongoDB and are fired
// by the next reconcile (at start-up, or periodically on another worker).
type releaser struct {
	s *Service

	mu      sync.Mutex
	queue   dueHeap
	held    map[ref]time.Time // what queue holds, by timer
	ctx     context.Context   // nil unless running
	wake    chan struct{}
	quit    chan struct{}
	done    chan struct{}
	firing  sync.WaitGroup
	permits chan struct{}
	// active counts the timers being fired, for the backlog to give way.
	active atomic.Int32
}

func newReleaser(s *Service) *releaser {
	return &releaser{s: s, held: map[ref]time.Time{}}
}

// start runs the release loop until stop.
func (r *releaser) start(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()

	r.ctx = ctx
	r.wake = make(chan struct{}, 1)
	r.quit, r.done = make(chan struct{}), make(chan struct{})
	r.permits = make(chan struct{}, r.s.cfg.Concurrency)
	go r.loop()
}

// stop ends the loop, waits for the timers being fired and hands the ones
// still held back to Asynq.
func (r *releaser) stop() {
	r.mu.Lock()
	if r.ctx == nil {
		r.mu.Unlock()
		return
	}
	r.ctx = nil
	close(r.quit)
	r.mu.Unlock()

	<-r.done
	r.firing.Wait()

	r.mu.Lock()
	held := r.held
	r.queue, r.held = nil, map[ref]time.Time{}
	r.mu.Unlock()
	r.s.handBack(held)
}

// handBackTimeout bounds the enqueues of one hand-back at shutdown.
const handBackTimeout = 10 * time.Second

// handBack enqueues the Asynq task of every timer in held again. A timer
// whose task Redis still has (one planned straight into the releaser)
// keeps it; one that fired or changed meanwhile finds nothing to claim
// when its task is delivered. A failed enqueue is logged: the timer is
// still a pending document, which the reconciler plans.
func (s *Service) handBack(held map[ref]time.Time) {
	if len(held) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), handBackTimeout)
	defer cancel()

	failed := 0
	for key, due := range held {
		t := &Timer{ID: key.id, DueAt: due}
		t.TenantID = key.tenantID
		if err := s.enqueue(ctx, t); err != nil {
			failed++
			s.log.WarnContext(ctx, "held timer not handed back", "timer_id", key.id,
				"tenant_id", key.tenantID, "err", err)
		}
	}
	s.log.InfoContext(ctx, "held timers handed back", "timers", len(held),
		"failed", failed)
}

// hold takes t to fire at its due time and reports whether the releaser is
// running. A timer beyond the horizon is not held: the loader brings it
// back when it comes near. One that belongs to the backlog (due before
// its cutoff) goes there, so that it does not take the place of punctual
// ones.
func (r *releaser) hold(t *Timer) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ctx == nil {
		return false
	}

	key := ref{tenantID: t.TenantID, id: t.ID}
	if due, ok := r.held[key]; ok && due.Equal(t.DueAt) {
		return true
	}
	now := r.s.clk.Now()
	if t.DueAt.After(now.Add(r.s.cfg.Horizon)) {
		return true
	}
	if r.s.back.overdue(t) && r.s.back.take(t) {
		return true
	}

	r.held[key] = t.DueAt
	heap.Push(&r.queue, dueEntry{ref: key, due: t.DueAt})
	r.poke()
	return true
}

// poke wakes the loop without blocking. The channel is made before the
// loop starts and never replaced while it runs, so no lock is needed.
func (r *releaser) poke() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// loop sleeps until the earliest held timer is due, or until a new one is
// held, and releases what is due.
func (r *releaser) loop() {
	defer close(r.done)
	for {
		var alarm clock.Alarm
		if next, ok := r.earliest(); ok {
			alarm = clock.AtFunc(r.s.clk, next.Add(-r.ahead()), r.poke)
		}

		select {
		case <-r.quit:
			stopAlarm(alarm)
			return
		case <-r.wake:
		}
		stopAlarm(alarm)
		r.releaseDue()
	}
}

func stopAlarm(a clock.Alarm) {
	if a != nil {
		a.Stop()
	}
}

// earliest returns the due time of the first held timer.
func (r *releaser) earliest() (time.Time, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.queue) == 0 {
		return time.Time{}, false
	}
	return r.queue[0].due, true
}

// releaseDue fires, in due order, every held timer whose time has come or
// will have come by the time it is claimed (ahead).
func (r *releaser) releaseDue() {
	ahead := r.ahead()
	for _, e := range r.takeDue(r.s.clk.Now().Add(ahead)) {
		select {
		case r.permits <- struct{}{}:
		case <-r.quit:
			return
		}
		r.firing.Add(1)
		r.active.Add(1)
		go r.release(e, ahead)
	}
}

// takeDue removes and returns the entries due at now, earliest first.
// Entries superseded by a later hold of the same timer are dropped.
func (r *releaser) takeDue(now time.Time) []dueEntry {
	r.mu.Lock()
	defer r.mu.Unlock()

	var due []dueEntry
	for len(r.queue) > 0 && !r.queue[0].due.After(now) {
		e := heap.Pop(&r.queue).(dueEntry)
		if held, ok := r.held[e.ref]; ok && held.Equal(e.due) {
			delete(r.held, e.ref)
			due = append(due, e)
		}
	}
	return due
}

// release fires one timer, claimed up to ahead before its due time. A
// timer that moved to a later time meanwhile is held again for that time.
func (r *releaser) release(e dueEntry, ahead time.Duration) {
	defer func() { r.active.Add(-1); <-r.permits; r.firing.Done() }()

	r.mu.Lock()
	ctx := r.ctx
	r.mu.Unlock()
	if ctx == nil {
		return
	}

	out, t, err := r.s.fireAhead(ctx, e.ref, ahead)
	if err != nil {
		r.s.log.WarnContext(ctx, "releasing timer failed", "timer_id", e.ref.id,
			"tenant_id", e.ref.tenantID, "err", err)
		return
	}
	if out == outcomeEarly {
		r.hold(t)
	}
}

// ahead is how early the releaser claims a timer now: claimCost.ahead
// while at least half its pool is free, else nothing. A firing claimed
// ahead holds its place in the pool until the due time, and when the pool
// is busy the timers are late anyway: claiming ahead then would only take
// places from the timers due first.
func (r *releaser) ahead() time.Duration {
	if 2*int(r.active.Load()) >= r.s.cfg.Concurrency {
		return 0
	}
	return r.s.claims.ahead()
}

// yieldPoll is how often a backlog worker giving way looks again.
const yieldPoll = 5 * time.Millisecond

// giveWay waits while the releaser fires timers, for at most limit, so that
// the backlog takes the store's time when the punctual timers leave it
// some, and is never held up longer than limit per firing.
func (r *releaser) giveWay(ctx context.Context, limit time.Duration) {
	deadline := r.s.clk.Now().Add(limit)
	for r.active.Load() > 0 && r.s.clk.Now().Before(deadline) {
		wake := make(chan struct{})
		alarm := clock.AfterFunc(r.s.clk, yieldPoll, func() { close(wake) })
		select {
		case <-wake:
		case <-ctx.Done():
			alarm.Stop()
			return
		}
	}
}

// Bounds of how early the releaser claims a timer (claimCost).
const (
	claimAheadFloor = 2 * time.Millisecond
	claimAheadCap   = 250 * time.Millisecond
	claimMeanStart  = 10 * time.Millisecond
)

// claimCost follows how long a claim takes (a read and an update), as a
// mean weighted towards the latest claims, so that the releaser claims a
// timer that much ahead of its due time and calls its handler at DueAt,
// not a claim later: on a FerretDB server under load a claim took tens of
// milliseconds, most of the lateness budget. The handler itself still
// waits for DueAt (fireAhead).
type claimCost struct {
	mean atomic.Int64 // nanoseconds; zero means claimMeanStart
}

// note records one claim that took took.
func (c *claimCost) note(took time.Duration) {
	old := c.mean.Load()
	if old == 0 {
		old = int64(claimMeanStart)
	}
	// Weight 1/8; concurrent notes may lose one another's update, which
	// only slows the mean down.
	c.mean.Store(old + (int64(took)-old)/8)
}

// ahead is how early to claim: three means, so that most claims are over
// by the due time, within claimAheadFloor and claimAheadCap.
func (c *claimCost) ahead() time.Duration {
	mean := time.Duration(c.mean.Load())
	if mean == 0 {
		mean = claimMeanStart
	}
	return min(max(3*mean, claimAheadFloor), claimAheadCap)
}

// dueEntry is one held timer.
type dueEntry struct {
	ref ref
	due time.Time
}

// dueHeap orders held timers by due time; it implements heap.Interface.
type dueHeap []dueEntry

func (h dueHeap) Len() int           { return len(h) }
func (h dueHeap) Less(i, j int) bool { return h[i].due.Before(h[j].due) }
func (h dueHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }

func (h *dueHeap) Push(x any) { *h = append(*h, x.(dueEntry)) }

func (h *dueHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}
