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
// done (on its completion day), a timer when it fired, a ledger entry when
// it was booked. Like activities they need no previous state, only
// duplicate detection (the month's recent events). Their fields are
// designer.SourceFields; a fact's person is its owner dimension (a task's
// assignee, an entry's person; a timer has none).
//
// A task is counted from the engine's completion hook, so a metric over
// tasks sees done tasks only: the engine tells no one about a task's
// creation or cancellation, and its open tasks are the inbox's to list.

// LateAfter is how long after its due time a timer fires before it counts
// as late.
const LateAfter = time.Minute

// fact is one task, timer or ledger entry as a metric sees it.
type fact struct {
	source, id, owner string
	at                time.Time
	data              map[string]any
}

// item is the fact as the rollups count it, with its person's team.
func (f *fact) item(team string) item {
	return item{id: f.id, at: f.at, updated: f.at, owner: f.owner, team: team, data: f.data}
}

// taskFact is a done task of process.
func taskFact(t *engine.Task, process string) *fact {
	owner := t.AssigneeID
	if owner == "" {
		owner = t.CompletedBy
	}
	overdue := !t.DueAt.IsZero() && t.CompletedAt.After(t.DueAt)
	return &fact{source: SourceTasks, id: t.ID, owner: owner, at: t.CompletedAt,
		data: map[string]any{"status": string(t.Status), "outcome": t.Outcome,
			"kind": string(t.Kind), "node": t.NodeID, "form": t.Form, "process": process,
			"overdue": overdue, "hours": t.CompletedAt.Sub(t.CreatedAt).Hours()}}
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

// OnTaskDone queues the rollup of a completed task; it reads the task
// (and its process) off the request path. It fits engine.TaskHook.
func (s *Service) OnTaskDone(ctx context.Context, done engine.TaskCompletion) error {
	if done.Cancelled { // task metrics count done tasks only
		return nil
	}
	s.enqueue(ctx, job{tenantID: done.TenantID, event: "task/" + done.TaskID,
		apply: func(ctx context.Context) error {
			return s.applyTask(ctx, done.TenantID, done.TaskID)
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

// applyTask reads a done task and its process and counts it.
func (s *Service) applyTask(ctx context.Context, tenantID, id string) error {
	var t engine.Task
	err := s.store.Scope(tenantID).C(engine.TasksCollection).FindByID(ctx, id, &t)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading task %s: %w", id, err)
	}
	if t.Status != engine.TaskDone {
		return nil
	}
	procs, err := s.processesOf(ctx, tenantID, []string{t.InstanceID})
	if err != nil {
		return err
	}
	return s.applyFact(ctx, tenantID, taskFact(&t, procs[t.InstanceID]))
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
		return e.applyActivity(eventHash(f.source+"/"+f.id), day, &it, ms)
	})
	if err != nil {
		return fmt.Errorf("rolling up %s %s: %w", f.source, f.id, err)
	}
	return nil
}
