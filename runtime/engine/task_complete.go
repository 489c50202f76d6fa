package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Complete completes an open task with an outcome and, for a task with a
// form, the form's data (validated). Only the assignee, a co-handler, a
// candidate of a role task, or a supervisor or admin may complete it.
// Completing a task that is no longer open is a Conflict and changes
// nothing. The task is claimed with a compare-and-set first; the instance
// then moves on.
func (s *Service) Complete(ctx context.Context, p auth.Principal, id string,
	c Completion) (*Task, error) {
	t, err := s.openFor(ctx, p, id, c.Version)
	if err != nil {
		return nil, err
	}
	if len(t.Outcomes) > 0 && !slices.Contains(t.Outcomes, c.Outcome) {
		return nil, problem.Fields(problem.Field("/outcome", "engine_outcome",
			i18n.Params{"allowed": fmt.Sprint(t.Outcomes)}))
	}
	data, err := s.taskData(ctx, p, t, c.Data)
	if err != nil {
		return nil, err
	}

	now := s.clock.Now()
	set := bson.D{{Key: "status", Value: TaskDone}, {Key: "outcome", Value: c.Outcome},
		{Key: "data", Value: data}, {Key: "completed_at", Value: now},
		{Key: "completed_by", Value: p.UserID}}
	if t.AssigneeID == "" {
		set = append(set, bson.E{Key: "assignee_id", Value: p.UserID})
	}
	if err := s.change(ctx, p, t, set, nil); err != nil {
		return nil, err
	}
	s.taskDone(ctx, p.TenantID, t, c.Outcome, p.UserID)

	ev := Event{Kind: EventTaskCompleted, TaskID: t.ID, Outcome: c.Outcome, Data: data,
		Assignee: p.UserID}
	if t.Kind == TaskUser {
		if err := s.advance(ctx, p.TenantID, t.InstanceID, ev); err != nil {
			return nil, err
		}
	}
	return s.Task(ctx, p, id)
}

// taskData validates the submission with the task's form; without a form
// any JSON object is kept as it is.
func (s *Service) taskData(ctx context.Context, p auth.Principal, t *Task,
	raw json.RawMessage) (map[string]any, error) {
	if len(raw) == 0 {
		raw = json.RawMessage("{}")
	}
	cf, err := s.compiledForm(ctx, p.TenantID, t.Form)
	if err != nil {
		return nil, err
	}
	if cf == nil {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, problem.Fields(problem.Field("/data", "engine_data_object", nil))
		}
		return m, nil
	}
	return cf.Validate(ctx, raw, taskResolver{s: s, tenantID: p.TenantID, userID: p.UserID})
}

// taskResolver answers a task form's questions about people and records.
type taskResolver struct {
	s        *Service
	tenantID string
	userID   string // who completes the task
}

// UserExists implements form.Resolver.
func (r taskResolver) UserExists(ctx context.Context, id string) (bool, error) {
	_, ok, err := r.s.deps.Directory.Person(ctx, r.tenantID, id)
	return ok, err
}

// RecordExists implements form.Resolver.
func (r taskResolver) RecordExists(ctx context.Context, formKey, id string) (bool, error) {
	rec, err := r.s.deps.Records.Record(ctx, r.tenantID, id)
	if errors.Is(err, ErrRecordNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return rec.Form == formKey, nil
}
