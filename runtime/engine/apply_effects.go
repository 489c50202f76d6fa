package engine

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/mongo"
)

// createTask resolves the assignee and holds the task for a's next
// insert; a task that already exists is left as it is.
func (s *Service) createTask(ctx context.Context, a *applying, inst *Instance, e Effect) error {
	owner, err := s.ownerOf(ctx, a, inst)
	if err != nil {
		return err
	}
	assignee, candidates, err := s.assign(ctx, a, e.Task.Assignee, owner)
	if err != nil {
		return err
	}

	t := &Task{ID: e.Task.ID, Kind: TaskUser, Title: e.Task.Title, AssigneeID: assignee,
		Candidates: candidates, DueAt: e.Task.DueAt, RecordID: inst.RecordID,
		InstanceID: inst.ID, TokenID: e.Token, NodeID: e.Node, Form: e.Task.Form,
		Outcomes: e.Task.Outcomes, Status: TaskOpen, CreatedAt: s.clock.Now(), Version: 1}
	t.TenantID = inst.TenantID
	stampTask(t, e.Task.Escalation, e.Task.EscalatedFrom)
	a.holdTask(t)
	return nil
}

func (s *Service) insertTask(ctx context.Context, tenantID string, t *Task) error {
	err := s.tasks(tenantID).InsertOne(ctx, t)
	if mongo.IsDuplicate(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("creating task %s: %w", t.ID, err)
	}
	s.tasksCreated(ctx, tenantID, []*Task{t}, nil)
	return nil
}

// cancelTask cancels task id if it is still open, and tells the task
// hooks when it did.
func (s *Service) cancelTask(ctx context.Context, tenantID, id string) error {
	cancelled, err := s.tasks(tenantID).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "status", Value: TaskOpen}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: TaskCancelled},
			{Key: "completed_at", Value: s.clock.Now()}}},
			{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}})
	if err != nil {
		return fmt.Errorf("cancelling task %s: %w", id, err)
	}
	if cancelled {
		s.taskCancelled(ctx, tenantID, id)
	}
	return nil
}

// redueTask moves the due date of an open task.
func (s *Service) redueTask(ctx context.Context, tenantID, id string, due time.Time) error {
	_, err := s.tasks(tenantID).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "status", Value: TaskOpen}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "due_at", Value: due}}},
			{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}})
	if err != nil {
		return fmt.Errorf("moving the due date of task %s: %w", id, err)
	}
	return nil
}

// sendMessage resolves recipients and names and writes the outbox
// message; a ticket also becomes a task of kind ticket.
func (s *Service) sendMessage(ctx context.Context, a *applying, inst *Instance,
	e Effect) error {
	m := e.Message
	owner, err := s.ownerOf(ctx, a, inst)
	if err != nil {
		return err
	}
	ppl := s.peopleOf(a)
	assignee := s.assigneeOf(ctx, a, m.TaskID)
	out := OutboxMessage{DedupeKey: m.DedupeKey, Kind: m.Kind, Channel: m.Channel,
		RecordID: inst.RecordID, InstanceID: inst.ID, TaskID: m.TaskID,
		Text: fillNames(ctx, ppl, m.Text, owner, assignee, LinkPlaceholder)}

	switch m.Kind {
	case MessageNotify:
		out.Recipients, err = ppl.recipients(ctx, m.Recipients, owner, assignee)
	case MessageCallAction:
		out.Payload = map[string]any{"plugin": m.Plugin, "action": m.Action,
			"webhook": m.Webhook, "input": m.Input}
	case MessageCreateTicket:
		err = s.createTicket(ctx, a, inst, e, owner, &out)
	case MessageCreateRecord:
		err = s.createRecordPayload(ctx, a, m, owner, &out)
	}
	if err != nil {
		return err
	}
	return s.deps.Outbox.Write(ctx, inst.TenantID, out)
}

// createTicket inserts the ticket task and completes the outbox message
// that asks the records side to create the ticket record.
func (s *Service) createTicket(ctx context.Context, a *applying, inst *Instance, e Effect,
	owner string, out *OutboxMessage) error {
	m := e.Message
	assignee, candidates, err := s.assign(ctx, a, m.Assignee, owner)
	if err != nil {
		return err
	}
	t := &Task{ID: m.DedupeKey, Kind: TaskTicket, Title: out.Text, AssigneeID: assignee,
		Candidates: candidates, RecordID: inst.RecordID, InstanceID: inst.ID,
		TokenID: e.Token, NodeID: e.Node, Form: m.Form, Status: TaskOpen,
		CreatedAt: s.clock.Now(), Version: 1}
	stampTask(t, m.Escalation, m.EscalatedFrom)
	out.Recipients = append(candidates, assignee)
	out.Payload = map[string]any{"form": m.Form, "task_id": t.ID, "assignee_id": assignee}
	a.created(t)
	return s.insertTask(ctx, inst.TenantID, t)
}

// awardPoints books an award to the person its rule names.
func (s *Service) awardPoints(ctx context.Context, a *applying, inst *Instance,
	e Effect) error {
	p := e.Points
	owner, err := s.ownerOf(ctx, a, inst)
	if err != nil {
		return err
	}
	user := pointsUser(p, owner, s.assigneeOf(ctx, a, p.TaskID))
	if user == "" {
		return nil
	}
	reason := fillNames(ctx, s.peopleOf(a), p.Reason, owner, user, "")
	return s.deps.Ledger.Award(ctx, inst.TenantID, PointsEntry{DedupeKey: p.DedupeKey,
		Ledger: p.Ledger, UserID: user, Points: p.Points, Reason: reason,
		RecordID: inst.RecordID, InstanceID: inst.ID})
}

// pointsUser picks the receiver of an award.
func pointsUser(p *PointsSpec, owner, assignee string) string {
	switch p.To {
	case process.PointsToAssignee:
		return assignee
	case process.PointsToUser:
		return p.User
	}
	return owner
}

// LinkPlaceholder stands in a message's text for the address of its
// record's page; the OutboxWriter replaces it with the address, or with
// nothing when Formwork has no public URL.
const LinkPlaceholder = "{{" + linkName + "}}"

const linkName = "record.link"

// fillNames fills the people placeholders the core cannot know
// (task.assignee_name, owner.name, and record.owner_name as older packs
// write it), puts link for record.link, the address of the record's page
// (for a message, LinkPlaceholder: only the outbox knows the address), and
// blanks any other that is left.
func fillNames(ctx context.Context, ppl people, t process.Text,
	owner, assignee, link string) process.Text {
	if t == nil {
		return nil
	}
	out := make(process.Text, len(t))
	for l, s := range t {
		if !strings.Contains(s, "{{") {
			out[l] = s
			continue
		}
		out[l] = renderTemplate(s, l, func(name string) (string, bool) {
			switch name {
			case "task.assignee_name":
				return ppl.name(ctx, assignee), true
			case "owner.name", "record.owner_name":
				return ppl.name(ctx, owner), true
			case linkName:
				return link, true
			}
			return "", true
		})
	}
	return out
}
