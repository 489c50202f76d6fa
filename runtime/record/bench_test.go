package record_test

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/runtime/record"
)

// rawDoc is a record-sized document for the raw store operations.
type rawDoc struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	Data           map[string]any `bson:"data"`
	LastActivityAt time.Time      `bson:"last_activity_at"`
}

// BenchmarkRecords puts submissions and activities beside the raw store
// operations they are made of, in one run on one store: InsertOne against
// Submit (validation, the form lookup and one insert) and UpdateOne against
// Log (a read by id, one insert and one update); form_lookup is the
// designer read every submission makes to find the latest published
// version. FORMWORK_TEST_MONGO_URI
// points it at a MongoDB server instead of the embedded store.
func BenchmarkRecords(b *testing.B) {
	f := newFixture(b)
	f.publishBoth()
	ctx := context.Background()
	gen := ids.NewGenerator(clock.Real{})
	// The raw collection is prepared like the records one (with the _id
	// index the embedded store needs, without the list indexes), so that
	// the difference is the domain's work and its indexes.
	if err := f.store.EnsureCollection(ctx, "bench_raw", nil); err != nil {
		b.Fatal(err)
	}
	raws := f.store.Scope("tenant_a").C("bench_raw")
	data := validLead()
	target := f.submit(f.rep, "lead", data)
	rawTarget := &rawDoc{ID: gen.New(), Data: data}
	if err := raws.InsertOne(ctx, rawTarget); err != nil {
		b.Fatal(err)
	}

	b.Run("raw_insert", func(b *testing.B) {
		for b.Loop() {
			if err := raws.InsertOne(ctx, &rawDoc{ID: gen.New(), Data: data}); err != nil {
				b.Fatal(err)
			}
		}
		perSecond(b)
	})
	b.Run("form_lookup", func(b *testing.B) {
		for b.Loop() {
			if _, err := f.designer.Resolve(ctx, f.rep, "form", "lead"); err != nil {
				b.Fatal(err)
			}
		}
		perSecond(b)
	})
	b.Run("submit", func(b *testing.B) {
		in := record.SubmitInput{Form: "lead", Data: raw(b, data)}
		for b.Loop() {
			if _, err := f.svc.Submit(ctx, f.rep, in); err != nil {
				b.Fatal(err)
			}
		}
		perSecond(b)
	})
	b.Run("raw_update", func(b *testing.B) {
		for b.Loop() {
			set := bson.D{{Key: "$max", Value: bson.D{{Key: "last_activity_at",
				Value: clock.Real{}.Now()}}}}
			if _, err := raws.UpdateOne(ctx, bson.D{{Key: "_id", Value: rawTarget.ID}},
				set); err != nil {
				b.Fatal(err)
			}
		}
		perSecond(b)
	})
	b.Run("activity", func(b *testing.B) {
		in := record.ActivityInput{Kind: record.Call, DurationS: 60}
		for b.Loop() {
			if _, err := f.svc.Log(ctx, f.rep, target.ID, in); err != nil {
				b.Fatal(err)
			}
		}
		perSecond(b)
	})
}

func perSecond(b *testing.B) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}
