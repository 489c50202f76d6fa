package insights

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/formworkhq/formwork/runtime/record"
)

// The feed takes rollup upkeep off the request path. A submission, an
// activity, a completed task, a fired timer or a ledger entry only queues
// its event; one worker per process applies the
// events in order, so the requests of a busy tenant no longer race for the
// same day document (the load tool measured those conflicts collapsing
// submissions at 16 connections). Reads settle the feed first, so within a
// process a figure read after a write includes it.
//
// The queue lives in memory: a process that dies with events queued
// leaves its rollups short of them until a rebuild of the metric
// (POST /api/v1/metrics/{id}/rebuild); a full queue applies the event in
// the caller instead of dropping it.

// feedSize is how many events may wait; past it callers apply their own.
const feedSize = 4096

// settleWait bounds how long a read waits for the feed to drain.
const settleWait = 3 * time.Second

type feed struct {
	once    sync.Once
	mu      sync.RWMutex // held to send; Close takes it to close ch
	closed  bool
	ch      chan job
	pending atomic.Int64
	done    chan struct{}
}

// job is one event for the feed: what it is about, for the log, and how to
// apply it.
type job struct {
	tenantID, event string
	apply           func(ctx context.Context) error
}

// Enqueue hands a record event to the feed's worker, starting it on first
// use. When the queue is full, or the feed is closed, the event is applied
// before returning.
func (s *Service) Enqueue(ctx context.Context, ev record.Event) {
	s.enqueue(ctx, job{tenantID: ev.TenantID, event: ev.ID,
		apply: func(ctx context.Context) error { return s.OnRecordEvent(ctx, ev) }})
}

func (s *Service) enqueue(ctx context.Context, j job) {
	f := &s.feed
	f.once.Do(func() {
		f.ch = make(chan job, feedSize)
		f.done = make(chan struct{})
		go s.runFeed()
	})
	f.pending.Add(1)
	f.mu.RLock()
	queued := false
	if !f.closed {
		select {
		case f.ch <- j:
			queued = true
		default:
		}
	}
	f.mu.RUnlock()
	if !queued {
		s.applyLogged(context.WithoutCancel(ctx), j)
		f.pending.Add(-1)
	}
}

func (s *Service) runFeed() {
	defer close(s.feed.done)
	for j := range s.feed.ch {
		s.applyLogged(context.Background(), j)
		s.feed.pending.Add(-1)
	}
}

func (s *Service) applyLogged(ctx context.Context, j job) {
	if err := j.apply(ctx); err != nil {
		s.log.ErrorContext(ctx, "event not rolled up", "event", j.event,
			"tenant_id", j.tenantID, "err", err)
	}
}

// settle waits, for a short while, until every queued event is applied.
func (s *Service) settle(ctx context.Context) {
	deadline := time.Now().Add(settleWait)
	for s.feed.pending.Load() > 0 && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(2 * time.Millisecond)
	}
}

// Close applies what is queued and stops the worker; events enqueued after
// it are applied by their callers.
func (s *Service) Close() {
	f := &s.feed
	f.once.Do(func() {}) // a feed never started stays unstarted
	f.mu.Lock()
	if f.ch == nil || f.closed {
		f.closed = true
		f.mu.Unlock()
		return
	}
	f.closed = true
	close(f.ch)
	f.mu.Unlock()
	select {
	case <-f.done:
	case <-time.After(10 * time.Second):
		s.log.Warn("rollup events still queued at shutdown; rebuild to recount them",
			"pending", s.feed.pending.Load())
	}
}
