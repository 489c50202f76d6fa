package process_test

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"

	"github.com/formworkhq/formwork/designer/process"
)

func itoa(n int) string { return strconv.Itoa(n) }

// FuzzDecodeLint feeds arbitrary JSON through Decode, Lint and Diff: none
// may panic, and a graph compared with itself has no changes.
func FuzzDecodeLint(f *testing.F) {
	for _, name := range []string{"lead_response", "silence_breaker", "lead_response_v2"} {
		raw, err := os.ReadFile("testdata/" + name + ".json")
		if err != nil {
			f.Fatal(err)
		}
		var doc struct{ Graph json.RawMessage }
		if err := json.Unmarshal(raw, &doc); err != nil {
			f.Fatal(err)
		}
		f.Add([]byte(doc.Graph))
	}
	f.Add([]byte(validGraph))
	f.Add([]byte(`{"nodes": [{"id": "a", "kind": "parallel_join"}, {"id": "b",
		"kind": "parallel_split"}], "edges": [{"id": "x", "from": "a", "to": "b"},
		{"id": "y", "from": "b", "to": "a"}, {"id": "z", "from": "b", "to": "b",
		"kind": "boundary", "interrupting": true}]}`))
	f.Add([]byte(`{"nodes": [{"id": "start", "kind": "trigger", "config": {"on":
		"record_created", "form": "lead"}}, {"id": "review", "kind": "create_record",
		"config": {"form": "loss_review", "fields": {"reason": "record.company",
		"lost_amount": "record.amount * 1.0", "reviewed_on": "now"}, "link_field": "lead",
		"owner": {"rule": "round_robin", "team": "east_sales"}}}, {"id": "done",
		"kind": "end"}], "edges": [{"id": "e0", "from": "start", "to": "review"},
		{"id": "e1", "from": "review", "to": "done"}]}`))
	f.Add([]byte(`{"nodes": [{"id": "start", "kind": "trigger", "config": {"on": "schedule",
		"cron": "0 9 1 * *", "form": "lead", "where": "record.amount > 1"}}, {"id": "w",
		"kind": "timer", "config": {"until": "expected_close", "offset": "-4h business"}},
		{"id": "done", "kind": "end"}], "edges": [{"id": "e0", "from": "start", "to": "w"},
		{"id": "e1", "from": "w", "to": "done"}]}`))
	f.Add([]byte(`{"nodes": [{"id": "start", "kind": "trigger", "config": {"on":
		"field_changed", "form": "lead", "fields": ["stage"], "also_on_create": true}}]}`))
	f.Add([]byte(`{"nodes": [{"id": "x", "kind": "create_record", "config": {"form": "",
		"fields": {"": ""}, "link_field": "reason", "owner": {"rule": "role"}}}]}`))

	ctx := testContext()
	f.Fuzz(func(t *testing.T, raw []byte) {
		g, err := process.Decode(raw)
		if err != nil {
			return
		}
		found := process.Lint(g, ctx)
		for _, fd := range found {
			if fd.Code == "" || fd.Pointer == "" {
				t.Fatalf("finding without code or pointer: %+v", fd)
			}
		}
		_ = found.Err()
		if changes := process.Diff(g, g); len(changes) > 0 {
			t.Fatalf("Diff of a graph with itself: %+v", changes)
		}
	})
}
