package record_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/record"
)

func TestLogValidation(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	r := f.submit(f.rep, "lead", validLead())

	tests := []struct {
		name string
		in   record.ActivityInput
		want map[string]string
	}{
		{name: "no kind", in: record.ActivityInput{},
			want: map[string]string{"/kind": "required"}},
		{name: "everything wrong at once", in: record.ActivityInput{Kind: "dance",
			DurationS: 90000, Note: strings.Repeat("很", 2001), Name: "x",
			At: f.clock.Now().Add(time.Hour)},
			want: map[string]string{"/kind": "unknown_kind", "/duration_s": "out_of_range",
				"/note": "too_long", "/name": "not_allowed", "/at": "in_future"}},
		{name: "system kind", in: record.ActivityInput{Kind: record.StageMoved},
			want: map[string]string{"/kind": "reserved_kind"}},
		{name: "external without source or name", in: record.ActivityInput{
			Kind: record.External, ExternalID: "e1"},
			want: map[string]string{"/source": "required", "/name": "required"}},
		{name: "bad source name", in: record.ActivityInput{Kind: record.Call,
			Source: "Call Center!"}, want: map[string]string{"/source": "invalid_name"}},
		{name: "negative duration", in: record.ActivityInput{Kind: record.Call, DurationS: -1},
			want: map[string]string{"/duration_s": "out_of_range"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.Log(f.ctx, f.rep, r.ID, tc.in)
			if diff := cmp.Diff(tc.want, pointers(t, err)); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
	if j, _ := f.svc.Journey(f.ctx, f.rep, r.ID); len(j.Entries) != 1 {
		t.Errorf("refused activities left %d journey entries, want only the creation",
			len(j.Entries))
	}
}

func TestLogMovesLastActivity(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	r := f.submit(f.rep, "lead", validLead())

	f.clock.Advance(2 * time.Hour)
	a, err := f.svc.Log(f.ctx, f.rep, r.ID, record.ActivityInput{Kind: record.Call,
		DurationS: 300, Note: "discussed the pilot"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Get(f.ctx, f.rep, r.ID)
	if !got.LastActivityAt.Equal(f.clock.Now()) || got.Version != 1 {
		t.Errorf("after a call: last activity %v (want %v), version %d (want 1)",
			got.LastActivityAt, f.clock.Now(), got.Version)
	}

	// An activity logged after the fact never moves last_activity_at back.
	_, err = f.svc.Log(f.ctx, f.rep, r.ID, record.ActivityInput{Kind: record.Visit,
		At: f.clock.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = f.svc.Get(f.ctx, f.rep, r.ID)
	if !got.LastActivityAt.Equal(a.At) {
		t.Errorf("backdated visit moved last activity to %v, want %v", got.LastActivityAt, a.At)
	}
	e := f.events.last()
	if e.Kind != record.EventActivity || e.Activity.Kind != record.Visit {
		t.Errorf("last event = %+v, want the visit", e)
	}
}

func TestExternalDedupeAndViewThrottle(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	r := f.submit(f.rep, "lead", validLead())
	ext := record.ActivityInput{Kind: record.External, Source: "website",
		Name: "pricing_page_viewed", ExternalID: "evt-42"}

	first, err := f.svc.Log(f.ctx, f.rep, r.ID, ext)
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	again, err := f.svc.Log(f.ctx, f.rep, r.ID, ext)
	if err != nil || again.ID != first.ID {
		t.Fatalf("second post = %+v, %v; want the first activity back", again, err)
	}

	for range 3 {
		if _, err := f.svc.Open(f.ctx, f.rep, r.ID); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(time.Minute)
	}
	f.clock.Advance(10 * time.Minute)
	if _, err := f.svc.Open(f.ctx, f.rep, r.ID); err != nil {
		t.Fatal(err)
	}

	j, err := f.svc.Journey(f.ctx, f.rep, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"created", "external", "viewed", "viewed"},
		entryKinds(j)); diff != "" {
		t.Errorf("journey kinds (-want +got):\n%s", diff)
	}
}

func TestDeletedRecordRefusesActivity(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	r := f.submit(f.rep, "lead", validLead())
	if err := f.svc.Delete(f.ctx, f.rep, r.ID); err != nil {
		t.Fatal(err)
	}
	events := len(f.events.kinds())

	_, err := f.svc.Log(f.ctx, f.rep, r.ID, record.ActivityInput{Kind: record.Call})
	if kindOf(err) != problem.Conflict {
		t.Fatalf("activity on a deleted record: %v, want a Conflict", err)
	}
	n, err := f.store.Scope("tenant_a").C(record.ActivitiesCollection).Count(f.ctx, nil)
	if err != nil || n != 0 {
		t.Errorf("activities stored = %d, %v; want none", n, err)
	}
	if len(f.events.kinds()) != events {
		t.Errorf("a refused activity was announced")
	}
	if _, err := f.svc.Log(f.ctx, f.other, r.ID,
		record.ActivityInput{Kind: record.Call}); kindOf(err) != problem.NotFound {
		t.Errorf("another tenant's activity: %v, want NotFound", err)
	}
}

func entryKinds(j *record.Journey) []string {
	out := []string{}
	for _, e := range j.Entries {
		out = append(out, e.Kind)
	}
	return out
}
