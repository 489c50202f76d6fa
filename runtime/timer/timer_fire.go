package timer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
)

// Backoff of handler retries: the first retry after retryBase, doubling up
// to retryMax, forever. A failing timer stays visible with its LastError.
const (
	retryBase = time.Second
	retryMax  = 10 * time.Minute
)

// outcome says what one attempt to fire a timer did.
type outcome int

const (
	outcomeNoop   outcome = iota // gone, fired, cancelled or claimed elsewhere
	outcomeEarly                 // still pending, not due yet
	outcomeFired                 // the handler ran and succeeded
	outcomeFailed                // the handler ran and failed; retry planned
)

// errNoHandler is recorded on a timer whose kind has no handler here.
var errNoHandler = errors.New("no handler registered for this timer kind")

// fire fires the timer r names if it is due and claimable: it claims it
// with a compare-and-set, calls the kind's handler and records the result.
// Duplicates, stale and cancelled timers come back as outcomeNoop. The
// read and the claim are one mongo.Modify: two store commands.
func (s *Service) fire(ctx context.Context, r ref) (outcome, *Timer, error) {
	return s.fireAhead(ctx, r, 0)
}

// fireAhead is fire for a timer that may be claimed up to ahead before its
// due time, as the releaser does: the claim's store commands are then over
// when the timer falls due, and the handler is called at DueAt, never
// before. A change this process made to the timer while it waited
// (Cancel, Reschedule) stands, and the handler is not called; a change by
// another process meanwhile meets the firing as one during the handler
// call does: the conditional mark keeps it.
func (s *Service) fireAhead(ctx context.Context, r ref, ahead time.Duration) (
	outcome, *Timer, error) {
	now := s.clk.Now()
	t, out, err := s.claim(ctx, r, now, ahead)
	if out != outcomeFired {
		return out, t, err
	}

	mark := inFlight.begin(r)
	defer inFlight.end(r, mark)
	if t.DueAt.After(now) {
		if now, err = s.awaitDue(ctx, t, mark); err != nil || now.IsZero() {
			return outcomeNoop, t, err
		}
	}
	if !s.soleProcess() {
		mark = nil // the fast mark needs the store to be this process's alone
	}
	return s.call(ctx, t, mark, now)
}

// claim claims the timer r names when it is claimable and due by now plus
// ahead. It answers outcomeFired with the claimed timer when this call
// claimed it, and otherwise outcomeEarly or outcomeNoop with the timer as
// read (nil when there is none).
func (s *Service) claim(ctx context.Context, r ref, now time.Time, ahead time.Duration) (
	*Timer, outcome, error) {
	var t Timer
	lease := now.Add(2 * s.cfg.HandlerTimeout)
	early := false
	defer func() { s.claims.note(s.clk.Now().Sub(now)) }()
	claimed, err := s.coll(r.tenantID).Modify(ctx, r.id, &t, func() (bson.D, any, bool) {
		if !t.claimable(now, s.soleProcess()) {
			return nil, nil, false
		}
		if early = now.Add(ahead).Before(t.DueAt); early {
			return nil, nil, false
		}
		return bson.D{{Key: "version", Value: t.Version}}, claimUpdate(&t, lease), true
	})
	switch {
	case errors.Is(err, mongo.ErrNotFound):
		return nil, outcomeNoop, nil
	case err != nil:
		return nil, outcomeNoop, fmt.Errorf("claiming timer %s: %w", r.id, err)
	case early:
		return &t, outcomeEarly, nil
	case !claimed:
		return &t, outcomeNoop, nil
	}

	t.Status, t.LeaseUntil, t.ClaimedBy = StatusFiring, lease, processID
	t.Version, t.Attempts = t.Version+1, t.Attempts+1
	return &t, outcomeFired, nil
}

// awaitDue waits on the service clock until the claimed t is due and
// returns the time then. When a change of this process met the claim
// meanwhile (mark), it reads t again and returns the zero time unless the
// claim still stands.
func (s *Service) awaitDue(ctx context.Context, t *Timer, mark *firingMark) (time.Time, error) {
	for now := s.clk.Now(); now.Before(t.DueAt); now = s.clk.Now() {
		due := make(chan struct{})
		clock.AtFunc(s.clk, t.DueAt, func() { close(due) })
		<-due // at most the releaser's claim-ahead: not cut short by ctx
	}
	if !mark.isChanged() {
		return s.clk.Now(), nil
	}

	cur, err := s.get(ctx, t.TenantID, t.ID)
	switch {
	case errors.Is(err, mongo.ErrNotFound):
		return time.Time{}, nil
	case err != nil:
		return time.Time{}, fmt.Errorf("reading timer %s changed while claimed: %w", t.ID, err)
	case cur.Status != StatusFiring || cur.Version != t.Version || cur.ClaimedBy != processID:
		return time.Time{}, nil
	}
	return s.clk.Now(), nil
}

// claimUpdate moves t, as read, to firing under a lease.
func claimUpdate(t *Timer, lease time.Time) bson.D {
	return bson.D{
		{Key: "$set", Value: bson.D{
			{Key: "status", Value: StatusFiring},
			{Key: "lease_until", Value: lease},
			{Key: "version", Value: t.Version + 1},
			{Key: "attempts", Value: t.Attempts + 1},
			{Key: "claimed_by", Value: processID},
		}},
	}
}

// soleProcess reports whether this process is the only one that can reach
// the store: the embedded store locks its data directory.
func (s *Service) soleProcess() bool { return s.store.Mode == mongo.ModeEmbedded }

// unsetClaim removes the fields of a firing claim.
var unsetClaim = bson.E{Key: "$unset", Value: bson.D{{Key: "lease_until", Value: ""},
	{Key: "claimed_by", Value: ""}}}

// atVersion is the filter of a conditional change of t as read.
func (s *Service) atVersion(t *Timer) bson.D {
	return bson.D{{Key: "_id", Value: t.ID}, {Key: "version", Value: t.Version}}
}

// call runs the kind's handler on the claimed t and records the result;
// mark, when not nil, tells whether anything changed t meanwhile.
func (s *Service) call(ctx context.Context, t *Timer, mark *firingMark,
	now time.Time) (outcome, *Timer, error) {
	s.stats.observeLateness(t.Kind, now.Sub(t.DueAt))

	err := s.runHandler(ctx, t)
	if err != nil {
		s.stats.fired.WithLabelValues(t.Kind, "error").Inc()
		s.log.WarnContext(ctx, "timer handler failed", "timer_id", t.ID,
			"tenant_id", t.TenantID, "kind", t.Kind, "attempts", t.Attempts, "err", err)
		return outcomeFailed, t, s.retryLater(ctx, t, err)
	}

	s.stats.fired.WithLabelValues(t.Kind, "ok").Inc()
	return outcomeFired, t, s.markFired(ctx, t, mark, now)
}

// runHandler calls the kind's handler within HandlerTimeout, turning a
// panic into an error so that the claim is released.
func (s *Service) runHandler(ctx context.Context, t *Timer) (err error) {
	fn, ok := s.handler(t.Kind)
	if !ok {
		return fmt.Errorf("%w: %q", errNoHandler, t.Kind)
	}

	ctx, cancel := context.WithTimeout(ctx, s.cfg.HandlerTimeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("timer handler panicked: %v", p)
		}
	}()
	view := *t
	return fn(ctx, &view)
}

// markFired records a successful firing. When the handler changed the timer
// meanwhile (rescheduled it, as a silence watch does), that change stands
// and is planned instead. A firing that mark saw unchanged is marked with
// one update by _id (see inFlight), any other with a compare-and-set.
func (s *Service) markFired(ctx context.Context, t *Timer, mark *firingMark,
	now time.Time) error {
	ok, err := s.markUnchanged(ctx, t, mark, now)
	if !ok && err == nil {
		ok, err = s.coll(t.TenantID).UpdateOne(ctx, s.atVersion(t), firedUpdate(t, now))
	}
	if err != nil {
		return fmt.Errorf("recording timer %s fired: %w", t.ID, err)
	}
	if ok {
		t.Status, t.FiredAt, t.Version = StatusFired, now, t.Version+1
		s.fired(ctx, t)
		return nil
	}
	return s.replanChanged(ctx, t)
}

// retryLater puts a failed t back to pending after the backoff of its
// attempts, with the error, and plans it.
func (s *Service) retryLater(ctx context.Context, t *Timer, cause error) error {
	due := s.clk.Now().Add(backoff(t.Attempts))
	ok, err := s.coll(t.TenantID).UpdateOne(ctx, s.atVersion(t), bson.D{
		{Key: "$set", Value: bson.D{
			{Key: "status", Value: StatusPending},
			{Key: "due_at", Value: due},
			{Key: "last_error", Value: cause.Error()},
			{Key: "version", Value: t.Version + 1},
		}},
		unsetClaim,
	})
	if err != nil {
		return fmt.Errorf("recording timer %s failure: %w", t.ID, err)
	}
	if !ok {
		return s.replanChanged(ctx, t)
	}

	t.Status, t.DueAt, t.LastError = StatusPending, due, cause.Error()
	t.Version, t.LeaseUntil, t.ClaimedBy = t.Version+1, time.Time{}, ""
	return s.plan(ctx, t)
}

// replanChanged plans t again after someone else changed it during firing.
func (s *Service) replanChanged(ctx context.Context, t *Timer) error {
	now, err := s.get(ctx, t.TenantID, t.ID)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading timer %s changed while firing: %w", t.ID, err)
	}
	*t = *now
	return s.plan(ctx, t)
}

// backoff is the wait before retry number attempts.
func backoff(attempts int) time.Duration {
	d := retryBase
	for i := 1; i < attempts && d < retryMax; i++ {
		d *= 2
	}
	return min(d, retryMax)
}

// processTask is the Asynq handler of TaskType. Asynq delivers a timer Lead
// before it is due; the releaser holds it until DueAt. Without a running
// releaser a due timer fires here and an early one is left to the loader
// and the reconciler. It fails only when the store does, so that Asynq
// retries the delivery.
func (s *Service) processTask(ctx context.Context, task *asynq.Task) error {
	var p payload
	err := json.Unmarshal(task.Payload(), &p)
	if err != nil || p.TenantID == "" || p.TimerID == "" {
		s.log.ErrorContext(ctx, "unreadable timer task dropped", "payload", string(task.Payload()))
		return fmt.Errorf("decoding timer task: %w", asynq.SkipRetry)
	}

	r := ref{tenantID: p.TenantID, id: p.TimerID}
	t, err := s.get(ctx, r.tenantID, r.id)
	switch {
	case errors.Is(err, mongo.ErrNotFound):
		return nil
	case err != nil:
		return fmt.Errorf("delivering timer %s: %w", r.id, err)
	case !t.live():
		return nil
	}

	if s.rel.hold(t) {
		return nil
	}
	s.fireMu.Lock()
	defer s.fireMu.Unlock()
	out, _, err := s.fire(ctx, r)
	if _, manual := s.clk.(*clock.Manual); err == nil && out == outcomeEarly && !manual {
		return fmt.Errorf("timer %s: %w", r.id, errNotHeld)
	}
	return err
}

// errNotHeld fails the delivery of a timer that is not due yet to a
// process whose releaser has stopped (it is shutting down), so that Asynq
// delivers it again, to a running worker, instead of it waiting for the
// reconciler. On a manual clock the clock's Advance fires it instead.
var errNotHeld = errors.New("not due yet and no releaser runs here to hold it")
