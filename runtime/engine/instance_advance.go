package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// maxAttempts bounds the compare-and-set retries of one transition.
const maxAttempts = 8

// errBusy is returned when an instance kept changing under a transition.
var errBusy = errors.New("instance kept changing; giving up")

// advance feeds ev to the instance and applies the effects. An instance
// that does not exist, has ended, or does not wait for ev is left alone.
func (s *Service) advance(ctx context.Context, tenantID, id string, ev Event) error {
	_, err := s.advanceCounted(ctx, tenantID, id, ev)
	return err
}

// advanceCounted is advance, also reporting whether the instance moved.
// The read, the step and the conditional write are one mongo.Modify, so
// a transition costs one read and one update of the instance.
func (s *Service) advanceCounted(ctx context.Context, tenantID, id string, ev Event) (bool,
	error) {
	return s.advanceOn(ctx, tenantID, id, ev, nil)
}

// advanceOn is advanceCounted with the instance's record at hand (nil to
// read it): a record event carries the record as its write left it.
func (s *Service) advanceOn(ctx context.Context, tenantID, id string, ev Event,
	known *Record) (bool, error) {
	for range maxAttempts {
		var inst Instance
		var res Result
		var rec *Record
		var stepErr error
		var history []Transition
		ok, err := s.instances(tenantID).Modify(ctx, id, &inst, func() (bson.D, any, bool) {
			if ev.Kind != EventStart && inst.Status != StatusRunning {
				return nil, nil, false // ended: the core would not move it either
			}
			res, rec, stepErr = s.step(ctx, &inst, ev, known)
			if stepErr != nil || !res.Changed {
				return nil, nil, false
			}
			var update bson.D
			update, history = s.transition(&inst, ev, res)
			return bson.D{{Key: "version", Value: inst.Version}}, update, true
		})
		switch {
		case errors.Is(err, mongo.ErrNotFound):
			return false, nil
		case err != nil:
			return false, fmt.Errorf("advancing instance %s: %w", id, err)
		case stepErr != nil || !res.Changed:
			return false, stepErr
		}
		if ok {
			inst.State, inst.History, inst.Pending = res.State, history, res.Effects
			inst.Version++
			return true, s.apply(ctx, &inst, res.Effects, rec)
		}
	}
	return false, fmt.Errorf("advancing instance %s: %w", id, errBusy)
}

// step runs the core for inst; rec is its record when the caller has it
// at hand, nil to read it. It also returns the record the core saw (nil
// when the instance has none or it is gone), for the effects.
func (s *Service) step(ctx context.Context, inst *Instance, ev Event, rec *Record) (Result,
	*Record, error) {
	m, err := s.model(ctx, inst.TenantID, inst.ProcessID, inst.ProcessVersion)
	if err != nil {
		return Result{}, nil, err
	}
	in, err := s.input(ctx, inst, m, ev, rec)
	if err != nil {
		return Result{}, nil, err
	}
	return m.Advance(inst.State, in), in.Record, nil
}

// input gathers what the core reads: the record (read unless given), the
// calendars, now.
func (s *Service) input(ctx context.Context, inst *Instance, m *Model, ev Event,
	rec *Record) (Input, error) {
	in := Input{Now: s.clock.Now(), Event: ev, Calendars: map[string]*calendar.Calendar{},
		Record: rec}
	if inst.RecordID != "" && rec == nil {
		rec, err := s.deps.Records.Record(ctx, inst.TenantID, inst.RecordID)
		if err != nil && !errors.Is(err, ErrRecordNotFound) {
			return Input{}, fmt.Errorf("reading record %s: %w", inst.RecordID, err)
		}
		in.Record = rec
	}

	for _, key := range calendarKeys(m.def.Graph) {
		c, err := s.calendar(ctx, inst.TenantID, key)
		if err != nil {
			return Input{}, err
		}
		in.Calendars[key] = c
	}
	in.Default = in.Calendars[""]
	if err := s.teamInput(ctx, inst, m, &in); err != nil {
		return Input{}, err
	}
	return in, nil
}

// calendarKeys lists the calendars a graph names, "" (the default) first.
func calendarKeys(g process.Graph) []string {
	keys := []string{""}
	for _, n := range g.Nodes {
		var k string
		switch c := n.Config.(type) {
		case *process.UserTaskConfig:
			k = c.Calendar
		case *process.TimerConfig:
			k = c.Calendar
		case *process.SilenceWatchConfig:
			k = c.Calendar
		}
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// transition is the update that writes res as inst's next version (the
// caller makes it conditional on inst.Version), and the history it sets.
func (s *Service) transition(inst *Instance, ev Event, res Result) (bson.D, []Transition) {
	now := s.clock.Now()
	history := append(slices.Clone(inst.History), Transition{At: now, Event: ev.Kind,
		Detail: detail(ev), Version: inst.Version + 1, Steps: res.Steps})
	if len(history) > MaxHistory {
		history = history[len(history)-MaxHistory:]
	}

	st := res.State
	set := bson.D{{Key: "status", Value: st.Status}, {Key: "tokens", Value: st.Tokens},
		{Key: "groups", Value: st.Groups}, {Key: "vars", Value: st.Vars},
		{Key: "seq", Value: st.Seq}, {Key: "failure", Value: st.Failure},
		{Key: "history", Value: history}, {Key: "pending", Value: res.Effects},
		{Key: "updated_at", Value: now}, {Key: "version", Value: inst.Version + 1}}
	return bson.D{{Key: "$set", Value: set}}, history
}

// Instance returns an instance of the principal's tenant.
func (s *Service) Instance(ctx context.Context, tenantID, id string) (*Instance, error) {
	var inst Instance
	err := s.instances(tenantID).FindByID(ctx, id, &inst)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, problem.NotFoundf("engine.instance_not_found")
	}
	if err != nil {
		return nil, fmt.Errorf("reading instance %s: %w", id, err)
	}
	return &inst, nil
}

// Resume applies again the effects of an instance's latest transition,
// for a process that stopped between writing a transition and applying
// it. Every effect is idempotent, so resuming a healthy instance changes
// nothing.
//
// It also finishes a completion a crash interrupted: Complete marks the
// task done first and moves the instance second, so a token still waiting
// on a task that is done is given the task's completion again.
func (s *Service) Resume(ctx context.Context, tenantID, id string) error {
	inst, err := s.Instance(ctx, tenantID, id)
	if err != nil {
		return err
	}
	if err := s.apply(ctx, inst, inst.Pending, nil); err != nil {
		return err
	}
	return s.feedStrandedCompletions(ctx, inst)
}

// feedStrandedCompletions advances inst with the completion of every task
// its tokens wait on that is already done.
func (s *Service) feedStrandedCompletions(ctx context.Context, inst *Instance) error {
	for _, tok := range inst.Tokens {
		if tok.Wait == nil || tok.Wait.Kind != WaitTask || tok.Wait.TaskID == "" {
			continue
		}
		var t Task
		err := s.tasks(inst.TenantID).FindByID(ctx, tok.Wait.TaskID, &t)
		if errors.Is(err, mongo.ErrNotFound) || (err == nil && t.Status != TaskDone) {
			continue
		}
		if err != nil {
			return err
		}
		ev := Event{Kind: EventTaskCompleted, TaskID: t.ID, Outcome: t.Outcome, Data: t.Data,
			Assignee: t.CompletedBy}
		if err := s.advance(ctx, inst.TenantID, inst.ID, ev); err != nil {
			return err
		}
	}
	return nil
}
