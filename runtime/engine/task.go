package engine

import (
	"encoding/json"
	"time"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/mongo"
)

// TaskKind is a kind of task.
type TaskKind string

// The task kinds.
const (
	TaskUser   TaskKind = "user_task" // a process's user task; its token waits
	TaskTicket TaskKind = "ticket"    // a ticket a create_ticket step raised
)

// TaskStatus is where a task stands.
type TaskStatus string

// The task statuses.
const (
	TaskOpen      TaskStatus = "open"
	TaskDone      TaskStatus = "done"
	TaskCancelled TaskStatus = "cancelled"
)

// Task is work a person does, stored in "tasks". Every change is a
// conditional update on Version.
type Task struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline"`
	Kind           TaskKind     `bson:"kind" json:"kind"`
	Title          process.Text `bson:"title" json:"title"`
	AssigneeID     string       `bson:"assignee_id" json:"assignee_id"`
	// Candidates, for a task offered to a role, are the people who may
	// take it; the first to complete it does.
	Candidates []string  `bson:"candidates,omitempty" json:"candidates,omitempty"`
	CoHandlers []string  `bson:"co_handlers,omitempty" json:"co_handlers,omitempty"`
	DueAt      time.Time `bson:"due_at,omitzero" json:"due_at,omitzero"`
	RecordID   string    `bson:"record_id,omitempty" json:"record_id,omitempty"`
	InstanceID string    `bson:"instance_id" json:"instance_id"`
	TokenID    string    `bson:"token_id,omitempty" json:"token_id,omitempty"`
	NodeID     string    `bson:"node_id,omitempty" json:"node_id,omitempty"`
	// EscalationLevel is 0 for a task the process reached normally; a task
	// created on a boundary (SLA) path out of an overdue task is one level
	// above that task. It is written once, with the task.
	EscalationLevel int `bson:"escalation_level,omitempty" json:"escalation_level"`
	// EscalatedFrom is the id of the overdue task whose boundary path
	// created this one; "" for a level-0 task.
	EscalatedFrom string `bson:"escalated_from,omitempty" json:"escalated_from,omitempty"`
	// FirstAssigneeID is who the task was assigned to when it was created
	// ("" for a task offered to a role), kept for the figures that count
	// tasks created per person however they were handed on later.
	FirstAssigneeID string `bson:"first_assignee_id,omitempty" json:"-"`
	// Form is the key of the form that completes the task, if any.
	Form string `bson:"form,omitempty" json:"form,omitempty"`
	// Outcomes are the keys the task may be completed with; empty means
	// any (or none).
	Outcomes    []string       `bson:"outcomes,omitempty" json:"outcomes,omitempty"`
	Status      TaskStatus     `bson:"status" json:"status"`
	Outcome     string         `bson:"outcome,omitempty" json:"outcome,omitempty"`
	Data        map[string]any `bson:"data,omitempty" json:"data,omitempty"`
	Comments    []Comment      `bson:"comments,omitempty" json:"comments,omitempty"`
	UrgedAt     []time.Time    `bson:"urged_at,omitempty" json:"urged_at,omitempty"`
	Handoffs    []Handoff      `bson:"handoffs,omitempty" json:"handoffs,omitempty"`
	CreatedAt   time.Time      `bson:"created_at" json:"created_at"`
	CompletedAt time.Time      `bson:"completed_at,omitzero" json:"completed_at,omitzero"`
	CompletedBy string         `bson:"completed_by,omitempty" json:"completed_by,omitempty"`
	Version     int64          `bson:"version" json:"version"`
}

// Comment is a remark on a task.
type Comment struct {
	AuthorID string    `bson:"author_id" json:"author_id"`
	Text     string    `bson:"text" json:"text"`
	At       time.Time `bson:"at" json:"at"`
}

// Handoff records a reassignment (转办) or an added co-handler (加签).
type Handoff struct {
	Kind string    `bson:"kind" json:"kind"` // "reassign" or "co_handler"
	From string    `bson:"from,omitempty" json:"from,omitempty"`
	To   string    `bson:"to" json:"to"`
	By   string    `bson:"by" json:"by"`
	At   time.Time `bson:"at" json:"at"`
}

// Completion is what completing a task says.
type Completion struct {
	// Version, when set, must be the task's current version.
	Version *int64
	// Outcome is one of the task's outcomes, or "" for a task without.
	Outcome string
	// Data is the task form's submission, when the task has a form.
	Data json.RawMessage
}
