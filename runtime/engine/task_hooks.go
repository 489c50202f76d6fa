package engine

import (
	"context"
	"log/slog"
	"slices"
	"time"
)

// TaskCompletion tells a hook that a task was closed: completed by a
// person, or cancelled by its process (a boundary path, a timeout, the
// instance ending).
type TaskCompletion struct {
	TenantID string
	TaskID   string
	// Kind is the task's kind; empty for a cancellation, which does not
	// read the task.
	Kind TaskKind
	// AssigneeID is who the task was assigned to while it was open; empty
	// for a task offered to a role and not taken, and for a cancellation.
	AssigneeID string
	Outcome    string
	// CompletedBy is the person who completed it; empty when Cancelled.
	CompletedBy string
	// Cancelled is set when the process closed the task without anyone
	// completing it.
	Cancelled bool
	At        time.Time
}

// TaskHook is told about every closed task, after the task's
// compare-and-set and before the instance moves on. It runs on the
// request path, so it must be quick and must not call vendors: a hook
// with a side effect writes an outbox message (see runtime's card
// updates) and lets the outbox deliver it. Its error is logged; it never
// fails the completion, which has already happened.
type TaskHook func(ctx context.Context, done TaskCompletion) error

// OnTaskDone adds h to the hooks told about closed tasks. Register hooks
// at start-up, before tasks are completed.
func (s *Service) OnTaskDone(h TaskHook) {
	s.hooksMu.Lock()
	defer s.hooksMu.Unlock()
	s.hooks = append(s.hooks, h)
}

// taskDone tells the hooks that t of tenantID was completed with outcome
// by user.
func (s *Service) taskDone(ctx context.Context, tenantID string, t *Task, outcome,
	user string) {
	s.tellHooks(ctx, TaskCompletion{TenantID: tenantID, TaskID: t.ID, Kind: t.Kind,
		AssigneeID: t.AssigneeID, Outcome: outcome, CompletedBy: user, At: s.clock.Now()})
}

// taskCancelled tells the hooks that task id of tenantID was cancelled.
func (s *Service) taskCancelled(ctx context.Context, tenantID, id string) {
	s.tellHooks(ctx, TaskCompletion{TenantID: tenantID, TaskID: id, Cancelled: true,
		At: s.clock.Now()})
}

func (s *Service) tellHooks(ctx context.Context, done TaskCompletion) {
	s.hooksMu.RLock()
	hooks := s.hooks
	s.hooksMu.RUnlock()
	for _, h := range hooks {
		if err := h(ctx, done); err != nil {
			s.log.WarnContext(ctx, "task hook failed", slog.String("tenant_id", done.TenantID),
				slog.String("task_id", done.TaskID), slog.Any("err", err))
		}
	}
}

// TaskCreation tells a hook that a task was stored: Task is a copy of the
// document as inserted, so a hook needs no read to know it.
type TaskCreation struct {
	TenantID string
	Task     Task
}

// TaskCreatedHook is told about every new user task and ticket, once,
// right after the insert that stored it (a repeated insert of the same id,
// when effects are applied again, is not told). Like TaskHook it runs on
// the write path, must be quick, and its error is logged only.
type TaskCreatedHook func(ctx context.Context, c TaskCreation) error

// OnTaskCreated adds h to the hooks told about new tasks. Register hooks
// at start-up, before tasks are created.
func (s *Service) OnTaskCreated(h TaskCreatedHook) {
	s.hooksMu.Lock()
	defer s.hooksMu.Unlock()
	s.createdHooks = append(s.createdHooks, h)
}

// tasksCreated tells the hooks about the tasks of tenantID just inserted,
// except those at the positions dup (already stored).
func (s *Service) tasksCreated(ctx context.Context, tenantID string, ts []*Task, dup []int) {
	s.hooksMu.RLock()
	hooks := s.createdHooks
	s.hooksMu.RUnlock()
	for i, t := range ts {
		if slices.Contains(dup, i) {
			continue
		}
		for _, h := range hooks {
			err := h(ctx, TaskCreation{TenantID: tenantID, Task: *t})
			if err != nil {
				s.log.WarnContext(ctx, "task hook failed", slog.String("tenant_id", tenantID),
					slog.String("task_id", t.ID), slog.Any("err", err))
			}
		}
	}
}
