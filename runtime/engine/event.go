package engine

import (
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
)

// EventKind is the kind of thing that happened to an instance.
type EventKind string

// The event kinds the core handles.
const (
	// EventStart starts the instance at its trigger.
	EventStart EventKind = "start"
	// EventTaskCompleted completes a user task with an outcome and data.
	EventTaskCompleted EventKind = "task_completed"
	// EventTimerFired says a timer the instance scheduled is due.
	EventTimerFired EventKind = "timer_fired"
	// EventRecordChanged says fields of the instance's record changed.
	EventRecordChanged EventKind = "record_changed"
	// EventChildDone says a sub-process instance the instance waits for
	// ended.
	EventChildDone EventKind = "child_done"
	// EventCancel cancels the instance: open tasks and timers are
	// cancelled, tokens removed.
	EventCancel EventKind = "cancel"
	// EventCalendarChanged says a new version of a business calendar was
	// published; the timers counted in it are planned again.
	EventCalendarChanged EventKind = "calendar_changed"
)

// Event is one thing that happened, with what the core needs to know
// about it.
type Event struct {
	Kind EventKind `bson:"kind" json:"kind"`
	// TaskID, Outcome, Data and Assignee describe a completed task.
	TaskID   string         `bson:"task_id,omitempty" json:"task_id,omitempty"`
	Outcome  string         `bson:"outcome,omitempty" json:"outcome,omitempty"`
	Data     map[string]any `bson:"data,omitempty" json:"data,omitempty"`
	Assignee string         `bson:"assignee,omitempty" json:"assignee,omitempty"`
	// TimerID is the timer that fired.
	TimerID string `bson:"timer_id,omitempty" json:"timer_id,omitempty"`
	// Fields are the record fields that changed.
	Fields []string `bson:"fields,omitempty" json:"fields,omitempty"`
	// ChildID is the sub-process instance that ended.
	ChildID string `bson:"child_id,omitempty" json:"child_id,omitempty"`
	// Vars, on start, are the instance's own values ("event", "input").
	Vars map[string]any `bson:"vars,omitempty" json:"vars,omitempty"`
	// Reason, on cancel, says why (a migration, a person).
	Reason string `bson:"reason,omitempty" json:"reason,omitempty"`
	// Calendar is the key of the calendar that changed.
	Calendar string `bson:"calendar,omitempty" json:"calendar,omitempty"`
}

// Record is the instance's record as the core reads it: expressions see
// its data as record.<field>, silence watches its activity.
type Record struct {
	ID        string         `json:"id"`
	Form      string         `json:"form"`
	OwnerID   string         `json:"owner_id"`
	Stage     string         `json:"stage"`
	Data      map[string]any `json:"data"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
	// LastActivityAt is when any activity last happened on the record.
	LastActivityAt time.Time `json:"last_activity_at"`
	// LastActivityByKind, when known, is the latest activity per kind
	// ("call", "visit" …), for watches that count only some kinds.
	LastActivityByKind map[string]time.Time `json:"last_activity_by_kind,omitempty"`
}

// Input is everything one Advance reads besides the state.
type Input struct {
	// Now is the current time, from the shell's clock or the simulator's.
	Now time.Time
	// Event is what happened.
	Event Event
	// Record is the instance's record now; nil for instances without one.
	Record *Record
	// Calendars are the business calendars the graph names, by key; a
	// missing key (and "") uses Default.
	Calendars map[string]*calendar.Calendar
	// Default is the tenant's default calendar; nil means calendar.Default().
	Default *calendar.Calendar
	// Teams, when set, lets steps that name no calendar count in their
	// person's team calendar (calendar_teams.go); nil counts them in
	// Default.
	Teams *TeamPlan
}

// calendarOf returns the calendar for key.
func (in Input) calendarOf(key string) *calendar.Calendar {
	if c, ok := in.Calendars[key]; ok && c != nil {
		return c
	}
	if in.Default != nil {
		return in.Default
	}
	return defaultCalendar
}

var defaultCalendar = calendar.Default()
