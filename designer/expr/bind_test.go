package expr_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/expr"
)

// stage is a named string type, as a caller's own enum might be.
type stage string

func TestZeroValues(t *testing.T) {
	env := mustEnv(t, []expr.Var{
		{Name: "name", Type: expr.String},
		{Name: "count", Type: expr.Int},
		{Name: "amount", Type: expr.Number},
		{Name: "vip", Type: expr.Bool},
		{Name: "due", Type: expr.Timestamp},
		{Name: "wait", Type: expr.Duration},
		{Name: "tags", Type: expr.ListOf(expr.String)},
		{Name: "extra", Type: expr.MapOf(expr.String)},
		{Name: "record.owner", Type: expr.String},
	})
	runEval(t, env, []evalCase{
		{"text is empty", `name == "" && size(name) == 0`, nil, true},
		{"int is 0", `count == 0`, nil, true},
		{"number is 0", `amount == 0.0 && amount < 1`, nil, true},
		{"bool is false", `!vip`, nil, true},
		{"timestamp is the zero time", `due == timestamp("0001-01-01T00:00:00Z")`, nil, true},
		{"duration is 0", `wait == duration("0s")`, nil, true},
		{"list is empty", `size(tags) == 0 && !tags.exists(t, t == "vip")`, nil, true},
		{"map is empty", `size(extra) == 0 && !("k" in extra)`, nil, true},
		{"qualified name", `record.owner == ""`, nil, true},
		{"null counts as absent", `amount == 0.0`, map[string]any{"amount": nil}, true},
	})
}

func TestBindCoercion(t *testing.T) {
	env := mustEnv(t, []expr.Var{
		{Name: "count", Type: expr.Int},
		{Name: "amount", Type: expr.Number},
		{Name: "stage", Type: expr.String},
		{Name: "due", Type: expr.Timestamp},
		{Name: "wait", Type: expr.Duration},
		{Name: "scores", Type: expr.ListOf(expr.Number)},
		{Name: "limits", Type: expr.MapOf(expr.Number)},
		{Name: "record", Type: expr.MapOf(expr.Dyn)},
	})
	tests := []struct {
		name string
		in   map[string]any
		want map[string]any
	}{
		{"JSON numbers", map[string]any{"count": 3.0, "amount": json.Number("12.5")},
			map[string]any{"count": int64(3), "amount": 12.5}},
		{"json.Number int", map[string]any{"count": json.Number("7")},
			map[string]any{"count": int64(7)}},
		{"Go ints", map[string]any{"count": 3, "amount": int64(4)},
			map[string]any{"count": int64(3), "amount": 4.0}},
		{"named string", map[string]any{"stage": stage("won")}, map[string]any{"stage": "won"}},
		{"date without offset is in the zone", map[string]any{"due": "2026-02-20"},
			map[string]any{"due": sh("2026-02-20 00:00")}},
		{"local date-time is in the zone", map[string]any{"due": "2026-02-20T09:30"},
			map[string]any{"due": sh("2026-02-20 09:30")}},
		{"RFC 3339 keeps its offset", map[string]any{"due": "2026-02-20T01:30:00Z"},
			map[string]any{"due": sh("2026-02-20 09:30")}},
		{"Go and calendar durations", map[string]any{"wait": "1h30m"},
			map[string]any{"wait": 90 * time.Minute}},
		{"calendar days", map[string]any{"wait": "2d"}, map[string]any{"wait": 48 * time.Hour}},
		{"typed slices", map[string]any{"scores": []int{1, 2}},
			map[string]any{"scores": []any{1.0, 2.0}}},
		{"map values", map[string]any{"limits": map[string]any{"a": json.Number("1")}},
			map[string]any{"limits": map[string]any{"a": 1.0}}},
		{"dyn JSON numbers", map[string]any{"record": map[string]any{
			"lines": []any{map[string]any{"n": json.Number("2")}}}},
			map[string]any{"record": map[string]any{
				"lines": []any{map[string]any{"n": 2.0}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := env.Bind(tt.in)
			if err != nil {
				t.Fatalf("Bind: %v", err)
			}
			for k := range got {
				if _, ok := tt.want[k]; !ok {
					delete(got, k)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Bind (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBindRefusals(t *testing.T) {
	env := mustEnv(t, []expr.Var{
		{Name: "count", Type: expr.Int},
		{Name: "stage", Type: expr.String},
		{Name: "vip", Type: expr.Bool},
		{Name: "due", Type: expr.Timestamp},
		{Name: "wait", Type: expr.Duration},
		{Name: "scores", Type: expr.ListOf(expr.Number)},
	})
	tests := []struct {
		name string
		in   map[string]any
		bad  string
	}{
		{"fraction for an int", map[string]any{"count": 1.5}, "count"},
		{"number for text", map[string]any{"stage": 3.0}, "stage"},
		{"text for a bool", map[string]any{"vip": "yes"}, "vip"},
		{"unreadable date", map[string]any{"due": "20/02/2026"}, "due"},
		{"business duration", map[string]any{"wait": "2h business"}, "wait"},
		{"object for a list", map[string]any{"scores": map[string]any{}}, "scores"},
		{"text in a number list", map[string]any{"scores": []any{1.0, "x"}}, "scores"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := env.Bind(tt.in)
			e, ok := err.(*expr.Error)
			if !ok || e.Code != expr.CodeBadValue || e.Params["name"] != tt.bad {
				t.Errorf("Bind(%v) = %v, want bad_value naming %q", tt.in, err, tt.bad)
			}
		})
	}
}
