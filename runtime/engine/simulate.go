package engine

import (
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
)

// ScriptEventKind is a kind of scripted event.
type ScriptEventKind string

// The scripted events.
const (
	ScriptSubmit       ScriptEventKind = "submit"        // the record is created
	ScriptActivity     ScriptEventKind = "activity"      // an activity on the record
	ScriptCompleteTask ScriptEventKind = "complete_task" // an open task is completed
	ScriptAdvance      ScriptEventKind = "advance"       // time passes
	ScriptChangeFields ScriptEventKind = "change_fields" // record fields change
)

// Limits of one simulation.
const (
	MaxScriptEvents = 200
	MaxTimerFirings = 2000
)

// ScriptEvent is one scripted event. It happens At, or After the previous
// event (or the start); with neither, right after the previous one.
type ScriptEvent struct {
	At    *time.Time      `json:"at,omitempty"`
	After string          `json:"after,omitempty"`
	Kind  ScriptEventKind `json:"kind"`
	// Task, for complete_task, is the node id of the task to complete;
	// empty means the oldest open task.
	Task    string         `json:"task,omitempty"`
	Outcome string         `json:"outcome,omitempty"`
	Data    map[string]any `json:"data,omitempty"`
	// Activity is the activity kind, for activity ("call" by default).
	Activity string `json:"activity,omitempty"`
	// Duration, for advance, is how long passes ("2h", "1d business").
	Duration string `json:"duration,omitempty"`
	// Fields, for change_fields, are the new values.
	Fields map[string]any `json:"fields,omitempty"`
}

// Script is a simulation's input.
type Script struct {
	Start time.Time `json:"start"`
	// Owner is the record owner's user id; "owner" when empty.
	Owner  string         `json:"owner,omitempty"`
	Record map[string]any `json:"record,omitempty"`
	Events []ScriptEvent  `json:"events"`
}

// TimelineEntry is one thing that would happen.
type TimelineEntry struct {
	At     time.Time    `json:"at"`
	Node   string       `json:"node,omitempty"`
	Kind   string       `json:"kind"`
	Detail process.Text `json:"detail"`
}

// Timeline is what a simulation shows.
type Timeline struct {
	Entries []TimelineEntry `json:"entries"`
	Status  Status          `json:"status"`
	// Tokens are where the instance rests at the end.
	Tokens []Token `json:"tokens,omitempty"`
}

// Simulator runs process versions against a virtual clock with no writes
// and no messages. Calendars and Directory may be nil (default calendar,
// nobody known).
type Simulator struct {
	Calendars Calendars
	Directory Directory
}

// Simulate runs the process graph (a version's or a draft's) through the
// script, reading forms and calendars as the tenant has them.
func (s *Service) Simulate(ctx context.Context, p auth.Principal, g process.Graph,
	script Script) (*Timeline, error) {
	def := Definition{Key: "simulation", Graph: g, TaskFields: map[string][]process.Field{}}
	if err := s.formFieldsOf(ctx, p.TenantID, &def); err != nil {
		return nil, err
	}
	sim := Simulator{Calendars: s.deps.Calendars, Directory: s.deps.Directory}
	return sim.Run(ctx, p.TenantID, def, script)
}

// Run simulates def under script.
func (sim Simulator) Run(ctx context.Context, tenantID string, def Definition,
	script Script) (*Timeline, error) {
	if len(script.Events) > MaxScriptEvents {
		return nil, problem.Fields(problem.Field("/events", "engine_script_too_long",
			map[string]any{"max": MaxScriptEvents}))
	}
	m, err := Prepare(def)
	if err != nil {
		return nil, problem.Fields(problem.Field("/graph", "engine_graph_not_runnable", nil))
	}
	w, err := sim.world(ctx, tenantID, m, script)
	if err != nil {
		return nil, err
	}

	for i, ev := range script.Events {
		at, err := w.timeOf(ev)
		if err != nil {
			return nil, problem.Fields(problem.Field(fmt.Sprintf("/events/%d", i),
				"engine_script_time", nil))
		}
		if !w.runUntil(at) {
			break
		}
		w.scripted(ev)
	}
	return &Timeline{Entries: w.entries, Status: w.st.Status, Tokens: w.st.Tokens}, nil
}

// world builds the simulation's starting point.
func (sim Simulator) world(ctx context.Context, tenantID string, m *Model,
	script Script) (*world, error) {
	cals := sim.Calendars
	if cals == nil {
		cals = StaticCalendars{}
	}
	in := Input{Calendars: map[string]*calendar.Calendar{}}
	for _, key := range calendarKeys(m.def.Graph) {
		c, err := cals.Calendar(ctx, tenantID, key)
		if err != nil {
			return nil, err
		}
		in.Calendars[key] = c
	}
	in.Default = in.Calendars[""]

	dir := sim.Directory
	if dir == nil {
		dir = MemDirectory{}
	}
	owner := script.Owner
	if owner == "" {
		owner = "owner"
	}
	trig, _ := process.ConfigAs[*process.TriggerConfig](m.Trigger())
	rec := &Record{ID: "simulated", Form: trig.Form, OwnerID: owner,
		Data: maps.Clone(script.Record), CreatedAt: script.Start, UpdatedAt: script.Start}
	if err := simTeams(ctx, tenantID, cals, dir, m, rec, &in); err != nil {
		return nil, err
	}

	w := &world{ctx: ctx, m: m, in: in, now: script.Start, rec: rec,
		st: State{InstanceID: "sim"}, timers: map[string]TimerSpec{}, tasks: map[string]*simTask{}}
	w.ppl = people{dir: dir, tenant: tenantID, loads: w.loads, turn: w.turn}
	return w, nil
}
