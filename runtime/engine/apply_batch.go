package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/mongo"
)

// TimerBatchScheduler is a TimerScheduler that also stores several timers
// of one tenant with one write. The engine uses it, when Deps.Timers has
// it, for the timers one event schedules; ScheduleAll must be as harmless
// to repeat as Schedule.
type TimerBatchScheduler interface {
	TimerScheduler
	ScheduleAll(ctx context.Context, tenantID string, ts []Timer) error
}

// applying is one application of effects, possibly of several instances
// of one record event: what it learnt on the way, so that no effect reads
// it again, and the writes it holds back to send together.
//
// # Batched writes and a crash between them
//
// New tasks and new timers are not written one by one: a run of
// consecutive create_task and schedule_timer effects, across the
// instances one event starts, is held and then written with one insert
// per collection (tasks first, then timers, whose Asynq tasks follow
// their documents as ever). Any other effect flushes the held writes
// before it runs, so effects still take place in the order the core
// listed them (a cancel never overtakes the schedule it cancels, a
// message naming a task finds it stored).
//
// This is safe against a crash at any point because every instance is
// written, with its effects as Pending, before any of them is applied,
// and every held write is an insert with an id derived from the instance,
// token and node. A crash before a batch, between the two batches or
// part-way through one leaves an instance whose tokens wait on a task or
// timer that is missing — the same state a crash between two single
// inserts left before — and never a wrong one: nothing is ever half a
// document, a timer's Asynq task never exists without its document, and
// the recoverer applies the pending effects again, where the documents
// already written are duplicates and skipped.
type applying struct {
	tenant string
	// owner is the owner of the instances' record, once known.
	owner      string
	ownerKnown bool
	// fresh is set while applying the first effects of an instance this
	// call inserted: no step of it can have stored an owner choice yet.
	fresh bool
	// assignees are the assignees of the tasks created or read so far.
	assignees map[string]string
	tasks     []*Task
	timers    []Timer
	persons   *personMemo
}

// newApplying starts an application for tenantID; rec, when the caller
// has it, is the record the instances work on.
func newApplying(tenantID string, rec *Record) *applying {
	a := &applying{tenant: tenantID, assignees: map[string]string{}}
	if rec != nil {
		a.owner, a.ownerKnown = rec.OwnerID, true
	}
	return a
}

// batchable reports whether an effect of kind k is held for the batch.
func batchable(k EffectKind) bool {
	return k == EffectCreateTask || k == EffectScheduleTimer
}

// holdTask keeps t for the next flush.
func (a *applying) holdTask(t *Task) {
	a.created(t)
	a.tasks = append(a.tasks, t)
}

// created notes the assignee of a task this application creates. Only a
// fresh instance's tasks are sure to be new; applied again (Resume), a
// task may exist with another assignee, which the store then tells.
func (a *applying) created(t *Task) {
	if a.fresh {
		a.assignees[t.ID] = t.AssigneeID
	}
}

// holdTimer keeps t for the next flush.
func (a *applying) holdTimer(t Timer) { a.timers = append(a.timers, t) }

// flush writes the held tasks, then the held timers, each kind with one
// insert. Tasks that exist already are left as they are.
func (s *Service) flush(ctx context.Context, a *applying) error {
	var errs []error
	if len(a.tasks) > 0 {
		docs := make([]mongo.TenantDoc, len(a.tasks))
		for i, t := range a.tasks {
			docs[i] = t
		}
		dup, err := s.tasks(a.tenant).InsertMany(ctx, docs)
		if err != nil {
			errs = append(errs, fmt.Errorf("creating %d tasks: %w", len(docs), err))
		} else {
			s.tasksCreated(ctx, a.tenant, a.tasks, dup)
		}
		a.tasks = nil
	}
	if len(a.timers) > 0 {
		errs = append(errs, s.scheduleTimers(ctx, a.tenant, a.timers))
		a.timers = nil
	}
	return errors.Join(errs...)
}

// scheduleTimers schedules ts with one call when the scheduler can.
func (s *Service) scheduleTimers(ctx context.Context, tenantID string, ts []Timer) error {
	if b, ok := s.deps.Timers.(TimerBatchScheduler); ok && len(ts) > 1 {
		if err := b.ScheduleAll(ctx, tenantID, ts); err != nil {
			return fmt.Errorf("scheduling %d timers: %w", len(ts), err)
		}
		return nil
	}
	var errs []error
	for _, t := range ts {
		if err := s.deps.Timers.Schedule(ctx, tenantID, t); err != nil {
			errs = append(errs, fmt.Errorf("scheduling timer %s: %w", t.ID, err))
		}
	}
	return errors.Join(errs...)
}

// ownerOf returns the owner of the instance's record, "" without one,
// reading the record only the first time.
func (s *Service) ownerOf(ctx context.Context, a *applying, inst *Instance) (string, error) {
	if inst.RecordID == "" {
		return "", nil
	}
	if a.ownerKnown {
		return a.owner, nil
	}
	rec, err := s.deps.Records.Record(ctx, inst.TenantID, inst.RecordID)
	if err != nil && !errors.Is(err, ErrRecordNotFound) {
		return "", fmt.Errorf("reading record %s: %w", inst.RecordID, err)
	}
	if rec != nil {
		a.owner = rec.OwnerID
	}
	a.ownerKnown = true
	return a.owner, nil
}

// assigneeOf returns the current assignee of task id, "" when unknown,
// reading the task only when this application has not seen it.
func (s *Service) assigneeOf(ctx context.Context, a *applying, id string) string {
	if id == "" {
		return ""
	}
	if who, ok := a.assignees[id]; ok {
		return who
	}
	var t Task
	if err := s.tasks(a.tenant).FindByID(ctx, id, &t); err != nil {
		return ""
	}
	a.assignees[id] = t.AssigneeID
	return t.AssigneeID
}

// assign resolves rule for an effect. A least-loaded rule counts open
// tasks in the store, so the tasks held back are written first.
func (s *Service) assign(ctx context.Context, a *applying, rule process.Assignee,
	owner string) (string, []string, error) {
	if rule.Rule == process.AssignLeastLoaded {
		if err := s.flush(ctx, a); err != nil {
			return "", nil, err
		}
	}
	return s.peopleOf(a).assign(ctx, rule, owner)
}

// peopleOf is the resolver of a's tenant, remembering for the length of
// the application the people it has read.
func (s *Service) peopleOf(a *applying) people {
	p := s.people(a.tenant)
	if a.persons == nil {
		a.persons = &personMemo{Directory: p.dir, seen: map[string]personSeen{}}
	}
	p.dir = a.persons
	return p
}

// personMemo is a Directory that reads each person once.
type personMemo struct {
	Directory
	seen map[string]personSeen
}

type personSeen struct {
	p  Person
	ok bool
}

// Person implements Directory.
func (m *personMemo) Person(ctx context.Context, tenantID, id string) (Person, bool, error) {
	if s, ok := m.seen[tenantID+"\x00"+id]; ok {
		return s.p, s.ok, nil
	}
	p, ok, err := m.Directory.Person(ctx, tenantID, id)
	if err == nil {
		m.seen[tenantID+"\x00"+id] = personSeen{p: p, ok: ok}
	}
	return p, ok, err
}
