package insights

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
)

// TestKeptMonthEqualsStored folds a series of edits into one month
// document — new groups, a group emptied (unset), a new metric, a
// duplicate event — and after each checks that the copy change keeps in
// memory equals the document in the store, field by field; then that a
// write behind its back is noticed through the revision and not lost.
func TestKeptMonthEqualsStored(t *testing.T) {
	ctx := context.Background()
	st := testenv.Mongo(t)
	s := New(st, nil, clock.Real{}, Config{}, testenv.Logger())
	if err := s.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	const tenant, family, day = "t1", "records:lead", "2026-12-04"
	id := docID(tenant, family, monthOfDay(day))
	add := func(event, metric, group string, sign int64) func(*edit) bool {
		return func(e *edit) bool {
			if e.seen(eventHash(event)) {
				return false
			}
			keys := map[string]string{"owner": group}
			c := &Contribution{Group: groupKey(keys), Main: &Item{Sum: 2_000_000,
				Value: group}}
			if sign > 0 {
				e.move(metric, day, nil, c, nil, keys)
			} else {
				e.move(metric, day, c, nil, keys, nil)
			}
			e.remember(eventHash(event))
			return true
		}
	}
	steps := []func(*edit) bool{add("e1", "leads", "u1", 1), add("e2", "leads", "u2", 1),
		add("e3", "leads", "u1", -1), add("e4", "calls", "u3", 1), add("e2", "leads", "u2", 1),
		add("e6", "calls", "u3", -1)}
	for i, fold := range steps {
		if err := s.change(ctx, tenant, family, monthOfDay(day), day, fold); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		checkKept(t, s, tenant, id, fmt.Sprintf("step %d", i))
	}

	// Another writer moves the revision on: the kept copy is refused, read
	// again, and the next edit lands on top of the other writer's.
	_, err := s.rollups(tenant).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "rev", Value: 1}}},
			{Key: "$set", Value: bson.D{{Key: "s.other", Value: int64(7)}}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.change(ctx, tenant, family, monthOfDay(day), day,
		add("e5", "leads", "u4", 1)); err != nil {
		t.Fatal(err)
	}
	stored := checkKept(t, s, tenant, id, "after another writer")
	if stored.Since["other"] != 7 || stored.Rev != 7 {
		t.Errorf("stored since = %v, rev %d; want the other writer's field kept, rev 7",
			stored.Since, stored.Rev)
	}
}

// checkKept compares the kept copy of document id with the stored one and
// returns the stored one.
func checkKept(t *testing.T, s *Service, tenant, id, when string) monthDoc {
	t.Helper()
	var stored monthDoc
	if err := s.rollups(tenant).FindByID(context.Background(), id, &stored); err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	kept, ok := s.months.take(id)
	if !ok {
		t.Fatalf("%s: nothing kept", when)
	}
	opts := []cmp.Option{cmpopts.EquateEmpty(),
		cmpopts.IgnoreUnexported(monthDoc{})}
	if d := cmp.Diff(stored, kept, opts...); d != "" {
		t.Errorf("%s: kept copy differs (-stored +kept):\n%s", when, d)
	}
	return stored
}
