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
// list twice, after a crash or a lost race, does no harm. rec is the
// instance's record when the caller has it at hand, nil to read it when
// an effect needs it.
func (s *Service) apply(ctx context.Context, inst *Instance, effects []Effect,
	rec *Record) error {
	a := newApplying(inst.TenantID, rec)
	return errors.Join(s.applyWith(ctx, a, inst, effects), s.flush(ctx, a))
}

// applyWith applies effects within a, leaving the writes it holds for the
// caller to flush (see applying).
func (s *Service) applyWith(ctx context.Context, a *applying, inst *Instance,
	effects []Effect) error {
	var errs []error
	for _, e := range effects {
		err := s.applyInOrder(ctx, a, inst, e)
		if err != nil {
			s.log.ErrorContext(ctx, "applying effect failed", slog.String("instance", inst.ID),
				slog.String("effect", string(e.Kind)), slog.String("node", e.Node),
				slog.Any("error", err))
			errs = append(errs, fmt.Errorf("applying %s at %s: %w", e.Kind, e.Node, err))
		}
	}
	return errors.Join(errs...)
}

// applyInOrder applies e after writing what a holds, unless e is itself
// held, so that effects keep the order the core gave them.
func (s *Service) applyInOrder(ctx context.Context, a *applying, inst *Instance,
	e Effect) error {
	if !batchable(e.Kind) || a.tenant != inst.TenantID {
		if err := s.flush(ctx, a); err != nil {
			return err
		}
		a.tenant = inst.TenantID
	}
	return s.applyOne(ctx, a, inst, e)
}

func (s *Service) applyOne(ctx context.Context, a *applying, inst *Instance, e Effect) error {
	t := inst.TenantID
	switch e.Kind {
	case EffectCreateTask:
		return s.createTask(ctx, a, inst, e)
	case EffectCancelTask:
		return s.cancelTask(ctx, t, e.TaskID)
	case EffectRedueTask:
		return s.redueTask(ctx, t, e.Task.ID, e.Task.DueAt)
	case EffectScheduleTimer:
		a.holdTimer(Timer{ID: e.Timer.ID, Kind: e.Timer.Kind,
			Ref: timerRef(inst.ID, e.Timer.ID), Due: e.Timer.Due})
		return nil
	case EffectCancelTimer:
		return s.deps.Timers.Cancel(ctx, t, e.TimerID)
	case EffectMessage:
		return s.sendMessage(ctx, a, inst, e)
	case EffectAwardPoints:
		return s.awardPoints(ctx, a, inst, e)
	case EffectSetFields:
		return s.deps.Records.SetFields(ctx, t, inst.RecordID, *e.Fields)
	case EffectAssignOwner:
		return s.assignOwner(ctx, a, inst, e.Owner)
	case EffectStartChild:
		return s.startChild(ctx, inst, e.Child)
	case EffectEnd:
		s.unindexEnded(ctx, inst) // record_index.go
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
		loads: func(ctx context.Context, ids []string) (map[string]int, error) {
			return s.openTaskCounts(ctx, tenantID, ids)
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
