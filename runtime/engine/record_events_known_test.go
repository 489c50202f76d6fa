package engine_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/formworkhq/formwork/runtime/engine"
)

// countedRecords counts the reads of the records it passes on.
type countedRecords struct {
	engine.RecordAccess
	reads atomic.Int64
}

func (c *countedRecords) Record(ctx context.Context, tenantID, id string) (*engine.Record,
	error) {
	c.reads.Add(1)
	return c.RecordAccess.Record(ctx, tenantID, id)
}

// TestRecordChangeUsesTheEventsRecord checks that a change of a record
// reaches its running instance with the record the event carries, without
// reading it again, and that an event without one still reads it.
func TestRecordChangeUsesTheEventsRecord(t *testing.T) {
	ctx := context.Background()
	var counted *countedRecords
	f := newFixtureWith(t, leadProcess(t), func(_ *fakeDefs, d *engine.Deps) {
		counted = &countedRecords{RecordAccess: d.Records}
		d.Records = counted
	})
	if err := f.svc.OnRecordEvent(ctx, f.created("ev1")); err != nil {
		t.Fatal(err)
	}

	changed := engine.RecordEvent{ID: "ev2", TenantID: f.tenant, Kind: engine.RecordChanged,
		RecordID: "r1", Form: "lead", Fields: []string{"company"}}
	tests := []struct {
		name      string
		record    *engine.Record
		wantReads bool
	}{
		{name: "with the record", record: &engine.Record{ID: "r1", Form: "lead",
			OwnerID: "u_owner", Data: map[string]any{"company": "Acme Ltd"}}},
		{name: "without it", wantReads: true},
	}
	for _, tc := range tests {
		counted.reads.Store(0)
		ev := changed
		ev.Record = tc.record
		if err := f.svc.OnRecordEvent(ctx, ev); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if n := counted.reads.Load(); (n > 0) != tc.wantReads {
			t.Errorf("%s: %d reads of the record, want reads: %v", tc.name, n, tc.wantReads)
		}
	}
}
