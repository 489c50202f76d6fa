package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

// apply carries out a transition's effects. Each one is idempotent (ids
// and dedupe keys come from the instance, token and node), so applying a
// list twice, after a crash or a lost race, does no harm.
func (s *Service) apply(ctx context.Context, inst *Instance, effects []Effect) error {
	var errs []error
	for _, e := range effects {
		if err := s.applyOne(ctx, inst, e); err != nil {
			s.log.ErrorContext(ctx, "applying effect failed", slog.String("instance", inst.ID),
				slog.String("effect", string(e.Kind)), slog.String("node", e.Node),
				slog.Any("error", err))
			errs = append(errs, fmt.Errorf("applying %s at %s: %w", e.Kind, e.Node, err))
		}
	}
	return errors.Join(errs...)
}

func (s *Service) applyOne(ctx context.Context, inst *Instance, e Effect) error {
	t := inst.TenantID
	switch e.Kind {
	case EffectCreateTask:
		return s.createTask(ctx, inst, e)
	case EffectCancelTask:
		return s.cancelTask(ctx, t, e.TaskID)
	case EffectRedueTask:
		return s.redueTask(ctx, t, e.Task.ID, e.Task.DueAt)
	case EffectScheduleTimer:
		return s.deps.Timers.Schedule(ctx, t, Timer{ID: e.Timer.ID, Kind: e.Timer.Kind,
			Ref: timerRef(inst.ID, e.Timer.ID), Due: e.Timer.Due})
	case EffectCancelTimer:
		return s.deps.Timers.Cancel(ctx, t, e.TimerID)
	case EffectMessage:
		return s.sendMessage(ctx, inst, e)
	case EffectAwardPoints:
		return s.awardPoints(ctx, inst, e)
	case EffectSetFields:
		return s.deps.Records.SetFields(ctx, t, inst.RecordID, *e.Fields)
	case EffectAssignOwner:
		return s.assignOwner(ctx, inst, e.Owner)
	case EffectStartChild:
		return s.startChild(ctx, inst, e.Child)
	case EffectEnd:
		if inst.ParentID != "" {
			return s.advance(ctx, t, inst.ParentID, Event{Kind: EventChildDone,
				ChildID: inst.ParentChild})
		}
	}
	return nil
}

// people returns the resolver for tenantID over the store.
func (s *Service) people(tenantID string) people {
	return people{dir: s.deps.Directory, tenant: tenantID,
		load: func(ctx context.Context, userID string) (int, error) {
			n, err := s.tasks(tenantID).Count(ctx, bson.D{{Key: "assignee_id", Value: userID},
				{Key: "status", Value: TaskOpen}})
			return int(n), err
		},
		turn: func(ctx context.Context, key string) (int, error) {
			return s.nextTurn(ctx, tenantID, key)
		}}
}

// counter is a round-robin counter document.
type counter struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	N              int `bson:"n"`
}

// nextTurn increments a tenant's counter key and returns its old value.
func (s *Service) nextTurn(ctx context.Context, tenantID, key string) (int, error) {
	c := s.store.Scope(tenantID).C(CountersCollection)
	id := tenantID + ":" + key
	if err := c.InsertOne(ctx, &counter{ID: id}); err != nil && !mongo.IsDuplicate(err) {
		return 0, fmt.Errorf("creating counter %s: %w", key, err)
	}
	var out counter
	err := c.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}}, &out)
	if err != nil {
		return 0, fmt.Errorf("advancing counter %s: %w", key, err)
	}
	return out.N - 1, nil
}

// ownerOf returns the owner of the instance's record, "" without one.
func (s *Service) ownerOf(ctx context.Context, inst *Instance) (string, error) {
	if inst.RecordID == "" {
		return "", nil
	}
	rec, err := s.deps.Records.Record(ctx, inst.TenantID, inst.RecordID)
	if errors.Is(err, ErrRecordNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading record %s: %w", inst.RecordID, err)
	}
	return rec.OwnerID, nil
}

// assigneeOf returns the current assignee of task id, "" when unknown.
func (s *Service) assigneeOf(ctx context.Context, tenantID, id string) string {
	if id == "" {
		return ""
	}
	var t Task
	if err := s.tasks(tenantID).FindByID(ctx, id, &t); err != nil {
		return ""
	}
	return t.AssigneeID
}
