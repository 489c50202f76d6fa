package mongo_test

import (
	"context"
	"errors"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
)

type note struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	Text           string `bson:"text"`
	Version        int    `bson:"version"`
}

// TestScopeKeepsTenantsApart checks every accessor of a scope against a
// document of another tenant.
func TestScopeKeepsTenantsApart(t *testing.T) {
	ctx := context.Background()
	st := testenv.Mongo(t)
	if err := st.EnsureCollection(ctx, "notes", nil); err != nil {
		t.Fatal(err)
	}
	a, b := st.Scope("tenant-a").C("notes"), st.Scope("tenant-b").C("notes")

	n := &note{ID: "n1", Text: "a's note", Version: 1}
	n.TenantID = "forged" // InsertOne must overwrite whatever the caller set
	if err := a.InsertOne(ctx, n); err != nil {
		t.Fatal(err)
	}

	var got note
	if err := a.FindByID(ctx, "n1", &got); err != nil || got.TenantID != "tenant-a" {
		t.Fatalf("own FindByID = %+v, %v", got, err)
	}
	if err := b.FindByID(ctx, "n1", &got); !errors.Is(err, mongo.ErrNotFound) {
		t.Errorf("other tenant's FindByID err = %v, want ErrNotFound", err)
	}
	if err := b.FindOne(ctx, bson.D{{Key: "text", Value: "a's note"}}, &got); !errors.Is(err, mongo.ErrNotFound) {
		t.Errorf("other tenant's FindOne err = %v, want ErrNotFound", err)
	}
	// A filter that names tenant_id cannot widen the scope.
	sneaky := bson.D{{Key: "_id", Value: "n1"}, {Key: "tenant_id", Value: "tenant-a"}}
	if err := b.FindOne(ctx, sneaky, &got); !errors.Is(err, mongo.ErrNotFound) {
		t.Errorf("FindOne with a forged tenant_id err = %v, want ErrNotFound", err)
	}
	upd := bson.D{{Key: "$set", Value: bson.D{{Key: "text", Value: "hijacked"}}}}
	if ok, err := b.UpdateOne(ctx, bson.D{{Key: "_id", Value: "n1"}}, upd); ok || err != nil {
		t.Errorf("other tenant's UpdateOne matched=%v err=%v", ok, err)
	}
	if ok, err := b.DeleteOne(ctx, bson.D{{Key: "_id", Value: "n1"}}); ok || err != nil {
		t.Errorf("other tenant's DeleteOne deleted=%v err=%v", ok, err)
	}
	if n, err := b.Count(ctx, bson.D{}); n != 0 || err != nil {
		t.Errorf("other tenant's Count = %d, %v", n, err)
	}
	cur, err := b.Aggregate(ctx, []bson.D{{{Key: "$count", Value: "n"}}})
	if err != nil {
		t.Fatal(err)
	}
	var rows []bson.M
	if err := cur.All(ctx, &rows); err != nil || len(rows) != 0 {
		t.Errorf("other tenant's Aggregate = %v, %v", rows, err)
	}

	if err := a.FindByID(ctx, "n1", &got); err != nil || got.Text != "a's note" {
		t.Fatalf("note changed by another tenant: %+v, %v", got, err)
	}
}

// TestConditionalUpdate is the compare-and-set every state change uses.
func TestConditionalUpdate(t *testing.T) {
	ctx := context.Background()
	st := testenv.Mongo(t)
	if err := st.EnsureCollection(ctx, "notes", nil); err != nil {
		t.Fatal(err)
	}
	c := st.Scope("t").C("notes")
	if err := c.InsertOne(ctx, &note{ID: "n1", Version: 1}); err != nil {
		t.Fatal(err)
	}
	bump := bson.D{{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}}
	at := func(v int) bson.D { return bson.D{{Key: "_id", Value: "n1"}, {Key: "version", Value: v}} }

	if ok, err := c.UpdateOne(ctx, at(1), bump); !ok || err != nil {
		t.Fatalf("first claim = %v, %v", ok, err)
	}
	if ok, err := c.UpdateOne(ctx, at(1), bump); ok || err != nil {
		t.Fatalf("stale claim = %v, %v; want no match", ok, err)
	}
	var got note
	if err := c.FindOneAndUpdate(ctx, at(2), bump, &got); err != nil || got.Version != 3 {
		t.Fatalf("FindOneAndUpdate = %+v, %v", got, err)
	}
	if err := c.FindOneAndUpdate(ctx, at(2), bump, &got); !errors.Is(err, mongo.ErrNotFound) {
		t.Fatalf("stale FindOneAndUpdate err = %v, want ErrNotFound", err)
	}
}
