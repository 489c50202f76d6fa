package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/engine"
)

// escalationChain reminds the owner's manager after 1 h (the call stays
// open) and, when the manager's review is 2 h late in turn, interrupts it
// with a ticket and a review for the vice-president.
const escalationChain = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "call", "kind": "user_task", "config": {"assignee": {"rule": "owner"}}},
 {"id": "review", "kind": "user_task", "config": {"assignee": {"rule": "owner_manager"}}},
 {"id": "ticket", "kind": "create_ticket", "config": {"form": "lead",
   "title": {"en": "late review"}, "assignee": {"rule": "user", "user": "u_vp"}}},
 {"id": "vp", "kind": "user_task", "config": {"assignee": {"rule": "user", "user": "u_vp"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "call"},
 {"id": "e2", "from": "call", "to": "end"},
 {"id": "sla1", "from": "call", "to": "review", "kind": "boundary", "after": "1h"},
 {"id": "e3", "from": "review", "to": "end"},
 {"id": "sla2", "from": "review", "to": "ticket", "kind": "boundary", "after": "2h",
  "interrupting": true},
 {"id": "e4", "from": "ticket", "to": "vp"},
 {"id": "e5", "from": "vp", "to": "end"}]}`

// level is one task's escalation as a test compares it.
type level struct {
	Node  string
	Level int
	From  string
}

// TestEscalationLevelsFollowTheBoundaryPaths runs the chain to its end:
// the call is level 0, the manager's review level 1 from the call, the
// ticket and the vice-president's review level 2 from the review.
func TestEscalationLevelsFollowTheBoundaryPaths(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, graphOf(t, escalationChain))
	if err := f.svc.OnRecordEvent(ctx, f.created("ev1")); err != nil {
		t.Fatal(err)
	}
	f.fireAfter(t, time.Hour)
	sup := f.as("u_sup", auth.Supervisor)
	page, err := f.svc.Inbox(ctx, sup, engine.Query{Escalated: true})
	if err != nil || len(page.Items) != 1 || page.Items[0].EscalationLevel != 1 {
		t.Fatalf("the supervisor's escalations = %+v, %v; want the review", page, err)
	}
	f.fireAfter(t, 2*time.Hour)

	admin := f.as("u_vp", auth.Admin)
	byNode := map[string]*engine.Task{}
	for _, node := range []string{"call", "review", "ticket", "vp"} {
		id := taskAt(t, f, node)
		task, err := f.svc.Task(ctx, admin, id)
		if err != nil {
			t.Fatalf("task at %s: %v", node, err)
		}
		byNode[node] = task
	}
	call, review := byNode["call"].ID, byNode["review"].ID
	want := []level{{"call", 0, ""}, {"review", 1, call}, {"ticket", 2, review},
		{"vp", 2, review}}
	var got []level
	for _, w := range want {
		task := byNode[w.Node]
		got = append(got, level{w.Node, task.EscalationLevel, task.EscalatedFrom})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("escalations (-want +got):\n%s", diff)
	}
	if byNode["review"].Status != engine.TaskCancelled {
		t.Errorf("the interrupted review is %s", byNode["review"].Status)
	}

	checkEscalatedInbox(t, f, byNode)
}

// checkEscalatedInbox lists escalations as the rep, the supervisor and
// the admin see them.
func checkEscalatedInbox(t *testing.T, f *fixture, byNode map[string]*engine.Task) {
	t.Helper()
	ctx := context.Background()
	cases := []struct {
		name string
		p    auth.Principal
		q    engine.Query
		want []string
	}{
		{"a rep has none", f.as("u_owner", auth.Rep), engine.Query{Escalated: true}, nil},
		{"the rep's whole inbox", f.as("u_owner", auth.Rep), engine.Query{}, []string{"call"}},
		{"the supervisor's reports have none open", f.as("u_sup", auth.Supervisor),
			engine.Query{Escalated: true}, nil},
		{"the admin sees all open ones", f.as("u_vp", auth.Admin),
			engine.Query{Escalated: true}, []string{"ticket", "vp"}},
		{"the admin's own team has none", f.as("u_vp", auth.Admin),
			engine.Query{Escalated: true, Assignee: engine.AssigneeTeam}, nil},
	}
	for _, c := range cases {
		page, err := f.svc.Inbox(ctx, c.p, c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, it := range page.Items {
			node := nodeOf(it.ID, byNode)
			got = append(got, node)
			if task := byNode[node]; task == nil || it.EscalationLevel != task.EscalationLevel ||
				it.EscalatedFrom != task.EscalatedFrom {
				t.Errorf("%s: item %+v differs from its task", c.name, it)
			}
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

// nodeOf finds the node of task id.
func nodeOf(id string, byNode map[string]*engine.Task) string {
	for node, task := range byNode {
		if task.ID == id {
			return node
		}
	}
	return ""
}

// taskAt returns the id of the task created at node of the fixture's only
// instance.
func taskAt(t *testing.T, f *fixture, node string) string {
	t.Helper()
	var tasks []engine.Task
	err := f.store.Scope(f.tenant).C(engine.TasksCollection).FindAll(context.Background(),
		bson.D{{Key: "node_id", Value: node}}, &tasks)
	if err != nil || len(tasks) != 1 {
		t.Fatalf("tasks at %s = %d, %v; want 1", node, len(tasks), err)
	}
	return tasks[0].ID
}

// fireAfter advances the fixture's clock by d and fires the timers due by
// then.
func (f *fixture) fireAfter(t *testing.T, d time.Duration) {
	t.Helper()
	f.clock.Advance(d)
	for _, tm := range f.timers.Due() {
		if tm.Due.After(f.clock.Now()) {
			continue
		}
		if err := f.svc.OnTimer(context.Background(), f.tenant, tm.Kind, tm.Ref); err != nil {
			t.Fatal(err)
		}
	}
}
