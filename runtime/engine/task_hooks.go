package engine

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// TaskCompletion tells a hook that a task was completed.
type TaskCompletion struct {
	TenantID string
	TaskID   string
	Kind     TaskKind
	Outcome  string
	// CompletedBy is the person who completed it.
	CompletedBy string
	At          time.Time
}

// TaskHook is told about every completed task, after the task's
// compare-and-set and before the instance moves on. It runs on the
// request path, so it must be quick and must not call vendors: a hook
// with a side effect writes an outbox message (see runtime's card
// updates) and lets the outbox deliver it. Its error is logged; it never
// fails the completion, which has already happened.
type TaskHook func(ctx context.Context, done TaskCompletion) error

// taskHooks holds the hooks of each Service. It lives beside the Service
// rather than in it so that hooks stay an optional add-on of the engine.
var taskHooks sync.Map // *Service → []TaskHook

// hooksMu serialises OnTaskDone's read-modify-write of taskHooks.
var hooksMu sync.Mutex

// OnTaskDone adds h to the hooks told about completed tasks. Register
// hooks at start-up, before tasks are completed.
func (s *Service) OnTaskDone(h TaskHook) {
	hooksMu.Lock()
	defer hooksMu.Unlock()

	old, _ := taskHooks.Load(s)
	hooks, _ := old.([]TaskHook)
	taskHooks.Store(s, append(append([]TaskHook(nil), hooks...), h))
}

// taskDone tells the hooks that t of tenantID was completed with outcome
// by user.
func (s *Service) taskDone(ctx context.Context, tenantID string, t *Task, outcome,
	user string) {
	v, ok := taskHooks.Load(s)
	if !ok {
		return
	}

	done := TaskCompletion{TenantID: tenantID, TaskID: t.ID, Kind: t.Kind, Outcome: outcome,
		CompletedBy: user, At: s.clock.Now()}
	for _, h := range v.([]TaskHook) {
		if err := h(ctx, done); err != nil {
			s.log.WarnContext(ctx, "task hook failed", slog.String("tenant_id", tenantID),
				slog.String("task_id", t.ID), slog.Any("err", err))
		}
	}
}
