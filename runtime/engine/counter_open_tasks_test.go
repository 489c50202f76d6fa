package engine_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/engine"
)

// loadsOf returns the stored open-task counters of the fixture's tenant,
// by person.
func loadsOf(t *testing.T, f *fixture) map[string]int {
	t.Helper()
	var docs []struct {
		UserID string `bson:"user_id"`
		N      int    `bson:"n"`
	}
	err := f.store.Scope(f.tenant).C(engine.LoadsCollection).FindAll(context.Background(),
		nil, &docs)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, d := range docs {
		out[d.UserID] = d.N
	}
	return out
}

// openTasksOf counts the open tasks of each person in the tasks themselves.
func openTasksOf(t *testing.T, f *fixture) map[string]int {
	t.Helper()
	var tasks []engine.Task
	err := f.store.Scope(f.tenant).C(engine.TasksCollection).FindAll(context.Background(),
		bson.D{{Key: "status", Value: engine.TaskOpen}}, &tasks)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, task := range tasks {
		out[task.AssigneeID]++
	}
	return out
}

// submitLead starts the fixture's process on a new record rec.
func submitLead(t *testing.T, f *fixture, rec string) string {
	t.Helper()
	f.records.Records[rec] = &engine.Record{ID: rec, Form: "lead", OwnerID: "u_owner",
		Data: map[string]any{"company": rec}}
	ev := f.created("ev-" + rec)
	ev.RecordID = rec
	if err := f.svc.OnRecordEvent(context.Background(), ev); err != nil {
		t.Fatalf("%s: %v", rec, err)
	}
	return f.records.Records[rec].OwnerID
}

// taskOn returns the open task of record rec.
func taskOn(t *testing.T, f *fixture, rec string) engine.Task {
	t.Helper()
	var task engine.Task
	err := f.store.Scope(f.tenant).C(engine.TasksCollection).FindOne(context.Background(),
		bson.D{{Key: "record_id", Value: rec}, {Key: "status", Value: engine.TaskOpen}}, &task)
	if err != nil {
		t.Fatalf("open task of %s: %v", rec, err)
	}
	return task
}

// TestOpenTaskCountersFollowTheTasks routes leads least-loaded while tasks
// are created, reassigned, completed and cancelled, and checks after each
// step that the counters routing reads agree with the tasks.
func TestOpenTaskCountersFollowTheTasks(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, graphOf(t, leastLoaded))
	agree := func(step string) {
		t.Helper()
		want, got := openTasksOf(t, f), loadsOf(t, f)
		for who, n := range got {
			if n == 0 && want[who] == 0 {
				delete(got, who)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s: counters (-tasks +counters):\n%s", step, diff)
		}
	}

	for _, rec := range []string{"r1", "r2", "r3", "r4"} {
		submitLead(t, f, rec)
	}
	agree("four leads")

	boss := f.as("u_sup", auth.Supervisor)
	task := taskOn(t, f, "r1") // u_other's
	if err := f.svc.Reassign(ctx, boss, task.ID, "u_owner", nil); err != nil {
		t.Fatal(err)
	}
	agree("reassigned")
	if got := submitLead(t, f, "r5"); got != "u_other" {
		t.Errorf("after the reassignment r5 went to %s; want u_other (1 open beside 3)", got)
	}

	task = taskOn(t, f, "r2")
	if _, err := f.svc.Complete(ctx, f.as(task.AssigneeID, auth.Rep), task.ID,
		engine.Completion{}); err != nil {
		t.Fatal(err)
	}
	agree("completed")

	del := engine.RecordEvent{ID: "del-r3", TenantID: f.tenant, Kind: engine.RecordDeleted,
		RecordID: "r3", Form: "lead"}
	if err := f.svc.OnRecordEvent(ctx, del); err != nil {
		t.Fatal(err)
	}
	agree("cancelled with its record")
}

// TestOpenTaskCounterMissingIsRebuilt drops the counters, as a store from
// before them has none, and checks that routing counts the tasks again.
func TestOpenTaskCounterMissingIsRebuilt(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, graphOf(t, leastLoaded))
	for _, rec := range []string{"r1", "r2", "r3"} {
		submitLead(t, f, rec)
	}
	// u_other has r1 and r3, u_owner r2.
	if _, err := f.store.Unscoped(engine.LoadsCollection).DeleteMany(ctx,
		bson.D{}); err != nil {
		t.Fatal(err)
	}

	if got := submitLead(t, f, "r4"); got != "u_owner" {
		t.Errorf("r4 went to %s; want u_owner, who has fewer open tasks", got)
	}
	want := map[string]int{"u_other": 2, "u_owner": 2}
	if diff := cmp.Diff(want, loadsOf(t, f)); diff != "" {
		t.Errorf("rebuilt counters (-want +got):\n%s", diff)
	}
}
