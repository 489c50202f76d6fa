package plugins_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
)

func TestPullMapsAndUpserts(t *testing.T) {
	s, c, v, _ := crmService(t)
	c.records = []map[string]any{
		{"AccountNo": "A1", "Name": "East", "Extra": "ignored"},
		{"AccountNo": "A2", "Name": "bad"},
		{"AccountNo": "A3", "Name": nil},
	}
	up := &upserts{}
	in := plugins.PullInput{Form: "accounts", KeyField: "account_no", Limit: 3}

	res, err := s.Pull(context.Background(), admin("t1"), v.ID, in, up)
	if err != nil {
		t.Fatal(err)
	}
	wantRows := []map[string]any{{"account_no": "A1", "name": "East"},
		{"account_no": "A2", "name": "bad"}, {"account_no": "A3"}}
	if diff := cmp.Diff(wantRows, up.rows); diff != "" {
		t.Errorf("upserted rows (-want +got):\n%s", diff)
	}
	if res.Created != 2 || res.Failed != 1 || res.Pulled != 3 || res.Next != "after-" {
		t.Errorf("result = %+v", res)
	}
	if res.Rows[1].Status != plugins.RowFailed || res.Rows[1].Error["en"] == "" ||
		res.Rows[1].Error["zh-CN"] == "" {
		t.Errorf("failed row = %+v", res.Rows[1])
	}

	in.Cursor = res.Next
	res, err = s.Pull(context.Background(), admin("t1"), v.ID, in, up)
	if err != nil || res.Unchanged != 2 {
		t.Errorf("second pull = %+v, %v; want two unchanged", res, err)
	}
}

func TestPullRefusals(t *testing.T) {
	s, c, v, _ := crmService(t)
	ok := plugins.PullInput{Form: "accounts", KeyField: "account_no"}
	tests := []struct {
		name    string
		tenant  string
		in      plugins.PullInput
		kind    problem.Kind
		pointer string
	}{
		{"other tenant", "t2", ok, problem.NotFound, ""},
		{"no form", "t1", plugins.PullInput{KeyField: "account_no"}, problem.Invalid, "/form"},
		{"limit", "t1", plugins.PullInput{Form: "a", KeyField: "account_no", Limit: 2001},
			problem.Invalid, "/limit"},
		{"unknown object", "t1", plugins.PullInput{Form: "a", KeyField: "account_no",
			Object: "invoice"}, problem.Invalid, "/object"},
		{"key not mapped", "t1", plugins.PullInput{Form: "a", KeyField: "email"},
			problem.Invalid, "/key_field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Pull(context.Background(), admin(tt.tenant), v.ID, tt.in, &upserts{})
			pe, isProblem := problem.As(err)
			if !isProblem || pe.Kind != tt.kind {
				t.Fatalf("err = %v, want kind %v", err, tt.kind)
			}
			if tt.pointer != "" && (len(pe.Fields) == 0 || pe.Fields[0].Pointer != tt.pointer) {
				t.Errorf("fields = %+v, want %s", pe.Fields, tt.pointer)
			}
		})
	}
	if c.lastSettings() != nil {
		t.Error("a refused pull called the connector")
	}

	c.fail = retryable
	_, err := s.Pull(context.Background(), admin("t1"), v.ID, ok, &upserts{})
	pe, _ := problem.As(err)
	if pe == nil || pe.Kind != problem.Unavailable || strings.Contains(err.Error(), crmToken) {
		t.Errorf("vendor failure = %v, want 503 without the secret", err)
	}
}

func TestPushMapsThroughFieldMap(t *testing.T) {
	s, _, _, _ := crmService(t)
	id, err := s.Push(context.Background(), "t1", "crm_main", "account",
		map[string]any{"account_no": "A9", "name": "North", "other": 1})
	if err != nil || id != "ext-A9" {
		t.Errorf("push = %q, %v", id, err)
	}
}

// FuzzFieldMap reads field maps from arbitrary settings: it never panics,
// and a mapped record holds only form fields the map names.
func FuzzFieldMap(f *testing.F) {
	f.Add(`{"field_map": {"account": {"AccountNo": "account_no", "Name": "name"}}}`,
		`{"AccountNo": "A1", "Name": null, "Other": 1}`)
	f.Add(`{"field_map": {"account": {"X": 1}}}`, `{"X": 2}`)
	f.Add(`{"field_map": []}`, `[]`)
	f.Fuzz(func(t *testing.T, settings, record string) {
		var s, rec map[string]any
		_ = json.Unmarshal([]byte(settings), &s)
		_ = json.Unmarshal([]byte(record), &rec)
		fm := plugins.FieldMapOf(s, "account")
		targets := map[string]bool{}
		for _, field := range fm {
			targets[field] = true
		}
		for field, v := range fm.ToForm(rec) {
			if !targets[field] || v == nil {
				t.Fatalf("mapped %q = %v, not a non-null value of the map %v", field, v, fm)
			}
		}
	})
}
