package record_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/record"
)

func TestSubmit(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	customer := f.submit(f.rep, "customer", map[string]any{"name": "Acme Group"})
	if _, _, err := f.designer.Create(f.ctx, f.impl, "form",
		metaOf("never"), raw(t, customerForm())); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		in   record.SubmitInput
		want map[string]string // pointer → code; nil means accepted
	}{
		{name: "valid", in: record.SubmitInput{Form: "lead", Data: raw(t, map[string]any{
			"company": "Acme", "budget_cycle": "annual", "pain_level": "high",
			"customer": customer.ID, "rep": f.rep2.UserID})}},
		{name: "every failing field listed", in: record.SubmitInput{Form: "lead",
			Data: raw(t, map[string]any{"company": "A", "stage": "lost",
				"customer": "01jd3k6x0f7m9r2t4v6w8y0z1a", "rep": f.disabled})},
			want: map[string]string{"/company": "min_length", "/budget_cycle": "required",
				"/pain_level": "required", "/stage": "enum", "/customer": "unknown_record",
				"/rep": "unknown_user"}},
		{name: "no form, no data", in: record.SubmitInput{},
			want: map[string]string{"/form": "required", "/data": "required"}},
		{name: "unknown form", in: record.SubmitInput{Form: "nope", Data: raw(t, validLead())},
			want: map[string]string{"/form": "unknown_form"}},
		{name: "never published", in: record.SubmitInput{Form: "never",
			Data: raw(t, validLead())}, want: map[string]string{"/form": "form_not_published"}},
		{name: "owner of another tenant", in: record.SubmitInput{Form: "lead",
			Data: raw(t, validLead()), OwnerID: f.other.UserID},
			want: map[string]string{"/owner_id": "unknown_user"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := f.svc.Submit(f.ctx, f.rep, tc.in)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if r.Form != "lead" || r.FormVersion != 1 || r.OwnerID != f.rep.UserID ||
					r.Version != 1 {
					t.Fatalf("record = %+v", r)
				}
				return
			}
			if diff := cmp.Diff(tc.want, pointers(t, err)); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSubmitShape(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	r := f.submit(f.rep, "lead", validLead())

	var got map[string]any
	if err := json.Unmarshal(raw(t, r), &got); err != nil {
		t.Fatal(err)
	}
	keys := []string{}
	for k := range got {
		keys = append(keys, k)
	}
	want := []string{"created_at", "data", "form", "form_version", "id", "last_activity_at",
		"owner_id", "stage", "updated_at", "version"}
	if diff := cmp.Diff(want, keys, sortStrings); diff != "" {
		t.Errorf("JSON keys (-want +got):\n%s", diff)
	}
	if got["stage"] != "new" {
		t.Errorf("stage = %v, want the data's stage mirrored", got["stage"])
	}
	if diff := cmp.Diff([]record.EventKind{record.EventCreated}, f.events.kinds()); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestSubmitByFormID(t *testing.T) {
	f := newFixture(t)
	f.publish("customer", customerForm())
	id := f.publish("lead", leadForm(false))

	r, err := f.svc.Submit(f.ctx, f.rep, record.SubmitInput{Form: id, Data: raw(t, validLead())})
	if err != nil {
		t.Fatal(err)
	}
	if r.Form != "lead" || r.FormID != id {
		t.Errorf("record form = %q (%s), want lead (%s)", r.Form, r.FormID, id)
	}
}

func TestPinnedVersionSurvivesPublish(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	old := f.submit(f.rep, "lead", validLead())

	f.publish("lead", leadForm(true)) // version 2 adds "note"
	fresh := f.submit(f.rep, "lead", map[string]any{"company": "Beta", "budget_cycle": "monthly",
		"pain_level": "low", "note": "met at the fair"})
	if fresh.FormVersion != 2 {
		t.Fatalf("new record pins version %d, want 2", fresh.FormVersion)
	}

	_, err := f.svc.Update(f.ctx, f.rep, old.ID, old.Version, map[string]any{"note": "x"})
	if diff := cmp.Diff(map[string]string{"/note": "unknown_field"},
		pointers(t, err)); diff != "" {
		t.Errorf("old record validated against its pinned version (-want +got):\n%s", diff)
	}
	got, err := f.svc.Get(f.ctx, f.rep, old.ID)
	if err != nil || got.FormVersion != 1 {
		t.Fatalf("old record = %+v, %v; want it still on version 1", got, err)
	}
}

func TestUpdate(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	r := f.submit(f.rep, "lead", validLead())

	got, err := f.svc.Update(f.ctx, f.rep2, r.ID, 1, map[string]any{"stage": "contacted",
		"amount": 1200, "pain_level": nil})
	if diff := cmp.Diff(map[string]string{"/pain_level": "required"},
		pointers(t, err)); diff != "" {
		t.Errorf("update re-validates the merged data (-want +got):\n%s", diff)
	}

	f.clock.Advance(60_000_000_000)
	got, err = f.svc.Update(f.ctx, f.rep2, r.ID, 1, map[string]any{"stage": "contacted",
		"amount": 1200})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"company": "Acme", "budget_cycle": "annual", "pain_level": "high",
		"stage": "contacted", "amount": float64(1200)}
	if diff := cmp.Diff(want, got.Data); diff != "" {
		t.Errorf("merged data (-want +got):\n%s", diff)
	}
	if got.Version != 2 || got.Stage != "contacted" || !got.LastActivityAt.Equal(f.clock.Now()) {
		t.Errorf("after update: version %d, stage %q, last activity %v", got.Version, got.Stage,
			got.LastActivityAt)
	}
	stored, _ := f.svc.Get(f.ctx, f.rep, r.ID)
	if diff := cmp.Diff(got, stored); diff != "" {
		t.Errorf("stored record (-returned +stored):\n%s", diff)
	}
	e := f.events.last()
	if diff := cmp.Diff([]string{"amount", "stage"}, e.Changed); diff != "" ||
		e.Kind != record.EventChanged {
		t.Errorf("changed event %s (-want +got):\n%s", e.Kind, diff)
	}

	_, err = f.svc.Update(f.ctx, f.rep, r.ID, 1, map[string]any{"amount": 5})
	if kindOf(err) != problem.Conflict {
		t.Errorf("stale update: %v, want a Conflict", err)
	}
	same, err := f.svc.Update(f.ctx, f.rep, r.ID, 2, map[string]any{"amount": 1200.0})
	if err != nil || same.Version != 2 {
		t.Errorf("update changing nothing = %+v, %v; want version 2 untouched", same, err)
	}
}

func TestAssign(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	r := f.submit(f.rep, "lead", validLead())

	tests := []struct {
		name      string
		owner     string
		wantOwner string
		wantKind  problem.Kind
	}{
		{name: "to a colleague", owner: f.rep2.UserID, wantOwner: f.rep2.UserID, wantKind: -1},
		{name: "to the same owner again", owner: f.rep2.UserID, wantOwner: f.rep2.UserID,
			wantKind: -1},
		{name: "to a disabled user", owner: f.disabled, wantKind: problem.Invalid},
		{name: "to a user of another tenant", owner: f.other.UserID, wantKind: problem.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.svc.Assign(f.ctx, f.impl, r.ID, tc.owner)
			if kindOf(err) != tc.wantKind {
				t.Fatalf("err = %v, want kind %d", err, tc.wantKind)
			}
			if err == nil && got.OwnerID != tc.wantOwner {
				t.Errorf("owner = %s, want %s", got.OwnerID, tc.wantOwner)
			}
		})
	}
	got, _ := f.svc.Get(f.ctx, f.rep, r.ID)
	if got.Version != 2 {
		t.Errorf("version after one real assignment = %d, want 2", got.Version)
	}
}

func TestDeleteAndTenantIsolation(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	r := f.submit(f.rep, "lead", validLead())

	if _, err := f.svc.Get(f.ctx, f.other, r.ID); kindOf(err) != problem.NotFound {
		t.Errorf("another tenant's Get: %v, want NotFound", err)
	}
	if _, err := f.svc.Update(f.ctx, f.other, r.ID, 1,
		map[string]any{"amount": 1}); kindOf(err) != problem.NotFound {
		t.Errorf("another tenant's Update: %v, want NotFound", err)
	}
	if err := f.svc.Delete(f.ctx, f.other, r.ID); kindOf(err) != problem.NotFound {
		t.Errorf("another tenant's Delete: %v, want NotFound", err)
	}
	if _, err := f.svc.Journey(f.ctx, f.other, r.ID); kindOf(err) != problem.NotFound {
		t.Errorf("another tenant's Journey: %v, want NotFound", err)
	}

	if err := f.svc.Delete(f.ctx, f.rep, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Get(f.ctx, f.rep, r.ID); kindOf(err) != problem.NotFound {
		t.Errorf("Get after delete: %v, want NotFound", err)
	}
	if err := f.svc.Delete(f.ctx, f.rep, r.ID); kindOf(err) != problem.NotFound {
		t.Errorf("second Delete: %v, want NotFound", err)
	}
	if f.events.last().Kind != record.EventDeleted {
		t.Errorf("last event = %s, want deleted", f.events.last().Kind)
	}
}
