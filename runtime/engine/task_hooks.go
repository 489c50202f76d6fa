package engine

import (
	"context"
	"log/slog"
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
	Kind    TaskKind
	Outcome string
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
		Outcome: outcome, CompletedBy: user, At: s.clock.Now()})
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
