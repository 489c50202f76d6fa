package record_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/record"
)

// promises is a TimelineSource of one promise per record it is asked about.
type promises struct{ at time.Time }

func (s promises) Timeline(_ context.Context, _ auth.Principal,
	recordIDs []string) ([]record.Entry, error) {
	var out []record.Entry
	for _, id := range recordIDs {
		out = append(out, record.Entry{At: s.at, Kind: "promise_made", Source: "promises",
			RecordID: id, Ref: "p_" + id})
	}
	return out, nil
}

func TestJourneyOrder(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	start := f.clock.Now()
	f.svc.AddTimelineSource(promises{at: start.Add(90 * time.Minute)})
	r := f.submit(f.rep, "lead", validLead())

	f.clock.Advance(time.Hour)
	if _, err := f.svc.Log(f.ctx, f.rep, r.ID, record.ActivityInput{Kind: record.Call,
		DurationS: 120}); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	if _, err := f.svc.Update(f.ctx, f.rep, r.ID, 1,
		map[string]any{"stage": "contacted"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	if _, err := f.svc.Assign(f.ctx, f.impl, r.ID, f.rep2.UserID); err != nil {
		t.Fatal(err)
	}
	// A meeting logged now that happened 30 minutes after creation.
	if _, err := f.svc.Log(f.ctx, f.rep, r.ID, record.ActivityInput{Kind: record.Meeting,
		At: start.Add(30 * time.Minute)}); err != nil {
		t.Fatal(err)
	}

	j, err := f.svc.Journey(f.ctx, f.rep, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"created", "meeting", "call", "promise_made", "edited", "stage_moved",
		"assigned"}
	if diff := cmp.Diff(want, entryKinds(j)); diff != "" {
		t.Errorf("journey (-want +got):\n%s", diff)
	}
	moved := j.Entries[5].Activity
	if moved.From != "new" || moved.To != "contacted" {
		t.Errorf("stage move = %s → %s, want new → contacted", moved.From, moved.To)
	}
}

func TestCustomerJourney(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	customer := f.submit(f.rep, "customer", map[string]any{"name": "Acme Group"})
	other := f.submit(f.rep, "customer", map[string]any{"name": "Beta"})
	data := validLead()
	data["customer"] = customer.ID
	lead := f.submit(f.rep, "lead", data)
	data["customer"] = other.ID
	f.submit(f.rep, "lead", data)

	f.clock.Advance(time.Hour)
	if _, err := f.svc.Log(f.ctx, f.rep, lead.ID, record.ActivityInput{Kind: record.Visit}); err != nil {
		t.Fatal(err)
	}

	j, err := f.svc.CustomerJourney(f.ctx, f.rep, customer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{customer.ID, lead.ID}, j.RecordIDs); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"created", "created", "visit"}, entryKinds(j)); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

func TestSubscriberCannotFailTheWrite(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	f.svc.Subscribe(func(context.Context, record.Event) { panic("subscriber bug") })
	var after []record.EventKind
	f.svc.Subscribe(func(_ context.Context, e record.Event) { after = append(after, e.Kind) })

	r := f.submit(f.rep, "lead", validLead())
	if _, err := f.svc.Get(f.ctx, f.rep, r.ID); err != nil {
		t.Fatalf("record written despite a panicking subscriber: %v", err)
	}
	if diff := cmp.Diff([]record.EventKind{record.EventCreated}, after); diff != "" {
		t.Errorf("later subscriber saw (-want +got):\n%s", diff)
	}
}
