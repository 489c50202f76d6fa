package insights_test

import (
	"net/url"
	"slices"
	"testing"

	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/problem"
)

// FuzzParseQuery feeds arbitrary query strings to the parser: it must
// answer a query or a problem document, never panic, and a query it
// accepts keeps its promises (a range that is not reversed, bounded top,
// known buckets, non-empty filters).
func FuzzParseQuery(f *testing.F) {
	for _, seed := range []string{"", "from=2026-12-01&to=2026-12-31",
		"owner=u1,u2&region=east", "group_by=owner,stage&bucket=week&top=10",
		"from=2026-12-01T08:00:00%2B08:00", "top=-1", "bucket=period", "%zz", "a=&b=,,",
		"from=9999-12-31&to=0001-01-01", "Owner=x", "stage=" + string(make([]byte, 300))} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := insights.ParseQuery(v, nil)
		if err != nil {
			if _, ok := problem.As(err); !ok {
				t.Fatalf("ParseQuery(%q) = %v, not a problem", raw, err)
			}
			return
		}
		if !q.From.IsZero() && !q.To.IsZero() && !q.To.After(q.From) {
			t.Fatalf("ParseQuery(%q) accepted a reversed range", raw)
		}
		if q.Top < 0 || q.Top > 100 {
			t.Fatalf("ParseQuery(%q) accepted top %d", raw, q.Top)
		}
		for dim, vals := range q.Filters {
			if len(vals) == 0 || dim == "" {
				t.Fatalf("ParseQuery(%q) kept an empty filter %q", raw, dim)
			}
		}
		if q.Bucket != "" && !slices.Contains([]string{"day", "week", "month", "period"},
			q.Bucket) {
			t.Fatalf("ParseQuery(%q) accepted bucket %q", raw, q.Bucket)
		}
	})
}
