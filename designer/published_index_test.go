package designer_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/testenv"
)

// TestPublishedAllFollowsPublishAndArchive checks the published index
// against what publishing and archiving did, and that a lost index is
// rebuilt from the definitions with the same answer.
func TestPublishedAllFollowsPublishAndArchive(t *testing.T) {
	f := newFixture(t)
	store := testenv.Mongo(t)
	f.svc = designer.New(store, f.clock, testenv.Logger())
	ctx := context.Background()
	if err := f.svc.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, key := range []string{"alpha", "beta", "gamma"} {
		d, _, err := f.svc.Create(ctx, f.implementer, designer.KindDashboard, meta(key),
			taskBoard(t, "w"))
		if err != nil {
			t.Fatal(err)
		}
		ids[key] = d.ID
	}
	publish := func(key string) {
		t.Helper()
		if _, err := f.svc.Publish(ctx, f.implementer, designer.KindDashboard,
			ids[key]); err != nil {
			t.Fatal(err)
		}
	}
	live := func() map[string]int {
		t.Helper()
		vs, err := f.svc.PublishedAll(ctx, f.rep, designer.KindDashboard)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, v := range vs {
			out[v.Key] = v.Number
		}
		return out
	}

	if got := live(); len(got) != 0 {
		t.Fatalf("before any publish: %v", got)
	}
	publish("alpha")
	publish("beta")
	publish("alpha")
	if diff := cmp.Diff(map[string]int{"alpha": 2, "beta": 1}, live()); diff != "" {
		t.Fatalf("after publishing (-want +got):\n%s", diff)
	}
	if err := f.svc.Archive(ctx, f.implementer, designer.KindDashboard,
		ids["beta"]); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"alpha": 2}
	if diff := cmp.Diff(want, live()); diff != "" {
		t.Fatalf("after archiving beta (-want +got):\n%s", diff)
	}

	// Lose the index: the next read rebuilds it from the definitions.
	dropIndex := func() {
		t.Helper()
		keys := store.Scope(f.implementer.TenantID).C(designer.KeysCollection)
		if _, err := keys.DeleteOne(ctx,
			bson.D{{Key: "_id", Value: "tenant_a/dashboard/*published"}}); err != nil {
			t.Fatal(err)
		}
	}
	dropIndex()
	if diff := cmp.Diff(want, live()); diff != "" {
		t.Fatalf("rebuilt (-want +got):\n%s", diff)
	}
	publish("gamma")
	if diff := cmp.Diff(map[string]int{"alpha": 2, "gamma": 1}, live()); diff != "" {
		t.Fatalf("after publishing on a rebuilt index (-want +got):\n%s", diff)
	}

	// Lose it again: a publish rebuilds it whole, not with its own entry.
	dropIndex()
	publish("alpha")
	if diff := cmp.Diff(map[string]int{"alpha": 3, "gamma": 1}, live()); diff != "" {
		t.Fatalf("after publishing with no index (-want +got):\n%s", diff)
	}

	other, err := f.svc.PublishedAll(ctx, f.other, designer.KindDashboard)
	if err != nil || len(other) != 0 {
		t.Fatalf("another tenant sees %v, %v", other, err)
	}
}

// TestStartUpRestoresMissingKeys loses a definition's key document, as a
// crash between the two writes of a create would, and checks that the
// next start-up restores it and that resolving the key works again.
func TestStartUpRestoresMissingKeys(t *testing.T) {
	f := newFixture(t)
	store := testenv.Mongo(t)
	f.svc = designer.New(store, f.clock, testenv.Logger())
	ctx := context.Background()
	if err := f.svc.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	d, _, err := f.svc.Create(ctx, f.implementer, designer.KindDashboard, meta("board"),
		taskBoard(t, "w"))
	if err != nil {
		t.Fatal(err)
	}
	keys := store.Scope(f.implementer.TenantID).C(designer.KeysCollection)
	if _, err := keys.DeleteOne(ctx,
		bson.D{{Key: "_id", Value: "tenant_a/dashboard/board"}}); err != nil {
		t.Fatal(err)
	}
	if ref, err := f.svc.Resolve(ctx, f.rep, designer.KindDashboard, "board"); err != nil ||
		ref != nil {
		t.Fatalf("without its key document: %+v, %v", ref, err)
	}
	if err := f.svc.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	ref, err := f.svc.Resolve(ctx, f.rep, designer.KindDashboard, "board")
	if err != nil || ref == nil || ref.DefinitionID != d.ID {
		t.Fatalf("after start-up: %+v, %v", ref, err)
	}
}
