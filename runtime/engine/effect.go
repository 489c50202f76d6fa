package engine

import (
	"time"

	"github.com/formworkhq/formwork/designer/process"
)

// EffectKind is the kind of thing a step asks the world to do.
type EffectKind string

// The effect kinds.
const (
	EffectCreateTask    EffectKind = "create_task"
	EffectCancelTask    EffectKind = "cancel_task"
	EffectRedueTask     EffectKind = "redue_task" // Task carries the id and new DueAt
	EffectScheduleTimer EffectKind = "schedule_timer"
	EffectCancelTimer   EffectKind = "cancel_timer"
	EffectMessage       EffectKind = "message"
	EffectAwardPoints   EffectKind = "award_points"
	EffectSetFields     EffectKind = "set_fields"
	EffectAssignOwner   EffectKind = "assign_owner"
	EffectStartChild    EffectKind = "start_sub_process"
	EffectEnd           EffectKind = "end"
)

// TimerKind says what a timer is for; the shell passes it to the timer
// scheduler and gets it back when the timer fires.
type TimerKind string

// The timer kinds.
const (
	TimerBoundary TimerKind = "engine.boundary" // an SLA edge of a user task
	TimerWait     TimerKind = "engine.timer"    // a timer node
	TimerSilence  TimerKind = "engine.silence"  // a silence watch
)

// MessageKind is the kind of an outbox message.
type MessageKind string

// The outbox message kinds.
const (
	MessageNotify       MessageKind = "notify"
	MessageCallAction   MessageKind = "call_action"
	MessageCreateTicket MessageKind = "create_ticket"
	MessageCreateRecord MessageKind = "create_record"
)

// Effect is one thing a step asks for. Node and Token say where it comes
// from; exactly one of the pointers is set, by Kind.
type Effect struct {
	Kind  EffectKind `bson:"kind" json:"kind"`
	Node  string     `bson:"node" json:"node"`
	Token string     `bson:"token" json:"token"`

	Task     *TaskSpec     `bson:"task,omitempty" json:"task,omitempty"`
	TaskID   string        `bson:"task_id,omitempty" json:"task_id,omitempty"`
	Timer    *TimerSpec    `bson:"timer,omitempty" json:"timer,omitempty"`
	TimerID  string        `bson:"timer_id,omitempty" json:"timer_id,omitempty"`
	Message  *MessageSpec  `bson:"message,omitempty" json:"message,omitempty"`
	Points   *PointsSpec   `bson:"points,omitempty" json:"points,omitempty"`
	Fields   *FieldsSpec   `bson:"fields,omitempty" json:"fields,omitempty"`
	Child    *ChildSpec    `bson:"child,omitempty" json:"child,omitempty"`
	Owner    *OwnerSpec    `bson:"owner,omitempty" json:"owner,omitempty"`
	Outcome  Status        `bson:"outcome,omitempty" json:"outcome,omitempty"`
	Boundary *BoundaryNote `bson:"boundary,omitempty" json:"boundary,omitempty"`
}

// BoundaryNote, on the effects of a boundary path, names the SLA edge that
// started it, so a timeline can say "after 4 h".
type BoundaryNote struct {
	Edge         string `bson:"edge" json:"edge"`
	After        string `bson:"after" json:"after"`
	Interrupting bool   `bson:"interrupting,omitempty" json:"interrupting,omitempty"`
}

// TaskSpec is a user task to create. The shell resolves Assignee to a
// person.
type TaskSpec struct {
	ID       string           `bson:"id" json:"id"`
	Title    process.Text     `bson:"title" json:"title"`
	Assignee process.Assignee `bson:"assignee" json:"assignee"`
	Form     string           `bson:"form,omitempty" json:"form,omitempty"`
	DueAt    time.Time        `bson:"due_at,omitzero" json:"due_at,omitzero"`
	Outcomes []string         `bson:"outcomes,omitempty" json:"outcomes,omitempty"`
	// Escalation is the task's escalation level, EscalatedFrom the overdue
	// task whose boundary path reached it (task_escalation.go).
	Escalation    int    `bson:"escalation,omitempty" json:"escalation,omitempty"`
	EscalatedFrom string `bson:"escalated_from,omitempty" json:"escalated_from,omitempty"`
}

// TimerSpec is a timer to schedule.
type TimerSpec struct {
	ID   string    `bson:"id" json:"id"`
	Kind TimerKind `bson:"kind" json:"kind"`
	Due  time.Time `bson:"due" json:"due"`
}

// MessageSpec is an outbox message. Recipients are rules; the shell
// resolves them against the directory, the record's owner and the current
// assignee of TaskID.
type MessageSpec struct {
	Kind       MessageKind         `bson:"kind" json:"kind"`
	DedupeKey  string              `bson:"dedupe_key" json:"dedupe_key"`
	Channel    string              `bson:"channel,omitempty" json:"channel,omitempty"`
	Recipients []process.Recipient `bson:"recipients,omitempty" json:"recipients,omitempty"`
	Text       process.Text        `bson:"text,omitempty" json:"text,omitempty"`
	// TaskID is the latest task on the token's path, for assignee rules.
	TaskID string `bson:"task_id,omitempty" json:"task_id,omitempty"`
	// Plugin, Action and Webhook say what a call_action runs.
	Plugin  string `bson:"plugin,omitempty" json:"plugin,omitempty"`
	Action  string `bson:"action,omitempty" json:"action,omitempty"`
	Webhook string `bson:"webhook,omitempty" json:"webhook,omitempty"`
	// Input is a call_action's computed input.
	Input map[string]any `bson:"input,omitempty" json:"input,omitempty"`
	// Form and Assignee describe a ticket to create.
	Form     string           `bson:"form,omitempty" json:"form,omitempty"`
	Assignee process.Assignee `bson:"assignee,omitzero" json:"assignee,omitzero"`
	// Escalation and EscalatedFrom are the ticket's, as for TaskSpec.
	Escalation    int    `bson:"escalation,omitempty" json:"escalation,omitempty"`
	EscalatedFrom string `bson:"escalated_from,omitempty" json:"escalated_from,omitempty"`
	// Data are a record to create's computed fields, as JSON values, and
	// LinkField its field that gets the id of the instance's record; Form
	// names its form and Assignee its owner rule.
	Data      map[string]any `bson:"data,omitempty" json:"data,omitempty"`
	LinkField string         `bson:"link_field,omitempty" json:"link_field,omitempty"`
}

// PointsSpec is a points award.
type PointsSpec struct {
	DedupeKey string           `bson:"dedupe_key" json:"dedupe_key"`
	Ledger    string           `bson:"ledger" json:"ledger"`
	Points    float64          `bson:"points" json:"points"`
	To        process.PointsTo `bson:"to" json:"to"`
	User      string           `bson:"user,omitempty" json:"user,omitempty"`
	TaskID    string           `bson:"task_id,omitempty" json:"task_id,omitempty"`
	Reason    process.Text     `bson:"reason,omitempty" json:"reason,omitempty"`
}

// FieldsSpec is a change to the record: fields to set, or a stage.
type FieldsSpec struct {
	DedupeKey string         `bson:"dedupe_key" json:"dedupe_key"`
	Set       map[string]any `bson:"set,omitempty" json:"set,omitempty"`
	Stage     string         `bson:"stage,omitempty" json:"stage,omitempty"`
}

// OwnerSpec gives the record to the person an assignee rule picks. The
// choice is made once per DedupeKey: applied again, the same person.
type OwnerSpec struct {
	DedupeKey string           `bson:"dedupe_key" json:"dedupe_key"`
	Assignee  process.Assignee `bson:"assignee" json:"assignee"`
}

// ChildSpec is a sub-process to start.
type ChildSpec struct {
	ID      string         `bson:"id" json:"id"`
	Process string         `bson:"process" json:"process"`
	Input   map[string]any `bson:"input,omitempty" json:"input,omitempty"`
	Wait    bool           `bson:"wait,omitempty" json:"wait,omitempty"`
}
