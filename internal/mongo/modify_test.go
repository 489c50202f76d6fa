package mongo_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
)

// TestModifyIsExclusive races goroutines that each read a document and
// claim the version they read: exactly one may win each round.
func TestModifyIsExclusive(t *testing.T) {
	ctx := context.Background()
	st := testenv.Mongo(t)
	if err := st.EnsureCollection(ctx, "modify", nil); err != nil {
		t.Fatal(err)
	}
	c := st.Scope("t1").C("modify")
	if err := c.InsertOne(ctx, &counter{ID: "doc", Version: 1, Status: "pending"}); err != nil {
		t.Fatal(err)
	}

	for round := 1; round <= 4; round++ {
		var wins atomic.Int32
		var wg sync.WaitGroup
		for range 6 {
			wg.Go(func() {
				if claimOnce(ctx, t, c, int64(round)) {
					wins.Add(1)
				}
			})
		}
		wg.Wait()
		if wins.Load() != 1 {
			t.Fatalf("round %d: %d claims won, want 1", round, wins.Load())
		}
	}
	var got counter
	if err := c.FindByID(ctx, "doc", &got); err != nil || got.Version != 5 {
		t.Fatalf("version = %d (%v), want 5", got.Version, err)
	}
}

// claimOnce claims the document if it still is at version want.
func claimOnce(ctx context.Context, t *testing.T, c mongo.Coll, want int64) bool {
	var doc counter
	ok, err := c.Modify(ctx, "doc", &doc, func() (bson.D, any, bool) {
		if doc.Version != want {
			return nil, nil, false
		}
		return bson.D{{Key: "version", Value: doc.Version}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "version", Value: doc.Version + 1}}}}, true
	})
	if err != nil {
		t.Error(err)
	}
	return ok
}

// TestModifyStaysInItsTenant reads nothing of another tenant and changes
// nothing when decide declines.
func TestModifyStaysInItsTenant(t *testing.T) {
	ctx := context.Background()
	st := testenv.Mongo(t)
	if err := st.EnsureCollection(ctx, "modify", nil); err != nil {
		t.Fatal(err)
	}
	c := st.Scope("t1").C("modify")
	if err := c.InsertOne(ctx, &counter{ID: "doc", Version: 1}); err != nil {
		t.Fatal(err)
	}
	steal := func() (bson.D, any, bool) {
		return nil, bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: "x"}}}}, true
	}

	var doc counter
	_, err := st.Scope("t2").C("modify").Modify(ctx, "doc", &doc, steal)
	if !errors.Is(err, mongo.ErrNotFound) {
		t.Errorf("other tenant's Modify err = %v, want ErrNotFound", err)
	}
	ok, err := c.Modify(ctx, "doc", &doc, func() (bson.D, any, bool) { return nil, nil, false })
	if ok || err != nil {
		t.Errorf("declined Modify = %v, %v; want false, nil", ok, err)
	}
	if err := c.FindByID(ctx, "doc", &doc); err != nil || doc.Status != "" {
		t.Errorf("document after refused changes = %+v, %v", doc, err)
	}
}
