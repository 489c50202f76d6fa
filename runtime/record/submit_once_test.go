package record_test

import (
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/runtime/record"
)

// keyed is a submission of a valid lead under an idempotency key.
func keyed(t *testing.T, key string) record.SubmitInput {
	return record.SubmitInput{Form: "lead", Data: raw(t, validLead()), IdempotencyKey: key}
}

func TestSubmitWithIdempotencyKey(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()

	first, err := f.svc.Submit(f.ctx, f.rep, keyed(t, "i1/t1/week/1"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.svc.Submit(f.ctx, f.rep, keyed(t, "i1/t1/week/1"))
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID {
		t.Errorf("the same key gave records %s and %s, want one", first.ID, again.ID)
	}
	if got := f.events.kinds(); len(got) != 1 || got[0] != record.EventCreated {
		t.Errorf("events = %v, want one created", got)
	}

	other, err := f.svc.Submit(f.ctx, f.rep, keyed(t, "i1/t1/week/2"))
	if err != nil || other.ID == first.ID {
		t.Errorf("another key: record %v, err %v; want a new record", other, err)
	}
	elsewhere, err := f.svc.Submit(f.ctx, f.other, keyed(t, "i1/t1/week/1"))
	if err == nil && elsewhere.ID == first.ID {
		t.Errorf("another tenant's key returned tenant a's record")
	}
}

func TestSubmitWithIdempotencyKeyRefusedWritesNothing(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	bad := keyed(t, "k")
	bad.Data = raw(t, map[string]any{"company": "A"})

	if _, err := f.svc.Submit(f.ctx, f.rep, bad); err == nil {
		t.Fatal("invalid data was accepted")
	}
	n, err := f.store.Scope(f.rep.TenantID).C(record.KeysCollection).Count(f.ctx, bson.D{})
	if err != nil || n != 0 {
		t.Fatalf("a refusal left %d key entries (err %v), want none", n, err)
	}
	if _, err := f.svc.Submit(f.ctx, f.rep, keyed(t, "k")); err != nil {
		t.Errorf("the fixed submission under the same key: %v", err)
	}
}

// TestSubmitKeepsAPromisedID is a submission that died after writing its
// key's entry and before its record: the next one stores the record under
// the id the entry promised.
func TestSubmitKeepsAPromisedID(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	promised := ids.NewGenerator(f.clock).New()
	entry := &struct {
		ID             string `bson:"_id"`
		mongo.Tenanted `bson:",inline"`
		Field          string `bson:"field"`
		Value          string `bson:"value"`
		RecordID       string `bson:"record_id"`
	}{ID: record.SubmitKeyID(f.rep.TenantID, "k"), Field: "idempotency_key", Value: "k",
		RecordID: promised}
	if err := f.store.Scope(f.rep.TenantID).C(record.KeysCollection).InsertOne(f.ctx,
		entry); err != nil {
		t.Fatal(err)
	}

	r, err := f.svc.Submit(f.ctx, f.rep, keyed(t, "k"))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != promised {
		t.Errorf("record id = %s, want the promised %s", r.ID, promised)
	}
}
