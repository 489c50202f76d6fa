package engine

import (
	"maps"
	"slices"
	"time"
)

// Status is where an instance stands.
type Status string

// The instance statuses.
const (
	StatusRunning   Status = "running"
	StatusCompleted Status = "completed"
	StatusCancelled Status = "cancelled"
	StatusFailed    Status = "failed"
)

// WaitKind says what a resting token waits for.
type WaitKind string

// The wait kinds.
const (
	WaitTask    WaitKind = "task"    // a user task to be completed
	WaitTimer   WaitKind = "timer"   // a timer node's deadline
	WaitSilence WaitKind = "silence" // a silence watch's deadline
	WaitJoin    WaitKind = "join"    // sibling branches of a parallel join
	WaitChild   WaitKind = "child"   // a sub-process instance to complete
)

// State is the part of an instance the core computes: where its tokens
// are, what they wait for, and the counters that keep ids deterministic.
type State struct {
	// InstanceID is the instance's id; every task, timer and dedupe key the
	// core derives starts with it.
	InstanceID string `bson:"instance_id" json:"instance_id"`
	// Status is running until the last token ends, the instance fails or it
	// is cancelled.
	Status Status `bson:"status" json:"status"`
	// Tokens are the live tokens, each at one node.
	Tokens []Token `bson:"tokens" json:"tokens"`
	// Groups are the open parallel splits by id; a join waits for the
	// Branches of its token's group.
	Groups map[string]Group `bson:"groups,omitempty" json:"groups,omitempty"`
	// Vars are values the instance carries: "event" (an inbound event's
	// payload) and "input" (a manual start's or parent's input).
	Vars map[string]any `bson:"vars,omitempty" json:"vars,omitempty"`
	// Seq numbers the tokens and groups created so far.
	Seq int `bson:"seq" json:"seq"`
	// Failure says why a failed instance failed.
	Failure string `bson:"failure,omitempty" json:"failure,omitempty"`
}

// Token is one thread of execution resting at, or passing through, a node.
type Token struct {
	ID string `bson:"id" json:"id"`
	// Node is the id of the node the token is at.
	Node string `bson:"node" json:"node"`
	// Since is when the token arrived at Node.
	Since time.Time `bson:"since" json:"since"`
	// Group is the parallel split the token is a branch of; "" at top level.
	Group string `bson:"group,omitempty" json:"group,omitempty"`
	// Side marks a token started by a non-interrupting boundary edge: it
	// runs its path to an end beside the task that stays open.
	Side bool `bson:"side,omitempty" json:"side,omitempty"`
	// Wait is what the token waits for; nil while it moves.
	Wait *Wait `bson:"wait,omitempty" json:"wait,omitempty"`
	// Task is the latest user task on the token's path: its id, outcome,
	// assignee and submitted data, read by expressions as task.<name>.
	Task map[string]any `bson:"task,omitempty" json:"task,omitempty"`
	// TaskForm is the form of that task, whose fields type task.<name>.
	TaskForm string `bson:"task_form,omitempty" json:"task_form,omitempty"`
	// Visits counts the token's arrivals per node, to tell loop passes
	// apart in the ids derived from it.
	Visits map[string]int `bson:"visits,omitempty" json:"visits,omitempty"`
	// Escalation and EscalatedFrom say how far up an SLA chain the token's
	// path runs (task_escalation.go): 0 and "" on the path the process
	// reached normally.
	Escalation    int    `bson:"escalation,omitempty" json:"escalation,omitempty"`
	EscalatedFrom string `bson:"escalated_from,omitempty" json:"escalated_from,omitempty"`
}

// Wait is what a resting token waits for.
type Wait struct {
	Kind WaitKind `bson:"kind" json:"kind"`
	// TaskID is the user task, for task waits.
	TaskID string `bson:"task_id,omitempty" json:"task_id,omitempty"`
	// TimerID is the pending timer, for timer and silence waits.
	TimerID string `bson:"timer_id,omitempty" json:"timer_id,omitempty"`
	// Due is when TimerID fires.
	Due time.Time `bson:"due,omitzero" json:"due,omitzero"`
	// TaskDue is the due date of the task, for task waits that have one.
	TaskDue time.Time `bson:"task_due,omitzero" json:"task_due,omitzero"`
	// Field is the record date field a timer waits until, when it does.
	Field string `bson:"field,omitempty" json:"field,omitempty"`
	// Team and Calendar, for the wait of a step that names no calendar,
	// are the team of its person and the key of the calendar its business
	// deadlines count in ("" for the default); see calendar_teams.go.
	Team     string `bson:"team,omitempty" json:"team,omitempty"`
	Calendar string `bson:"calendar,omitempty" json:"calendar,omitempty"`
	// Rescheduled counts how often a silence watch found activity and
	// pushed its deadline.
	Rescheduled int `bson:"rescheduled,omitempty" json:"rescheduled,omitempty"`
	// Boundaries are the SLA timers of a task wait, one per boundary edge.
	Boundaries []Boundary `bson:"boundaries,omitempty" json:"boundaries,omitempty"`
	// ChildID is the sub-process instance, for child waits.
	ChildID string `bson:"child_id,omitempty" json:"child_id,omitempty"`
}

// Boundary is the timer of one boundary (SLA) edge of an open task.
type Boundary struct {
	Edge    string    `bson:"edge" json:"edge"`
	TimerID string    `bson:"timer_id" json:"timer_id"`
	Due     time.Time `bson:"due" json:"due"`
	Fired   bool      `bson:"fired,omitempty" json:"fired,omitempty"`
}

// Group is one parallel split's set of branches.
type Group struct {
	// Parent is the group the split's own token belonged to.
	Parent string `bson:"parent,omitempty" json:"parent,omitempty"`
	// Branches is how many tokens the split started.
	Branches int `bson:"branches" json:"branches"`
}

// Clone returns a deep copy of the state, so Advance never changes the
// caller's value.
func (s State) Clone() State {
	out := s
	out.Tokens = make([]Token, len(s.Tokens))
	for i, t := range s.Tokens {
		out.Tokens[i] = t.clone()
	}
	out.Groups = maps.Clone(s.Groups)
	out.Vars = maps.Clone(s.Vars)
	return out
}

func (t Token) clone() Token {
	out := t
	out.Task = maps.Clone(t.Task)
	out.Visits = maps.Clone(t.Visits)
	if t.Wait != nil {
		w := *t.Wait
		w.Boundaries = slices.Clone(t.Wait.Boundaries)
		out.Wait = &w
	}
	return out
}

// token returns the index of the token with id, or -1.
func (s *State) token(id string) int {
	return slices.IndexFunc(s.Tokens, func(t Token) bool { return t.ID == id })
}

// Waiting reports whether some token waits for the timer timerID.
func (s *State) Waiting(timerID string) bool {
	i, _ := s.timerOwner(timerID)
	return i >= 0
}

// timerOwner finds the token waiting for timerID and, for a boundary
// timer, the boundary's index (else -1).
func (s *State) timerOwner(timerID string) (int, int) {
	for i, t := range s.Tokens {
		if t.Wait == nil {
			continue
		}
		if t.Wait.TimerID == timerID {
			return i, -1
		}
		for j, b := range t.Wait.Boundaries {
			if b.TimerID == timerID && !b.Fired {
				return i, j
			}
		}
	}
	return -1, -1
}

// taskOwner finds the token waiting for task taskID, or -1.
func (s *State) taskOwner(taskID string) int {
	return slices.IndexFunc(s.Tokens, func(t Token) bool {
		return t.Wait != nil && t.Wait.Kind == WaitTask && t.Wait.TaskID == taskID
	})
}
