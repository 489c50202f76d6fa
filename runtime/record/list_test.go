package record_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/runtime/record"
)

func TestList(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	var ids []string // in creation order
	for i, stage := range []string{"new", "contacted", "new", "won", "new"} {
		owner := f.rep
		if i%2 == 1 {
			owner = f.rep2
		}
		data := validLead()
		data["stage"] = stage
		ids = append(ids, f.submit(owner, "lead", data).ID)
		f.clock.Advance(time.Minute)
	}
	start := f.clock.Now().Add(-5 * time.Minute)
	// Activity on the first record makes it the most recently active.
	if _, err := f.svc.Log(f.ctx, f.rep, ids[0], record.ActivityInput{Kind: record.Chat}); err != nil {
		t.Fatal(err)
	}
	f.submit(f.rep, "customer", map[string]any{"name": "Other form"})

	tests := []struct {
		name string
		q    record.Query
		want []string
	}{
		{name: "newest first by default", q: record.Query{Form: "lead"},
			want: []string{ids[4], ids[3], ids[2], ids[1], ids[0]}},
		{name: "by stage", q: record.Query{Form: "lead", Stage: "new", Sort: "created_at"},
			want: []string{ids[0], ids[2], ids[4]}},
		{name: "by owner", q: record.Query{Form: "lead", OwnerID: f.rep2.UserID},
			want: []string{ids[3], ids[1]}},
		{name: "created range", q: record.Query{Form: "lead", Sort: "created_at",
			CreatedFrom: start.Add(time.Minute), CreatedTo: start.Add(3 * time.Minute)},
			want: []string{ids[1], ids[2]}},
		{name: "silent since", q: record.Query{Form: "lead", Sort: "last_activity_at",
			SilentSince: start.Add(3 * time.Minute)},
			want: []string{ids[1], ids[2]}},
		{name: "most recently active first", q: record.Query{Form: "lead",
			Sort: "-last_activity_at", Limit: 2}, want: []string{ids[0], ids[4]}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := f.svc.List(f.ctx, f.rep, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, recordIDs(page.Items)); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
}

func TestListCursor(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	var want []string
	for range 7 {
		want = append(want, f.submit(f.rep, "lead", validLead()).ID) // same instant
	}

	for _, sort := range []string{"created_at", "-updated_at"} {
		var got []string
		q := record.Query{Form: "lead", Sort: sort, Limit: 3}
		for pages := 0; ; pages++ {
			page, err := f.svc.List(f.ctx, f.rep, q)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, recordIDs(page.Items)...)
			if page.NextCursor == "" || pages > 5 {
				break
			}
			q.Cursor = page.NextCursor
		}
		expect := append([]string(nil), want...)
		if sort[0] == '-' {
			expect = reversed(expect)
		}
		if diff := cmp.Diff(expect, got); diff != "" {
			t.Errorf("%s pages (-want +got):\n%s", sort, diff)
		}
	}
}

func TestListRefusesBadQueries(t *testing.T) {
	f := newFixture(t)
	page, _ := f.svc.List(f.ctx, f.rep, record.Query{Form: "lead", Limit: 1})
	now := f.clock.Now()
	_, err := f.svc.List(f.ctx, f.rep, record.Query{Sort: "-company", Limit: 500,
		CreatedFrom: now, CreatedTo: now.Add(-time.Hour), Cursor: "garbage"})
	want := map[string]string{"/sort": "invalid_sort", "/limit": "out_of_range",
		"/created_to": "range_reversed", "/cursor": "invalid_cursor"}
	if diff := cmp.Diff(want, pointers(t, err)); diff != "" {
		t.Errorf("field errors (-want +got):\n%s", diff)
	}
	if page == nil || page.Items == nil {
		t.Errorf("an empty list = %+v, want empty items", page)
	}
}

func recordIDs(recs []*record.Record) []string {
	out := []string{}
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return out
}

func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}
