package record_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/runtime/record"
)

// TestListSearch finds customers by the well-known keys, in any case,
// takes the text literally, pages with a cursor and stays in the tenant.
func TestListSearch(t *testing.T) {
	f := newFixture(t)
	f.publishBoth()
	lead := func(company string) string {
		data := validLead()
		data["company"] = company
		return f.submit(f.rep, "lead", data).ID
	}
	acme, acmeCN := lead("Acme Trading"), lead("ACME 杭州分公司")
	dots := lead("A.C.M.E Holdings")
	globex := lead("Globex")

	tests := []struct {
		name string
		q    record.Query
		want []string
	}{
		{name: "any case, anywhere in the value", q: record.Query{Search: " acme ",
			Sort: "created_at"}, want: []string{acme, acmeCN}},
		{name: "Chinese text", q: record.Query{Search: "杭州"}, want: []string{acmeCN}},
		{name: "a dot is a dot", q: record.Query{Search: "a.c", Sort: "created_at"},
			want: []string{dots}},
		{name: "regex syntax is text", q: record.Query{Search: "acme.*|glob"},
			want: []string{}},
		{name: "by id list", q: record.Query{IDs: []string{dots, globex},
			Sort: "created_at"}, want: []string{dots, globex}},
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

	q := record.Query{Search: "a", Sort: "created_at", Limit: 2}
	first, err := f.svc.List(f.ctx, f.rep, q)
	if err != nil || first.NextCursor == "" {
		t.Fatalf("first page = %+v, %v", first, err)
	}
	q.Cursor = first.NextCursor
	second, err := f.svc.List(f.ctx, f.rep, q)
	if err != nil {
		t.Fatal(err)
	}
	got := append(recordIDs(first.Items), recordIDs(second.Items)...)
	if diff := cmp.Diff([]string{acme, acmeCN, dots}, got); diff != "" {
		t.Errorf("paged search (-want +got):\n%s", diff)
	}

	theirs, err := f.svc.List(f.ctx, f.other, record.Query{Search: "acme"})
	if err != nil || len(theirs.Items) != 0 {
		t.Errorf("another tenant's search = %+v, %v", theirs, err)
	}
}

func TestListSearchRefusesBadText(t *testing.T) {
	f := newFixture(t)
	long := make([]rune, record.MaxSearchLen+1)
	for i := range long {
		long[i] = '客'
	}
	tests := []struct {
		name string
		q    record.Query
		want map[string]string
	}{
		{name: "too long", q: record.Query{Search: string(long)},
			want: map[string]string{"/q": "too_long"}},
		{name: "control character", q: record.Query{Search: "acme\x00"},
			want: map[string]string{"/q": "search_control"}},
		{name: "not UTF-8", q: record.Query{Search: "\xff\xfe"},
			want: map[string]string{"/q": "search_control"}},
		{name: "bad id", q: record.Query{IDs: []string{"../x"}},
			want: map[string]string{"/ids": "invalid_id"}},
		{name: "too many ids", q: record.Query{IDs: make([]string, record.MaxIDs+1)},
			want: map[string]string{"/ids": "too_many_ids"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.List(f.ctx, f.rep, tc.q)
			if diff := cmp.Diff(tc.want, pointers(t, err)); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

// BenchmarkListSearch measures one page of a customer search over 500
// leads on the test store, beside the same page without a search.
func BenchmarkListSearch(b *testing.B) {
	f := newFixture(b)
	f.publishBoth()
	for i := range 500 {
		data := validLead()
		data["company"] = fmt.Sprintf("Company %04d Trading", i)
		f.submit(f.rep, "lead", data)
	}
	for name, q := range map[string]record.Query{
		"list":          {Form: "lead", Limit: 50},
		"search_many":   {Form: "lead", Search: "trading", Limit: 50},
		"search_one":    {Form: "lead", Search: "company 0499", Limit: 50},
		"search_absent": {Form: "lead", Search: "globex", Limit: 50},
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := f.svc.List(f.ctx, f.rep, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
