package form_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
)

// leadRecord is a stored submission, shaped as the runtime stores records.
type leadRecord struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	Data           map[string]any `bson:"data"`
}

// BenchmarkSubmitLead puts validation beside the store write it precedes,
// in one run: validating the 25-field lead form with its compiled
// validator cached, the raw InsertOne of the cleaned record, and both
// together. FORMWORK_TEST_MONGO_URI points it at a MongoDB server instead
// of the embedded store.
func BenchmarkSubmitLead(b *testing.B) {
	c := compileLead(b)
	ctx := context.Background()
	res := newResolver()
	data := raw(b, validLead())
	clean, err := c.Validate(ctx, data, res)
	if err != nil {
		b.Fatal(err)
	}
	coll := testenv.Mongo(b).Scope("bench_tenant").C("bench_records")

	n := 0
	insert := func(b *testing.B, doc map[string]any) {
		n++
		rec := &leadRecord{ID: fmt.Sprintf("rec_%d", n), Data: doc}
		if err := coll.InsertOne(ctx, rec); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Validate(ctx, data, res); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("store_insert", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			insert(b, clean)
		}
	})
	b.Run("validate_and_insert", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			doc, err := c.Validate(ctx, data, res)
			if err != nil {
				b.Fatal(err)
			}
			insert(b, doc)
		}
	})
}
