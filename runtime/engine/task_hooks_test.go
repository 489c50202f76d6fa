package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/engine"
)

func TestTaskHooksHearOfEachCompletionOnce(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, leadProcess(t))
	var mu sync.Mutex
	var heard []engine.TaskCompletion
	f.svc.OnTaskDone(func(_ context.Context, done engine.TaskCompletion) error {
		mu.Lock()
		defer mu.Unlock()
		heard = append(heard, done)
		return errors.New("a failing hook never fails the completion")
	})

	if err := f.svc.OnRecordEvent(ctx, f.created("ev1")); err != nil {
		t.Fatal(err)
	}
	owner := f.as("u_owner", auth.Rep)
	page, err := f.svc.Inbox(ctx, owner, engine.Query{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("inbox = %v, %v; want one task", page, err)
	}
	task := page.Items[0]
	data := json.RawMessage(`{"result": "met", "next_action": "demo"}`)

	for range 2 { // the second completion is a conflict and is not heard
		_, _ = f.svc.Complete(ctx, owner, task.ID,
			engine.Completion{Outcome: "reached", Data: data})
	}

	mu.Lock()
	defer mu.Unlock()
	if len(heard) != 1 {
		t.Fatalf("hooks heard %d completions, want 1", len(heard))
	}
	got := heard[0]
	if got.TaskID != task.ID || got.Outcome != "reached" || got.CompletedBy != "u_owner" ||
		got.TenantID != f.tenant || got.At.IsZero() {
		t.Errorf("heard %+v", got)
	}
}

func TestTaskHooksHearOfACancelledTask(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, graphOf(t, interrupting))
	var heard []engine.TaskCompletion
	f.svc.OnTaskDone(func(_ context.Context, done engine.TaskCompletion) error {
		heard = append(heard, done)
		return nil
	})
	if err := f.svc.OnRecordEvent(ctx, f.created("ev1")); err != nil {
		t.Fatal(err)
	}
	page, err := f.svc.Inbox(ctx, f.as("u_owner", auth.Rep), engine.Query{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("inbox = %v, %v; want one task", page, err)
	}

	// The interrupting 1 h boundary fires, twice: the task is cancelled once.
	f.clock.Advance(2 * time.Hour)
	for range 2 {
		for _, tm := range f.timers.Due() {
			if err := f.svc.OnTimer(ctx, f.tenant, tm.Kind, tm.Ref); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(heard) != 1 || !heard[0].Cancelled || heard[0].TaskID != page.Items[0].ID ||
		heard[0].CompletedBy != "" {
		t.Fatalf("hooks heard %+v; want one cancellation of %s", heard, page.Items[0].ID)
	}
}
