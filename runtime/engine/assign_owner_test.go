package engine_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/engine"
)

// autoAssign distributes leads: big ones to the supervisor, the rest in
// turn within the east team; the first task goes to whoever got the lead.
const autoAssign = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "assign", "kind": "assign_owner", "config": {
   "routes": [{"when": "record.amount > 1000.0", "assignee": {"rule": "user", "user": "u_sup"}}],
   "assignee": {"rule": "round_robin", "team": "east"}}},
 {"id": "call", "kind": "user_task", "config": {"assignee": {"rule": "owner"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "assign"},
 {"id": "e2", "from": "assign", "to": "call"},
 {"id": "e3", "from": "call", "to": "end"}]}`

func TestAssignOwnerRoutesThenTakesTurns(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, graphOf(t, autoAssign))
	f.records.Records["r2"] = &engine.Record{ID: "r2", Form: "lead", OwnerID: "u_owner",
		Data: map[string]any{"company": "Big Co", "amount": 5000.0}}
	f.records.Records["r3"] = &engine.Record{ID: "r3", Form: "lead", OwnerID: "u_owner",
		Data: map[string]any{"company": "Small Co"}}

	for _, rec := range []string{"r1", "r2", "r3"} {
		ev := f.created("ev-" + rec)
		ev.RecordID = rec
		if err := f.svc.OnRecordEvent(ctx, ev); err != nil {
			t.Fatalf("%s: %v", rec, err)
		}
	}
	owners := map[string]string{}
	for id, r := range f.records.Records {
		owners[id] = r.OwnerID
	}
	// East is u_other and u_owner, taken in id order; the big lead skips
	// the turn.
	want := map[string]string{"r1": "u_other", "r2": "u_sup", "r3": "u_owner"}
	if diff := cmp.Diff(want, owners); diff != "" {
		t.Fatalf("owners (-want +got):\n%s", diff)
	}
	page, err := f.svc.Inbox(ctx, f.as("u_other", auth.Rep), engine.Query{})
	if err != nil || len(page.Items) != 1 || page.Items[0].RecordID != "r1" {
		t.Fatalf("u_other's inbox = %+v, %v; want the task of r1", page.Items, err)
	}

	// Applying the step again — a resumed instance — keeps the choice.
	f.records.Records["r1"].OwnerID = "u_owner"
	inst := instanceOf(t, f, "r1")
	if err := f.svc.Resume(ctx, f.tenant, inst); err != nil {
		t.Fatal(err)
	}
	if got := f.records.Records["r1"].OwnerID; got != "u_other" {
		t.Errorf("after resuming, r1 is owned by %s; want u_other again", got)
	}
}

// instanceOf returns the id of the instance running on record rec.
func instanceOf(t *testing.T, f *fixture, rec string) string {
	t.Helper()
	var docs []struct {
		ID       string `bson:"_id"`
		RecordID string `bson:"record_id"`
	}
	if err := f.store.Scope(f.tenant).C(engine.InstancesCollection).FindAll(context.Background(),
		nil, &docs); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.RecordID == rec {
			return d.ID
		}
	}
	t.Fatalf("no instance on %s", rec)
	return ""
}

// leastLoaded gives each lead to the east rep with the fewest open tasks;
// the lead's first task goes to whoever got it, so the load moves on.
const leastLoaded = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "assign", "kind": "assign_owner", "config": {
   "assignee": {"rule": "least_loaded", "team": "east"}}},
 {"id": "call", "kind": "user_task", "config": {"assignee": {"rule": "owner"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "assign"},
 {"id": "e2", "from": "assign", "to": "call"},
 {"id": "e3", "from": "call", "to": "end"}]}`

func TestAssignOwnerToTheLeastLoaded(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, graphOf(t, leastLoaded))
	for _, rec := range []string{"r2", "r3", "r4"} {
		f.records.Records[rec] = &engine.Record{ID: rec, Form: "lead", OwnerID: "u_owner",
			Data: map[string]any{"company": rec}}
	}
	owners := map[string]string{}
	for _, rec := range []string{"r1", "r2", "r3", "r4"} {
		ev := f.created("ev-" + rec)
		ev.RecordID = rec
		if err := f.svc.OnRecordEvent(ctx, ev); err != nil {
			t.Fatalf("%s: %v", rec, err)
		}
		owners[rec] = f.records.Records[rec].OwnerID
	}
	// Both start with no open task: ties go to the first id (u_other);
	// then each new task tips the balance to the other rep.
	want := map[string]string{"r1": "u_other", "r2": "u_owner", "r3": "u_other",
		"r4": "u_owner"}
	if diff := cmp.Diff(want, owners); diff != "" {
		t.Fatalf("owners (-want +got):\n%s", diff)
	}
}
