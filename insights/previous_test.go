package insights_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/runtime/record"
)

// TestEventsCarryThePreviousRecord: a change, an assignment and a
// deletion carry the record as it was before the write; a creation and
// an activity carry none.
func TestEventsCarryThePreviousRecord(t *testing.T) {
	f := newFixture(t)
	f.setup()
	r := f.submit(f.reps[0], map[string]any{"company": "Acme", "stage": "new"})
	r, err := f.records.Update(f.ctx, f.admin, r.ID, r.Version, map[string]any{"stage": "won"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.records.Assign(f.ctx, f.admin, r.ID, f.reps[1].UserID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.records.Log(f.ctx, f.reps[1], r.ID,
		record.ActivityInput{Kind: record.Call}); err != nil {
		t.Fatal(err)
	}
	if err := f.records.Delete(f.ctx, f.admin, r.ID); err != nil {
		t.Fatal(err)
	}

	type seen struct {
		Kind           record.EventKind
		Version        int64
		Stage, Owner   string
		PreviousStage  string
		PreviousOwner  string
		PreviousVer    int64
		PreviousLacked bool
	}
	var got []seen
	for _, e := range f.events.list {
		s := seen{Kind: e.Kind, Version: e.Record.Version, Stage: e.Record.Stage,
			Owner: e.Record.OwnerID, PreviousLacked: e.Previous == nil}
		if p := e.Previous; p != nil {
			s.PreviousStage, s.PreviousOwner, s.PreviousVer = p.Stage, p.OwnerID, p.Version
		}
		got = append(got, s)
	}
	wang, li := f.reps[0].UserID, f.reps[1].UserID
	want := []seen{
		{Kind: record.EventCreated, Version: 1, Stage: "new", Owner: wang, PreviousLacked: true},
		{Kind: record.EventChanged, Version: 2, Stage: "won", Owner: wang,
			PreviousStage: "new", PreviousOwner: wang, PreviousVer: 1},
		{Kind: record.EventAssigned, Version: 3, Stage: "won", Owner: li,
			PreviousStage: "won", PreviousOwner: wang, PreviousVer: 2},
		{Kind: record.EventActivity, Version: 3, Stage: "won", Owner: li, PreviousLacked: true},
		{Kind: record.EventDeleted, Version: 4, Stage: "won", Owner: li,
			PreviousStage: "won", PreviousOwner: li, PreviousVer: 3},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

// TestMetricPublishedAfterItsRecords: a dashboard published after records
// exist counts each record from its next write on (never below zero), and
// a rebuild counts them all.
func TestMetricPublishedAfterItsRecords(t *testing.T) {
	f := newFixture(t)
	f.publish(designer.KindForm, "lead", leadForm())
	var recs []*record.Record
	for range 3 {
		recs = append(recs, f.submit(f.reps[0], map[string]any{"company": "Acme",
			"stage": "new"}))
	}
	dash := f.publish(designer.KindDashboard, "leads", leadDashboard())
	f.clock.Advance(1)
	for _, r := range recs[:2] {
		if _, err := f.records.Update(f.ctx, f.admin, r.ID, r.Version,
			map[string]any{"stage": "won"}); err != nil {
			t.Fatal(err)
		}
	}
	count := func() float64 {
		w, err := f.svc.Widget(f.ctx, f.admin, dash+".leads", insights.Query{})
		if err != nil {
			t.Fatal(err)
		}
		return *w.Value
	}
	leads := count()
	if leads != 2 {
		t.Errorf("leads before a rebuild = %v, want the 2 written since", leads)
	}
	if _, err := f.svc.Rebuild(f.ctx, tenant, dash+".leads"); err != nil {
		t.Fatal(err)
	}
	if leads = count(); leads != 3 {
		t.Errorf("leads after a rebuild = %v, want 3", leads)
	}
	r, err := f.records.Update(f.ctx, f.admin, recs[2].ID, recs[2].Version,
		map[string]any{"stage": "contacted"})
	if err != nil {
		t.Fatal(err)
	}
	if leads = count(); leads != 3 || r.Stage != "contacted" {
		t.Errorf("leads after a change following the rebuild = %v, want 3", leads)
	}
}
