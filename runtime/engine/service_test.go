package engine_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/engine"
)

// kindOf returns the problem kind of err, or -1.
func kindOf(err error) problem.Kind {
	if pe, ok := problem.As(err); ok {
		return pe.Kind
	}
	return -1
}

func TestServiceLeadResponse(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, leadProcess(t))
	owner := f.as("u_owner", auth.Rep)

	for range 2 {
		if err := f.svc.OnRecordEvent(ctx, f.created("ev1")); err != nil {
			t.Fatalf("record event: %v", err)
		}
	}
	page, err := f.svc.Inbox(ctx, owner, engine.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || len(f.timers.Pending) != 3 {
		t.Fatalf("after two deliveries: %d tasks, %d timers; want 1 and 3",
			len(page.Items), len(f.timers.Pending))
	}
	task := page.Items[0]

	t.Run("timer fired twice gives one message", func(t *testing.T) {
		f.clock.Advance(4 * time.Hour)
		due := f.timers.Due()
		for range 2 {
			if err := f.svc.OnTimer(ctx, f.tenant, due[1].Kind, due[1].Ref); err != nil {
				t.Fatal(err)
			}
		}
		msgs := f.outbox.All()
		if len(msgs) != 1 {
			t.Fatalf("outbox has %d messages, want 1", len(msgs))
		}
		want := []string{"u_owner", "u_sup"}
		if diff := cmp.Diff(want, msgs[0].Recipients); diff != "" {
			t.Errorf("copy_manager recipients (-want +got):\n%s", diff)
		}
		if got := msgs[0].Text["en"]; got !=
			"Lead Acme is still waiting after 4 hours; Wang Lei has not followed up." {
			t.Errorf("text = %q", got)
		}
	})

	t.Run("inbox filters", func(t *testing.T) {
		cases := []struct {
			name string
			p    auth.Principal
			q    engine.Query
			want int
		}{
			{"mine", owner, engine.Query{}, 1},
			{"overdue", owner, engine.Query{Status: engine.FilterOverdue}, 1},
			{"done", owner, engine.Query{Status: engine.FilterDone}, 0},
			{"team of the supervisor", f.as("u_sup", auth.Supervisor),
				engine.Query{Assignee: engine.AssigneeTeam}, 1},
			{"someone else's own", f.as("u_other", auth.Rep), engine.Query{}, 0},
			{"due within an hour", owner, engine.Query{DueWithin: time.Hour}, 0},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				page, err := f.svc.Inbox(ctx, tc.p, tc.q)
				if err != nil {
					t.Fatal(err)
				}
				if len(page.Items) != tc.want {
					t.Errorf("got %d items, want %d", len(page.Items), tc.want)
				}
			})
		}
		_, err := f.svc.Inbox(ctx, f.as("u_other", auth.Rep), engine.Query{Assignee: "u_owner"})
		if kindOf(err) != problem.Forbidden {
			t.Errorf("reading another rep's inbox: %v, want Forbidden", err)
		}
	})

	t.Run("urge is rate limited", func(t *testing.T) {
		sup := f.as("u_sup", auth.Supervisor)
		if err := f.svc.Urge(ctx, sup, task.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Urge(ctx, sup, task.ID); kindOf(err) != problem.RateLimited {
			t.Errorf("second urge: %v, want RateLimited", err)
		}
	})

	data := json.RawMessage(`{"result": "met", "next_action": "demo"}`)
	t.Run("someone else's task is forbidden", func(t *testing.T) {
		_, err := f.svc.Complete(ctx, f.as("u_other", auth.Rep), task.ID,
			engine.Completion{Outcome: "reached", Data: data})
		if kindOf(err) != problem.Forbidden {
			t.Errorf("got %v, want Forbidden", err)
		}
	})

	t.Run("invalid data is refused", func(t *testing.T) {
		_, err := f.svc.Complete(ctx, owner, task.ID,
			engine.Completion{Outcome: "reached", Data: json.RawMessage(`{}`)})
		if kindOf(err) != problem.Invalid {
			t.Errorf("got %v, want Invalid", err)
		}
	})

	t.Run("complete, then twice is a conflict", func(t *testing.T) {
		done, err := f.svc.Complete(ctx, owner, task.ID,
			engine.Completion{Outcome: "reached", Data: data})
		if err != nil {
			t.Fatal(err)
		}
		if done.Status != engine.TaskDone {
			t.Errorf("status = %s", done.Status)
		}
		before := len(f.outbox.All())
		_, err = f.svc.Complete(ctx, owner, task.ID,
			engine.Completion{Outcome: "reached", Data: data})
		if kindOf(err) != problem.Conflict {
			t.Errorf("second completion: %v, want Conflict", err)
		}
		if len(f.outbox.All()) != before {
			t.Error("the second completion sent messages")
		}
	})

	t.Run("stale timer of a completed instance is a no-op", func(t *testing.T) {
		before := len(f.outbox.All())
		for _, tm := range []engine.Timer{{Kind: engine.TimerBoundary,
			Ref: task.ID[:len("in_")+32] + "/" + task.ID + ".sla_8h"}} {
			if err := f.svc.OnTimer(ctx, f.tenant, tm.Kind, tm.Ref); err != nil {
				t.Fatal(err)
			}
		}
		if len(f.outbox.All()) != before {
			t.Error("a stale timer sent a message")
		}
		inst, err := f.svc.Instance(ctx, f.tenant, task.ID[:len("in_")+32])
		if err != nil {
			t.Fatal(err)
		}
		if inst.Status != engine.StatusCompleted {
			t.Errorf("instance status = %s, want completed", inst.Status)
		}
	})
}
