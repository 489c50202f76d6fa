package engine

import (
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
)

// The inbox's assignee selectors beside a user id.
const (
	AssigneeMe   = "me"
	AssigneeTeam = "team"
)

// The inbox's status filters: a task status, or overdue (open and past
// its due time).
const (
	FilterOpen    = "open"
	FilterDone    = "done"
	FilterOverdue = "overdue"
)

// Inbox page sizes.
const (
	DefaultInboxLimit = 50
	MaxInboxLimit     = 200
)

// Query selects tasks for an inbox. Its zero value is "my open tasks":
// those assigned to me, those offered to a role of mine that nobody has
// taken yet, and those I was added to as a co-handler.
type Query struct {
	// Assignee is "me" (the default), "team" (a supervisor's direct
	// reports) or a user id (the person themself, a supervisor or admin).
	Assignee string
	// Status is open (the default), done or overdue.
	Status string
	// DueWithin, when positive, keeps open tasks due within that long.
	DueWithin time.Duration
	// Escalated keeps escalations only: tasks of escalation level 1 or
	// more. Without an Assignee it lists every escalation the caller may
	// see: an owner's or admin's whole tenant, a supervisor's own and
	// their direct reports', anyone else's own.
	Escalated bool
	// Cursor is the previous page's NextCursor.
	Cursor string
	// Limit is the page size; 0 means DefaultInboxLimit.
	Limit int
}

// InboxItem is one task as an inbox lists it.
type InboxItem struct {
	ID         string       `json:"id"`
	Kind       TaskKind     `json:"kind"`
	Title      process.Text `json:"title"`
	AssigneeID string       `json:"assignee_id"`
	DueAt      *time.Time   `json:"due_at"`
	RecordID   string       `json:"record_id,omitempty"`
	Status     TaskStatus   `json:"status"`
	// EscalationLevel and EscalatedFrom are the task's (see Task).
	EscalationLevel int    `json:"escalation_level"`
	EscalatedFrom   string `json:"escalated_from,omitempty"`
}

// InboxPage is a page of an inbox.
type InboxPage struct {
	Items      []InboxItem `json:"items"`
	NextCursor string      `json:"next_cursor,omitempty"`
}

// Inbox lists tasks for q, oldest first, by pages.
func (s *Service) Inbox(ctx context.Context, p auth.Principal, q Query) (*InboxPage, error) {
	filter, err := s.inboxFilter(ctx, p, q)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultInboxLimit
	}
	limit = min(limit, MaxInboxLimit)

	var tasks []Task
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit + 1))
	if err := s.tasks(p.TenantID).FindAll(ctx, filter, &tasks, opts); err != nil {
		return nil, fmt.Errorf("listing tasks: %w", err)
	}
	page := &InboxPage{Items: []InboxItem{}}
	if len(tasks) > limit {
		tasks = tasks[:limit]
		page.NextCursor = tasks[limit-1].ID
	}
	for i := range tasks {
		page.Items = append(page.Items, itemOf(&tasks[i]))
	}
	return page, nil
}

func itemOf(t *Task) InboxItem {
	it := InboxItem{ID: t.ID, Kind: t.Kind, Title: t.Title, AssigneeID: t.AssigneeID,
		RecordID: t.RecordID, Status: t.Status, EscalationLevel: t.EscalationLevel,
		EscalatedFrom: t.EscalatedFrom}
	if !t.DueAt.IsZero() {
		due := t.DueAt
		it.DueAt = &due
	}
	return it
}

// inboxFilter turns q into a store filter.
func (s *Service) inboxFilter(ctx context.Context, p auth.Principal, q Query) (bson.D, error) {
	f, err := s.peopleFilter(ctx, p, q)
	if err != nil {
		return nil, err
	}
	if q.Escalated {
		f = append(f, bson.E{Key: "escalation_level", Value: bson.D{{Key: "$gte", Value: 1}}})
	}

	now := s.clock.Now()
	switch q.Status {
	case "", FilterOpen:
		f = append(f, bson.E{Key: "status", Value: TaskOpen})
	case FilterDone:
		f = append(f, bson.E{Key: "status", Value: TaskDone})
	case FilterOverdue:
		f = append(f, bson.E{Key: "status", Value: TaskOpen},
			bson.E{Key: "due_at", Value: bson.D{{Key: "$lt", Value: now}}})
	default:
		return nil, problem.Fields(problem.Field("/status", "engine_inbox_status", nil))
	}
	if q.DueWithin > 0 {
		f = append(f, bson.E{Key: "status", Value: TaskOpen}, bson.E{Key: "due_at",
			Value: bson.D{{Key: "$gte", Value: now}, {Key: "$lte", Value: now.Add(q.DueWithin)}}})
	}
	if q.Cursor != "" {
		f = append(f, bson.E{Key: "_id", Value: bson.D{{Key: "$gt", Value: q.Cursor}}})
	}
	return f, nil
}

// peopleFilter selects the tasks of the people q is about: assigned to
// them, offered to them through a role and not yet taken, or shared with
// them as co-handlers. An escalation list without an assignee covers
// everyone the caller may see; for an owner or admin that is no filter.
func (s *Service) peopleFilter(ctx context.Context, p auth.Principal, q Query) (bson.D,
	error) {
	var who []string
	var err error
	switch {
	case q.Escalated && q.Assignee == "" && seesAll(p):
		return bson.D{}, nil
	case q.Escalated && q.Assignee == "":
		who, err = s.escalationViewers(ctx, p)
	default:
		who, err = s.assignees(ctx, p, q.Assignee)
	}
	if err != nil {
		return nil, err
	}

	return bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "assignee_id", Value: bson.D{{Key: "$in", Value: who}}}},
		bson.D{{Key: "assignee_id", Value: ""},
			{Key: "candidates", Value: bson.D{{Key: "$in", Value: who}}}},
		bson.D{{Key: "co_handlers", Value: bson.D{{Key: "$in", Value: who}}}},
	}}}, nil
}

// seesAll reports whether p sees every task of the tenant: an owner or
// admin.
func seesAll(p auth.Principal) bool {
	return slices.Contains(p.Roles, auth.Owner) || slices.Contains(p.Roles, auth.Admin)
}

// escalationViewers are the people whose escalations p sees, when p does
// not see all: a supervisor and their direct reports, else p alone.
func (s *Service) escalationViewers(ctx context.Context, p auth.Principal) ([]string,
	error) {
	who := []string{p.UserID}
	if !slices.Contains(p.Roles, auth.Supervisor) {
		return who, nil
	}
	reports, err := s.deps.Directory.DirectReports(ctx, p.TenantID, p.UserID)
	if err != nil {
		return nil, fmt.Errorf("listing direct reports: %w", err)
	}
	return append(who, reports...), nil
}

// assignees resolves an inbox's assignee selector to user ids.
func (s *Service) assignees(ctx context.Context, p auth.Principal, sel string) ([]string,
	error) {
	switch sel {
	case "", AssigneeMe:
		return []string{p.UserID}, nil
	case AssigneeTeam:
		ids, err := s.deps.Directory.DirectReports(ctx, p.TenantID, p.UserID)
		if err != nil {
			return nil, fmt.Errorf("listing direct reports: %w", err)
		}
		return ids, nil
	}
	if sel == p.UserID || supervises(p) {
		return []string{sel}, nil
	}
	return nil, problem.New(problem.Forbidden, "engine.inbox_not_yours", nil)
}
