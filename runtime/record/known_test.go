package record_test

import (
	"context"
	"testing"

	"github.com/formworkhq/formwork/runtime/record"
)

// TestAssignFromTheEvent assigns a new record from a subscriber of its
// creation, as a process step does, once straight away (the event's
// record is the stored one) and once after another write moved the record
// on (the event's record is stale: the conditional write refuses it and
// the retry reads the store), and checks the owner, the version and the
// assigned event each time.
func TestAssignFromTheEvent(t *testing.T) {
	tests := []struct {
		name        string
		writeFirst  bool
		wantVersion int64
	}{
		{name: "record as the event left it", wantVersion: 2},
		{name: "record changed since the event", writeFirst: true, wantVersion: 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.publishBoth()
			var assignErr error
			f.svc.Subscribe(func(ctx context.Context, e record.Event) {
				if e.Kind != record.EventCreated {
					return
				}
				if tc.writeFirst {
					_, assignErr = f.svc.Update(context.Background(), f.rep, e.Record.ID, 1,
						map[string]any{"amount": 5.0})
				}
				if assignErr == nil {
					_, assignErr = f.svc.Assign(ctx, f.impl, e.Record.ID, f.rep2.UserID)
				}
			})

			r := f.submit(f.rep, "lead", validLead())
			if assignErr != nil {
				t.Fatalf("assigning from the subscriber: %v", assignErr)
			}
			got, err := f.svc.Get(f.ctx, f.rep, r.ID)
			if err != nil || got.OwnerID != f.rep2.UserID || got.Version != tc.wantVersion {
				t.Fatalf("record = owner %s version %d (%v); want owner %s version %d",
					got.OwnerID, got.Version, err, f.rep2.UserID, tc.wantVersion)
			}
			ev := f.events.last()
			if ev.Kind != record.EventAssigned || ev.Record.Version != tc.wantVersion ||
				ev.Previous.Version != tc.wantVersion-1 || ev.Previous.OwnerID != f.rep.UserID {
				t.Errorf("last event = %s of version %d after %d owned by %s; want assigned, "+
					"version %d after the rep's", ev.Kind, ev.Record.Version,
					ev.Previous.Version, ev.Previous.OwnerID, tc.wantVersion)
			}
			if tc.writeFirst && ev.Previous.Data["amount"] != 5.0 {
				t.Errorf("assigned event's previous data = %v, want the update's amount",
					ev.Previous.Data)
			}
		})
	}
}
