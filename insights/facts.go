package insights

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/ledger"
	"github.com/formworkhq/formwork/runtime/timer"
)

// Facts are what tasks, timers and ledger entries contribute: each counts
// once, on one day, and never changes afterwards — a task when it is
// created, completed or cancelled (one fact for each, on its day), a
// timer when it fired, a ledger entry when it was booked. Like activities
// they need no previous state, only duplicate detection (the month's
// recent events). Their fields are designer.SourceFields; a fact's person
// is its owner dimension (a task's assignee, an entry's person; a timer
// has none).
//
// A task's facts come from the engine's hooks: its creation hook (the
// task as inserted) and its done hook (a completion or a cancellation,
// read back from the store). Each is what the task document still says
// afterwards, so a rebuild from the tasks collection finds the same
// facts: a created fact is counted for the task's first assignee
// (Task.FirstAssigneeID) with the status it was created in, a closing
// fact with the task as it was closed. A metric counts one event
// (designer.Metric.Event; completed by default), so the open tasks stay
// the inbox's to list.

// LateAfter is how long after its due time a timer fires before it counts
// as late.
const LateAfter = time.Minute

// The events of a task a metric may count (designer.Metric.Event).
const (
	TaskCreated   = "created"
	TaskCompleted = "completed"
	TaskCancelled = "cancelled"
)

// fact is one task, timer or ledger entry as a metric sees it; event is
// which of a task's facts it is.
type fact struct {
	source, id, owner, event string
	at                       time.Time
	data                     map[string]any
}

// key identifies the fact among its family's events. A task's completion
// keeps the task's bare id, as before tasks had other facts.
func (f *fact) key() string {
	if f.event == "" || f.event == TaskCompleted {
		return f.source + "/" + f.id
	}
	return f.source + "/" + f.id + "/" + f.event
}

// item is the fact as the rollups count it, with its person's team.
func (f *fact) item(team string) item {
	return item{id: f.id, at: f.at, updated: f.at, owner: f.owner, team: team, data: f.data}
}

// taskFact is the fact of event (completed or cancelled) of a closed task
// of process.
func taskFact(t *engine.Task, process, event string) *fact {
	owner := t.AssigneeID
	if owner == "" {
		owner = t.CompletedBy
	}
	overdue := !t.DueAt.IsZero() && t.CompletedAt.After(t.DueAt)
	return &fact{source: SourceTasks, id: t.ID, owner: owner, event: event, at: t.CompletedAt,
		data: map[string]any{"event": event, "status": string(t.Status),
			"outcome": t.Outcome, "kind": string(t.Kind), "node": t.NodeID, "form": t.Form,
			"process": process, "overdue": overdue,
			"hours": t.CompletedAt.Sub(t.CreatedAt).Hours()}}
}

// createdFact is the creation of task t of process: for its first
// assignee, open, not overdue, zero hours old. A task stored before its
// first assignee was kept counts for its assignee while nothing can have
// changed it (open and never handed on), else for no one.
func createdFact(t *engine.Task, process string) *fact {
	owner := t.FirstAssigneeID
	if owner == "" && len(t.Handoffs) == 0 && t.Status == engine.TaskOpen {
		owner = t.AssigneeID
	}
	return &fact{source: SourceTasks, id: t.ID, owner: owner, event: TaskCreated,
		at: t.CreatedAt, data: map[string]any{"event": TaskCreated,
			"status": string(engine.TaskOpen), "outcome": "", "kind": string(t.Kind),
			"node": t.NodeID, "form": t.Form, "process": process, "overdue": false,
			"hours": 0.0}}
}

// closingEvent is the fact a task's status closes it with, "" while open.
func closingEvent(s engine.TaskStatus) string {
	switch s {
	case engine.TaskDone:
		return TaskCompleted
	case engine.TaskCancelled:
		return TaskCancelled
	}
	return ""
}

// timerFact is a fired timer.
func timerFact(t *timer.Timer) *fact {
	late := t.FiredAt.Sub(t.DueAt)
	return &fact{source: SourceTimers, id: t.ID, at: t.FiredAt,
		data: map[string]any{"kind": t.Kind, "late": late > LateAfter,
			"late_seconds": max(late, 0).Seconds()}}
}

// entryFact is a ledger entry; its reason is the redeemed reward's key,
// else the reason's English text, else its Chinese one.
func entryFact(e *ledger.Entry) *fact {
	reason := e.RewardKey
	for _, l := range []i18n.Locale{i18n.English, i18n.Chinese} {
		if reason == "" {
			reason = e.Reason[l]
		}
	}
	return &fact{source: SourceLedger, id: e.ID, owner: e.UserID, at: e.At,
		data: map[string]any{"ledger": e.Ledger, "kind": string(e.Kind), "reason": reason,
			"points": float64(e.Points), "amount": float64(max(e.Points, -e.Points))}}
}

// OnTaskDone queues the rollup of a completed or cancelled task; it reads
// the task (and its process) off the request path. It fits
// engine.TaskHook.
func (s *Service) OnTaskDone(ctx context.Context, done engine.TaskCompletion) error {
	s.enqueue(ctx, job{tenantID: done.TenantID, event: "task/" + done.TaskID,
		apply: func(ctx context.Context) error {
			return s.applyTask(ctx, done.TenantID, done.TaskID)
		}})
	return nil
}

// OnTaskCreated queues the rollup of a new task, from the task as the
// engine inserted it; only its process is read, off the request path. It
// fits engine.TaskCreatedHook.
func (s *Service) OnTaskCreated(ctx context.Context, c engine.TaskCreation) error {
	t := c.Task
	s.enqueue(ctx, job{tenantID: c.TenantID, event: "task-created/" + t.ID,
		apply: func(ctx context.Context) error {
			if counted, err := s.countsTasks(ctx, c.TenantID); err != nil || !counted {
				return err
			}
			proc, err := s.processOf(ctx, c.TenantID, t.InstanceID)
			if err != nil {
				return err
			}
			return s.applyFact(ctx, c.TenantID, createdFact(&t, proc))
		}})
	return nil
}

// OnTimerFired queues the rollup of a fired timer.
func (s *Service) OnTimerFired(ctx context.Context, t *timer.Timer) {
	view := *t
	s.enqueue(ctx, job{tenantID: t.TenantID, event: "timer/" + t.ID,
		apply: func(ctx context.Context) error {
			return s.applyFact(ctx, view.TenantID, timerFact(&view))
		}})
}

// OnLedgerEntry queues the rollup of a booked ledger entry.
func (s *Service) OnLedgerEntry(ctx context.Context, tenantID string, e *ledger.Entry) {
	view := *e
	s.enqueue(ctx, job{tenantID: tenantID, event: "entry/" + e.ID,
		apply: func(ctx context.Context) error {
			return s.applyFact(ctx, tenantID, entryFact(&view))
		}})
}

// applyTask reads a closed task and its process and counts how it was
// closed.
func (s *Service) applyTask(ctx context.Context, tenantID, id string) error {
	if counted, err := s.countsTasks(ctx, tenantID); err != nil || !counted {
		return err
	}
	var t engine.Task
	err := s.store.Scope(tenantID).C(engine.TasksCollection).FindByID(ctx, id, &t)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading task %s: %w", id, err)
	}
	event := closingEvent(t.Status)
	if event == "" {
		return nil
	}
	proc, err := s.processOf(ctx, tenantID, t.InstanceID)
	if err != nil {
		return err
	}
	return s.applyFact(ctx, tenantID, taskFact(&t, proc, event))
}

// countsTasks reports whether any metric of the tenant counts tasks, so
// that a tenant without one pays no read for its task events.
func (s *Service) countsTasks(ctx context.Context, tenantID string) (bool, error) {
	ms, err := s.familyMetrics(ctx, tenantID, SourceTasks+":")
	return len(ms) > 0, err
}

// processOf returns the process key of one instance. It reads by _id
// alone (FerretDB scans every instance for an $in filter) and remembers
// the answer, since an instance never changes process.
func (s *Service) processOf(ctx context.Context, tenantID, instanceID string) (string,
	error) {
	key := tenantID + "/" + instanceID
	if proc, ok := s.procs.Get(key); ok {
		return proc, nil
	}
	var in struct {
		ProcessKey string `bson:"process_key"`
	}
	err := s.store.Scope(tenantID).C(engine.InstancesCollection).FindByID(ctx, instanceID, &in)
	if errors.Is(err, mongo.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading the process of instance %s: %w", instanceID, err)
	}
	s.procs.Add(key, in.ProcessKey)
	return in.ProcessKey, nil
}

// applyFact adds f to the month of its day, once.
func (s *Service) applyFact(ctx context.Context, tenantID string, f *fact) error {
	family := f.source + ":"
	ms, err := s.familyMetrics(ctx, tenantID, family)
	if err != nil || len(ms) == 0 {
		return err
	}
	team, err := s.teamFor(ctx, tenantID, ms, f.owner)
	if err != nil {
		return err
	}

	it := f.item(team)
	day := dayOf(it.at, s.cfg.Zone)
	err = s.change(ctx, tenantID, family, monthOfDay(day), day, func(e *edit) bool {
		return e.applyActivity(eventHash(f.key()), day, &it, ms)
	})
	if err != nil {
		return fmt.Errorf("rolling up %s %s: %w", f.source, f.id, err)
	}
	return nil
}
