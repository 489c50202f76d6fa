package timer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// casAttempts bounds the read-and-compare-and-set loops of Reschedule and
// Cancel when other writers keep changing a timer.
const casAttempts = 5

// deliveryRetries is how often Asynq retries a delivery whose handler could
// not reach the store; the reconciler covers anything beyond.
const deliveryRetries = 10

// Schedule stores t for tenantID as a pending timer and, when it is due
// within the horizon, enqueues it. The document is written before the task
// (DESIGN.md invariant 2). An id that exists already leaves the stored timer
// as it is and only makes sure it is enqueued, so retrying a Schedule is
// harmless. An empty ID is minted; t is filled in with what was stored.
func (s *Service) Schedule(ctx context.Context, tenantID string, t *Timer) error {
	if err := validate(t); err != nil {
		return err
	}

	s.prepare(t)
	err := s.coll(tenantID).InsertOne(ctx, t)
	if mongo.IsDuplicate(err) {
		return s.scheduleExisting(ctx, tenantID, t)
	}
	if err != nil {
		return fmt.Errorf("scheduling timer %s: %w", t.ID, err)
	}

	return s.plan(ctx, t)
}

// prepare sets the fields Schedule owns.
func (s *Service) prepare(t *Timer) {
	if t.ID == "" {
		t.ID = s.ids.New()
	}
	t.DueAt = ceilMillis(t.DueAt)
	t.Status, t.Version, t.Attempts = StatusPending, 1, 0
	t.CreatedAt = s.clk.Now()
	t.FiredAt, t.LeaseUntil, t.LastError, t.ClaimedBy = time.Time{}, time.Time{}, "", ""
}

// scheduleExisting answers a Schedule whose id is taken: the tenant's own
// timer is planned again, another tenant's id is a conflict.
func (s *Service) scheduleExisting(ctx context.Context, tenantID string, t *Timer) error {
	stored, err := s.get(ctx, tenantID, t.ID)
	if errors.Is(err, mongo.ErrNotFound) {
		return problem.New(problem.Conflict, "timer.id_taken", nil)
	}
	if err != nil {
		return fmt.Errorf("scheduling timer %s again: %w", t.ID, err)
	}

	*t = *stored
	return s.plan(ctx, t)
}

// validate refuses a timer without kind or due time.
func validate(t *Timer) error {
	var fields []problem.FieldError
	if t.Kind == "" {
		fields = append(fields, problem.Field("/kind", "required", nil))
	}
	if t.DueAt.IsZero() {
		fields = append(fields, problem.Field("/due_at", "required", nil))
	}

	if len(fields) > 0 {
		return problem.Fields(fields...)
	}
	return nil
}

// ceilMillis rounds t up to the millisecond that BSON dates keep, so a
// stored due time is never earlier than the one asked for.
func ceilMillis(t time.Time) time.Time {
	r := t.Truncate(time.Millisecond)
	if r.Before(t) {
		r = r.Add(time.Millisecond)
	}
	return r.UTC()
}

// Get returns the tenant's timer id.
func (s *Service) Get(ctx context.Context, tenantID, id string) (*Timer, error) {
	t, err := s.get(ctx, tenantID, id)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, problem.NotFoundf("timer.not_found")
	}
	return t, err
}

// get reads a timer by id; mongo.ErrNotFound when the tenant has none.
func (s *Service) get(ctx context.Context, tenantID, id string) (*Timer, error) {
	var t Timer
	if err := s.coll(tenantID).FindByID(ctx, id, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// plan puts a pending t where it will be fired on time: nowhere yet when it
// is beyond the horizon (the loader brings it), else in Asynq at DueAt -
// Lead, and also straight into the local releaser when it is due within
// Lead, since Asynq alone could not deliver it in time.
func (s *Service) plan(ctx context.Context, t *Timer) error {
	if t.Status != StatusPending {
		return nil
	}
	now := s.clk.Now()
	if t.DueAt.After(now.Add(s.cfg.Horizon)) {
		return nil
	}

	if err := s.enqueue(ctx, t); err != nil {
		return err
	}
	if t.DueAt.Sub(now) <= s.cfg.Lead {
		s.rel.hold(t)
	}
	return nil
}

// enqueue writes t's Asynq task; an existing task with its id is success.
func (s *Service) enqueue(ctx context.Context, t *Timer) error {
	body, err := json.Marshal(payload{TenantID: t.TenantID, TimerID: t.ID})
	if err != nil {
		return fmt.Errorf("encoding timer task %s: %w", t.ID, err)
	}

	task := asynq.NewTask(TaskType, body)
	return s.q.Enqueue(ctx, task, t.ID, asynq.Queue(s.cfg.Queue),
		asynq.ProcessAt(t.DueAt.Add(-s.cfg.Lead)), asynq.MaxRetry(deliveryRetries))
}

// dequeue removes t's Asynq task, if Redis still has it waiting, so that a
// changed or cancelled timer does not hold Redis memory. A task being
// delivered right now cannot be removed; its delivery finds the document
// changed.
func (s *Service) dequeue(ctx context.Context, id string) {
	err := s.q.Inspector.DeleteTask(s.cfg.Queue, id)
	if err != nil && !errors.Is(err, asynq.ErrTaskNotFound) &&
		!errors.Is(err, asynq.ErrQueueNotFound) {
		s.log.DebugContext(ctx, "timer task not removed", "timer_id", id, "err", err)
	}
}

// Reschedule moves the tenant's live timer id to due, with its attempts
// kept, and plans it again. It may be called from the timer's own handler
// (a silence watch re-arming itself); the new due time then stands instead
// of the firing. A fired or cancelled timer is a conflict.
func (s *Service) Reschedule(ctx context.Context, tenantID, id string, due time.Time) error {
	due = ceilMillis(due)
	set := func(t *Timer) bson.D {
		return bson.D{
			{Key: "$set", Value: bson.D{
				{Key: "status", Value: StatusPending},
				{Key: "due_at", Value: due},
				{Key: "version", Value: t.Version + 1},
			}},
			unsetClaim,
		}
	}

	t, err := s.change(ctx, tenantID, id, set)
	if err != nil {
		return fmt.Errorf("rescheduling timer %s: %w", id, err)
	}
	t.Status, t.DueAt, t.LeaseUntil, t.ClaimedBy = StatusPending, due, time.Time{}, ""

	s.dequeue(ctx, id)
	return s.plan(ctx, t)
}

// Cancel cancels the tenant's timer id. Cancelling a timer that already
// fired or was cancelled does nothing.
func (s *Service) Cancel(ctx context.Context, tenantID, id string) error {
	set := func(t *Timer) bson.D {
		return bson.D{
			{Key: "$set", Value: bson.D{
				{Key: "status", Value: StatusCancelled},
				{Key: "version", Value: t.Version + 1},
			}},
			unsetClaim,
		}
	}

	_, err := s.change(ctx, tenantID, id, set)
	if errors.Is(err, errFinished) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cancelling timer %s: %w", id, err)
	}

	s.dequeue(ctx, id)
	return nil
}

// change applies update(t) to the live timer id with a compare-and-set on
// its version, reading again when another writer came first, and returns
// the timer as it was read.
func (s *Service) change(ctx context.Context, tenantID, id string,
	update func(*Timer) bson.D) (*Timer, error) {
	defer inFlight.changing(ref{tenantID: tenantID, id: id})()
	for range casAttempts {
		t, err := s.Get(ctx, tenantID, id)
		if err != nil {
			return nil, err
		}
		if !t.live() {
			return nil, finished(t)
		}

		ok, err := s.coll(tenantID).UpdateOne(ctx, s.atVersion(t), update(t))
		if err != nil {
			return nil, err
		}
		if ok {
			t.Version++
			return t, nil
		}
	}
	return nil, problem.New(problem.Conflict, "timer.busy", nil)
}

// errFinished is the cause of the refusal to change a fired or cancelled
// timer.
var errFinished = errors.New("timer is no longer live")

// finished refuses a change of t, which has fired or was cancelled.
func finished(t *Timer) error {
	code := "timer.already_fired"
	if t.Status == StatusCancelled {
		code = "timer.already_cancelled"
	}
	return &problem.Error{Kind: problem.Conflict, Code: code, Err: errFinished}
}
