package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/mongo"
)

// RecordEventKind is a kind of record event.
type RecordEventKind string

// The record events the engine listens to.
const (
	RecordCreated  RecordEventKind = "record_created"
	RecordChanged  RecordEventKind = "field_changed"
	RecordActivity RecordEventKind = "activity"
	RecordDeleted  RecordEventKind = "record_deleted"
)

// RecordEvent is what the records side tells the engine.
type RecordEvent struct {
	// ID identifies the event; one instance starts per process version,
	// record and event id, however often the event is delivered.
	ID       string          `json:"id"`
	TenantID string          `json:"tenant_id"`
	Kind     RecordEventKind `json:"kind"`
	RecordID string          `json:"record_id"`
	Form     string          `json:"form"`
	// Fields are the changed fields, for field_changed.
	Fields []string  `json:"fields,omitempty"`
	At     time.Time `json:"at"`
	// Record, when the sender has it, is the record after the write; the
	// instances the event starts read it instead of the store.
	Record *Record `json:"-"`
}

// OnRecordEvent starts the instances the event triggers, re-plans timers
// bound to changed date fields and cancels the instances of a deleted
// record. Activity does nothing: a silence watch re-checks at its own
// deadline (DESIGN.md invariant 6).
func (s *Service) OnRecordEvent(ctx context.Context, ev RecordEvent) error {
	ctx = withCalendarMemo(ctx)
	switch ev.Kind {
	case RecordActivity:
		return nil
	case RecordDeleted:
		return s.eachRunning(ctx, ev, Event{Kind: EventCancel, Reason: "record deleted"})
	case RecordChanged:
		if err := s.eachRunning(ctx, ev, Event{Kind: EventRecordChanged,
			Fields: ev.Fields}); err != nil {
			return err
		}
	}
	return s.trigger(ctx, ev)
}

// eachRunning feeds ev to every running instance of the record, with the
// record the event carries (nil: each reads it). The record's index names
// its instances (record_index.go); advance leaves alone an instance that
// has ended or was never inserted, so the ended ones it lists cost a read
// each and change nothing.
func (s *Service) eachRunning(ctx context.Context, rev RecordEvent, ev Event) error {
	ids, err := s.recordInstanceIDs(ctx, rev.TenantID, rev.RecordID)
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range ids {
		_, err := s.advanceOn(ctx, rev.TenantID, id, ev, rev.Record)
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// trigger starts an instance of every published process whose trigger
// matches the event. The instances are moved to their first waits, then
// inserted with one write, and then their effects are applied together,
// so that the tasks and timers they all ask for are written in one batch
// per collection (see applying for why a crash between them is safe).
func (s *Service) trigger(ctx context.Context, ev RecordEvent) error {
	versions, err := s.deps.Definitions.PublishedAll(ctx, system(ev.TenantID),
		designer.KindProcess)
	if err != nil {
		return fmt.Errorf("listing published processes: %w", err)
	}
	var errs []error
	var starts []*Instance
	for i := range versions {
		v := &versions[i]
		m, err := s.model(ctx, ev.TenantID, v.DefinitionID, v.Number)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if matches(m.Trigger(), ev) {
			inst, err := s.newInstance(ctx, v, instanceID(v.ID, ev.RecordID, ev.ID), ev, nil,
				nil)
			errs = append(errs, err)
			if inst != nil {
				starts = append(starts, inst)
			}
		}
	}
	return errors.Join(append(errs, s.insertAndApply(ctx, ev, starts))...)
}

// matches reports whether a trigger node fires on ev.
func matches(n process.Node, ev RecordEvent) bool {
	c, _ := process.ConfigAs[*process.TriggerConfig](n)
	if c.Form != ev.Form {
		return false
	}
	switch c.On {
	case process.OnRecordCreated:
		return ev.Kind == RecordCreated
	case process.OnFieldChanged:
		if ev.Kind == RecordCreated {
			return createdWatched(c, ev.Record)
		}
		return ev.Kind == RecordChanged && slices.ContainsFunc(c.Fields, func(f string) bool {
			return slices.Contains(ev.Fields, f)
		})
	}
	return false
}

// start inserts the instance and runs it to its first waits. A second
// start with the same id finds the instance there and does nothing.
func (s *Service) start(ctx context.Context, v *designer.Version, m *Model, id string,
	ev RecordEvent, parent *Instance) error {
	return s.startWith(ctx, v, id, ev, parent, startVars(parent))
}

// startWith is start with the instance's own start values.
func (s *Service) startWith(ctx context.Context, v *designer.Version, id string,
	ev RecordEvent, parent *Instance, vars map[string]any) error {
	inst, err := s.newInstance(ctx, v, id, ev, parent, vars)
	if err != nil {
		return err
	}
	return s.insertAndApply(ctx, ev, []*Instance{inst})
}

// newInstance builds an instance of v, already moved to its first waits,
// without writing it.
func (s *Service) newInstance(ctx context.Context, v *designer.Version, id string,
	ev RecordEvent, parent *Instance, vars map[string]any) (*Instance, error) {
	now := s.clock.Now()
	inst := &Instance{ID: id, ProcessKey: v.Key, ProcessID: v.DefinitionID,
		ProcessVersion: v.Number, RecordID: ev.RecordID, TriggerEvent: ev.ID,
		State: State{InstanceID: id}, StartedAt: now, UpdatedAt: now}
	inst.TenantID = ev.TenantID
	if parent != nil {
		inst.ParentID, inst.ParentChild = parent.ID, ev.ID
	}
	start := Event{Kind: EventStart, Vars: vars}
	res, _, err := s.step(ctx, inst, start, ev.Record)
	if err != nil {
		return nil, err
	}
	if res.Changed {
		inst.State, inst.Pending, inst.Version = res.State, res.Effects, 1
		inst.History = []Transition{{At: now, Event: start.Kind, Detail: detail(start),
			Version: 1, Steps: res.Steps}}
	}
	return inst, nil
}

// insertAndApply writes the instances of one event with one insert and
// then applies the effects of those it wrote. Their record's index names
// them first, so that no instance is ever missing from it. Each instance
// is written once, already moved to its first waits, before any effect: a
// crash before its effects are applied leaves them pending, for the
// recoverer. A second delivery of the event loses on the _id and does
// nothing.
func (s *Service) insertAndApply(ctx context.Context, ev RecordEvent,
	insts []*Instance) error {
	if len(insts) == 0 {
		return nil
	}
	if err := s.indexStarts(ctx, ev, insts); err != nil {
		return err
	}
	docs := make([]mongo.TenantDoc, len(insts))
	for i, inst := range insts {
		docs[i] = inst
	}
	dup, err := s.instances(ev.TenantID).InsertMany(ctx, docs)
	if err != nil {
		return fmt.Errorf("creating %d instances: %w", len(insts), err)
	}

	a := newApplying(ev.TenantID, ev.Record)
	a.fresh = true
	var errs []error
	for i, inst := range insts {
		if !slices.Contains(dup, i) {
			errs = append(errs, s.applyWith(ctx, a, inst, inst.Pending))
		}
	}
	return errors.Join(append(errs, s.flush(ctx, a))...)
}

// startVars are the vars a child starts with.
func startVars(parent *Instance) map[string]any {
	if parent == nil {
		return nil
	}
	return map[string]any{"input": parent.Vars["child_input"]}
}

// startChild starts a sub-process on the parent's record.
func (s *Service) startChild(ctx context.Context, parent *Instance, c *ChildSpec) error {
	v, err := s.deps.Definitions.Latest(ctx, system(parent.TenantID), designer.KindProcess,
		c.Process)
	if err != nil {
		return fmt.Errorf("reading sub-process %q: %w", c.Process, err)
	}
	m, err := s.model(ctx, parent.TenantID, v.DefinitionID, v.Number)
	if err != nil {
		return err
	}
	p := *parent
	p.Vars = map[string]any{"child_input": c.Input}
	ev := RecordEvent{ID: c.ID, TenantID: parent.TenantID, RecordID: parent.RecordID}
	return s.start(ctx, v, m, instanceID("child", c.ID), ev, &p)
}

// OnTimer advances the instance a fired timer belongs to, if it still
// waits for that timer; a stale or repeated timer does nothing. ref is
// the Ref the engine gave the timer.
func (s *Service) OnTimer(ctx context.Context, tenantID string, kind TimerKind, ref string) error {
	if kind == TimerSchedule {
		return s.onSchedule(ctx, tenantID, ref)
	}
	instID, timerID, ok := strings.Cut(ref, "/")
	if !ok || !strings.HasPrefix(string(kind), "engine.") {
		return fmt.Errorf("timer ref %q of kind %q is not the engine's", ref, kind)
	}
	return s.advance(ctx, tenantID, instID, Event{Kind: EventTimerFired, TimerID: timerID})
}
