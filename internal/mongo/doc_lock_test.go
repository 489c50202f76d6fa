package mongo_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
)

type counter struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	Version        int64  `bson:"version"`
	Status         string `bson:"status"`
}

// TestCompareAndSetIsExclusive races goroutines to claim one document
// version: exactly one may win each round, and $inc loses nothing.
func TestCompareAndSetIsExclusive(t *testing.T) {
	ctx := context.Background()
	st := testenv.Mongo(t)
	if err := st.EnsureCollection(ctx, "cas", nil); err != nil {
		t.Fatal(err)
	}
	c := st.Scope("t1").C("cas")
	if err := c.InsertOne(ctx, &counter{ID: "doc", Version: 1, Status: "pending"}); err != nil {
		t.Fatal(err)
	}

	for round := int64(1); round <= 5; round++ {
		var wins atomic.Int32
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: "doc"},
					{Key: "version", Value: round}},
					bson.D{{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}})
				if err != nil {
					t.Error(err)
				}
				if ok {
					wins.Add(1)
				}
			}()
		}
		wg.Wait()
		if wins.Load() != 1 {
			t.Fatalf("round %d: %d claims won, want 1", round, wins.Load())
		}
	}

	var got counter
	if err := c.FindByID(ctx, "doc", &got); err != nil || got.Version != 6 {
		t.Fatalf("version = %d (%v), want 6", got.Version, err)
	}
	// The fast path still honours every condition, the tenant among them.
	ok, err := st.Scope("t2").C("cas").UpdateOne(ctx, bson.D{{Key: "_id", Value: "doc"}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: "stolen"}}}})
	if err != nil || ok {
		t.Fatalf("another tenant's update matched: %v %v", ok, err)
	}
	ok, err = c.UpdateOne(ctx, bson.D{{Key: "_id", Value: "doc"},
		{Key: "status", Value: "done"}}, bson.D{{Key: "$set", Value: bson.D{
		{Key: "status", Value: "x"}}}})
	if err != nil || ok {
		t.Fatalf("update with a false condition matched: %v %v", ok, err)
	}
}

// TestFastPathEqualities checks the fast path's equalities against what a
// server answers for the same filters: null, numbers of other widths and
// array items.
func TestFastPathEqualities(t *testing.T) {
	ctx := context.Background()
	st := testenv.Mongo(t)
	if err := st.EnsureCollection(ctx, "eq", nil); err != nil {
		t.Fatal(err)
	}
	c := st.Scope("t1").C("eq")
	type doc struct {
		ID             string `bson:"_id"`
		mongo.Tenanted `bson:",inline"`
		N              int32    `bson:"n"`
		Tags           []string `bson:"tags"`
	}
	if err := c.InsertOne(ctx, &doc{ID: "d", N: 3, Tags: []string{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		key   string
		value any
		want  bool
	}{
		{"missing field is null", "gone", nil, true},
		{"present field is not null", "n", nil, false},
		{"int64 equals int32", "n", int64(3), true},
		{"float equals int32", "n", 3.0, true},
		{"other number", "n", 4, false},
		{"array item", "tags", "b", true},
		{"not an item", "tags", "c", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: "d"},
				{Key: tt.key, Value: tt.value}}, bson.D{{Key: "$set", Value: bson.D{
				{Key: "touched", Value: true}}}})
			if err != nil || ok != tt.want {
				t.Fatalf("matched = %v (%v), want %v", ok, err, tt.want)
			}
		})
	}
}

// TestDottedConditionsReachTheServer checks that a condition on a nested
// field still matches, through the server's own filter.
func TestDottedConditionsReachTheServer(t *testing.T) {
	ctx := context.Background()
	st := testenv.Mongo(t)
	if err := st.EnsureCollection(ctx, "nested", nil); err != nil {
		t.Fatal(err)
	}
	c := st.Scope("t1").C("nested")
	type doc struct {
		ID             string `bson:"_id"`
		mongo.Tenanted `bson:",inline"`
		Wait           struct {
			TaskID string `bson:"task_id"`
		} `bson:"wait"`
	}
	d := &doc{ID: "n"}
	d.Wait.TaskID = "task-1"
	if err := c.InsertOne(ctx, d); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		task string
		want bool
	}{{"task-1", true}, {"task-2", false}} {
		ok, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: "n"},
			{Key: "wait.task_id", Value: tt.task}}, bson.D{{Key: "$set", Value: bson.D{
			{Key: "seen", Value: true}}}})
		if err != nil || ok != tt.want {
			t.Errorf("wait.task_id = %s: matched %v (%v), want %v", tt.task, ok, err, tt.want)
		}
	}
}
