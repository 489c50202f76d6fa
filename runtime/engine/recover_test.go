package engine_test

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/engine"
)

// TestRecoverFinishesAStrandedCompletion plays a crash between the two
// writes of Complete: the task is done but the instance still waits on it.
// The recoverer moves the instance on, once.
func TestRecoverFinishesAStrandedCompletion(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, leadProcess(t))
	if err := f.svc.OnRecordEvent(ctx, f.created("ev1")); err != nil {
		t.Fatal(err)
	}
	page, err := f.svc.Inbox(ctx, f.as("u_owner", auth.Rep), engine.Query{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("inbox = %+v, %v", page, err)
	}
	task := page.Items[0]
	instanceID := task.ID[:len("in_")+32]

	// The first write of Complete, and then the crash.
	ok, err := f.store.Scope(f.tenant).C(engine.TasksCollection).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: task.ID}}, bson.D{{Key: "$set", Value: bson.D{
			{Key: "status", Value: engine.TaskDone}, {Key: "outcome", Value: "reached"},
			{Key: "data", Value: bson.D{{Key: "result", Value: "met"},
				{Key: "next_action", Value: "demo"}}},
			{Key: "completed_by", Value: "u_owner"}}}})
	if err != nil || !ok {
		t.Fatalf("marking the task done: %v %v", ok, err)
	}

	f.clock.Advance(10 * time.Minute)
	for range 2 {
		if _, err := f.svc.Recover(ctx, 5*time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	inst, err := f.svc.Instance(ctx, f.tenant, instanceID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range inst.Tokens {
		if tok.Wait != nil && tok.Wait.TaskID == task.ID {
			t.Fatalf("the instance still waits on the completed task: %+v", inst.Tokens)
		}
	}
}
