package engine_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/runtime/engine"
)

// ghostLoad is a counter of a person who has no open task.
type ghostLoad struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	UserID         string `bson:"user_id"`
	N              int    `bson:"n"`
}

// TestRecountSetsDriftedCountersRight drifts the counters as a hook heard
// twice, a crash before a $inc and a person whose tasks all went leave
// them, and checks that one recount agrees with the tasks again and that
// a second finds nothing to do.
func TestRecountSetsDriftedCountersRight(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, graphOf(t, leastLoaded))
	for _, rec := range []string{"r1", "r2", "r3"} {
		submitLead(t, f, rec)
	}
	// u_other has r1 and r3, u_owner r2.
	loads := f.store.Scope(f.tenant).C(engine.LoadsCollection)
	for id, delta := range map[string]int{f.tenant + ":u_other": 1,
		f.tenant + ":u_owner": -3} {
		_, err := loads.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: delta}}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	err := loads.InsertOne(ctx, &ghostLoad{ID: f.tenant + ":u_gone", UserID: "u_gone", N: 4})
	if err != nil {
		t.Fatal(err)
	}

	n, err := f.svc.RecountOpenTasks(ctx, 0)
	if err != nil || n != 3 {
		t.Fatalf("recount corrected %d (%v); want 3", n, err)
	}
	want := map[string]int{"u_other": 2, "u_owner": 1, "u_gone": 0}
	if diff := cmp.Diff(want, loadsOf(t, f)); diff != "" {
		t.Errorf("counters after the recount (-want +got):\n%s", diff)
	}
	if n, err := f.svc.RecountOpenTasks(ctx, 0); err != nil || n != 0 {
		t.Errorf("second recount corrected %d (%v); want none", n, err)
	}
	if got := submitLead(t, f, "r4"); got != "u_owner" {
		t.Errorf("r4 went to %s after the recount; want u_owner (1 open beside 2)", got)
	}
}
