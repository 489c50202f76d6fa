package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// UrgeInterval is how often a task may be urged.
const UrgeInterval = time.Hour

// Task returns a task of the principal's tenant.
func (s *Service) Task(ctx context.Context, p auth.Principal, id string) (*Task, error) {
	var t Task
	err := s.tasks(p.TenantID).FindByID(ctx, id, &t)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, problem.NotFoundf("engine.task_not_found")
	}
	if err != nil {
		return nil, fmt.Errorf("reading task %s: %w", id, err)
	}
	return &t, nil
}

// supervises reports whether p may act on any task of the tenant.
func supervises(p auth.Principal) bool {
	return slices.ContainsFunc(p.Roles, func(r auth.Role) bool {
		return r == auth.Owner || r == auth.Admin || r == auth.Supervisor
	})
}

// handles reports whether p may complete t.
func handles(p auth.Principal, t *Task) bool {
	return t.AssigneeID == p.UserID || slices.Contains(t.CoHandlers, p.UserID) ||
		slices.Contains(t.Candidates, p.UserID) || supervises(p)
}

// openFor loads an open task p may act on, checking the version if given.
func (s *Service) openFor(ctx context.Context, p auth.Principal, id string,
	version *int64) (*Task, error) {
	t, err := s.Task(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if !handles(p, t) {
		return nil, problem.New(problem.Forbidden, "engine.task_not_yours", nil)
	}
	if t.Status != TaskOpen {
		return nil, problem.New(problem.Conflict, "engine.task_not_open",
			i18n.Params{"status": string(t.Status)})
	}
	if version != nil && *version != t.Version {
		return nil, problem.New(problem.Conflict, "engine.task_version", nil)
	}
	return t, nil
}

// change applies update to t if it has not changed since it was read.
func (s *Service) change(ctx context.Context, p auth.Principal, t *Task, set bson.D,
	push bson.D) error {
	update := bson.D{{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}}
	if len(set) > 0 {
		update = append(update, bson.E{Key: "$set", Value: set})
	}
	if len(push) > 0 {
		update = append(update, bson.E{Key: "$push", Value: push})
	}
	ok, err := s.tasks(p.TenantID).UpdateOne(ctx, bson.D{{Key: "_id", Value: t.ID},
		{Key: "version", Value: t.Version}, {Key: "status", Value: TaskOpen}}, update)
	if err != nil {
		return fmt.Errorf("updating task %s: %w", t.ID, err)
	}
	if !ok {
		return problem.New(problem.Conflict, "engine.task_version", nil)
	}
	return nil
}

// Reassign hands an open task to another person (转办).
func (s *Service) Reassign(ctx context.Context, p auth.Principal, id, to string,
	version *int64) error {
	t, err := s.openFor(ctx, p, id, version)
	if err != nil {
		return err
	}
	if err := s.checkUser(ctx, p, to); err != nil {
		return err
	}
	h := Handoff{Kind: "reassign", From: t.AssigneeID, To: to, By: p.UserID, At: s.clock.Now()}
	if err := s.change(ctx, p, t, bson.D{{Key: "assignee_id", Value: to}},
		bson.D{{Key: "handoffs", Value: h}}); err != nil {
		return err
	}
	s.countReassigned(ctx, p.TenantID, t.AssigneeID, to)
	return nil
}

// AddCoHandler adds a person who may work on and complete the task (加签).
func (s *Service) AddCoHandler(ctx context.Context, p auth.Principal, id, user string,
	version *int64) error {
	t, err := s.openFor(ctx, p, id, version)
	if err != nil {
		return err
	}
	if err := s.checkUser(ctx, p, user); err != nil {
		return err
	}
	if slices.Contains(t.CoHandlers, user) || user == t.AssigneeID {
		return nil
	}
	h := Handoff{Kind: "co_handler", To: user, By: p.UserID, At: s.clock.Now()}
	return s.change(ctx, p, t, nil, bson.D{{Key: "co_handlers", Value: user},
		{Key: "handoffs", Value: h}})
}

// checkUser refuses a user id that is not a person of the tenant.
func (s *Service) checkUser(ctx context.Context, p auth.Principal, id string) error {
	_, ok, err := s.deps.Directory.Person(ctx, p.TenantID, id)
	if err != nil {
		return fmt.Errorf("reading user %s: %w", id, err)
	}
	if !ok {
		return problem.Fields(problem.Field("/user_id", "engine_unknown_user", nil))
	}
	return nil
}

// Urge nudges the assignee (催办): a notification through the outbox, at
// most once per UrgeInterval per task.
func (s *Service) Urge(ctx context.Context, p auth.Principal, id string) error {
	t, err := s.Task(ctx, p, id)
	if err != nil {
		return err
	}
	if t.Status != TaskOpen {
		return problem.New(problem.Conflict, "engine.task_not_open",
			i18n.Params{"status": string(t.Status)})
	}
	now := s.clock.Now()
	if n := len(t.UrgedAt); n > 0 && now.Sub(t.UrgedAt[n-1]) < UrgeInterval {
		pe := problem.New(problem.RateLimited, "engine.urge_too_soon", nil)
		pe.RetryAfter = t.UrgedAt[n-1].Add(UrgeInterval).Sub(now)
		return pe
	}

	if err := s.change(ctx, p, t, nil, bson.D{{Key: "urged_at", Value: now}}); err != nil {
		return err
	}
	return s.deps.Outbox.Write(ctx, p.TenantID, OutboxMessage{
		DedupeKey: fmt.Sprintf("%s.urge.%d", t.ID, len(t.UrgedAt)+1), Kind: MessageNotify,
		Recipients: []string{t.AssigneeID}, Text: urgeText(t), RecordID: t.RecordID,
		InstanceID: t.InstanceID, TaskID: t.ID})
}

// urgeText is the nudge's text per locale.
func urgeText(t *Task) map[i18n.Locale]string {
	out := map[i18n.Locale]string{}
	for _, l := range i18n.Locales {
		out[l] = i18n.T(l, "engine.urge_message", i18n.Params{"title": t.Title.In(l)})
	}
	return out
}

// Comment adds a remark to a task.
func (s *Service) Comment(ctx context.Context, p auth.Principal, id, text string) error {
	if len([]rune(text)) == 0 || len([]rune(text)) > 4000 {
		return problem.Fields(problem.Field("/text", "engine_comment_length",
			i18n.Params{"max": 4000}))
	}
	t, err := s.Task(ctx, p, id)
	if err != nil {
		return err
	}
	c := Comment{AuthorID: p.UserID, Text: text, At: s.clock.Now()}
	_, err = s.tasks(p.TenantID).UpdateOne(ctx, bson.D{{Key: "_id", Value: t.ID}},
		bson.D{{Key: "$push", Value: bson.D{{Key: "comments", Value: c}}},
			{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}})
	if err != nil {
		return fmt.Errorf("commenting on task %s: %w", id, err)
	}
	return nil
}
