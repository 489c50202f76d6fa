package process_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// refusal summarises a decode error as its kind and "pointer code" fields.
func refusal(t *testing.T, err error) (problem.Kind, []string) {
	t.Helper()
	pe, ok := problem.As(err)
	if !ok {
		t.Fatalf("error %v is not a *problem.Error", err)
	}
	fields := []string{}
	for _, f := range pe.Fields {
		fields = append(fields, f.Pointer+" "+f.Code)
		for _, l := range i18n.Locales {
			if msg := f.Message(l); msg == "" || strings.HasPrefix(msg, "field.") {
				t.Errorf("%s %s has no %s message: %q", f.Pointer, f.Code, l, msg)
			}
		}
	}
	return pe.Kind, fields
}

const validGraph = `{"nodes": [
	{"id": "start", "kind": "trigger", "position": {"x": 0, "y": 0},
	 "config": {"on": "record_created", "form": "lead"}},
	{"id": "call", "kind": "user_task", "position": {"x": 1, "y": 0},
	 "config": {"assignee": {"rule": "owner"}, "due": "2h"}},
	{"id": "done", "kind": "end", "position": {"x": 2, "y": 0}}],
 "edges": [{"id": "e0", "from": "start", "to": "call"},
	{"id": "e1", "from": "call", "to": "done", "kind": "normal"}]}`

func TestDecode(t *testing.T) {
	g, err := process.Decode(json.RawMessage(validGraph))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if diff := cmp.Diff([]string{}, summary(process.Lint(g, testContext()))); diff != "" {
		t.Errorf("Lint of decoded graph (-want +got):\n%s", diff)
	}

	task, ok := process.ConfigAs[*process.UserTaskConfig](g.Nodes[1])
	if !ok || task.Due != "2h" || task.Assignee.Rule != process.AssignOwner {
		t.Errorf("task config = %+v, %v", task, ok)
	}
	if _, ok := process.ConfigAs[*process.EndConfig](g.Nodes[2]); !ok {
		t.Errorf("end node without config got %T, want *EndConfig", g.Nodes[2].Config)
	}
	if g.Edges[0].Kind != process.EdgeNormal {
		t.Errorf("edge without kind decoded as %q, want normal", g.Edges[0].Kind)
	}
}

// node0 replaces the first node of validGraph.
func node0(s string) string {
	start := strings.Index(validGraph, `{"id": "start"`)
	endAt := strings.Index(validGraph, `{"id": "call"`)
	return validGraph[:start] + s + ",\n\t" + validGraph[endAt:]
}

func TestDecodeRefusals(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		kind   problem.Kind
		fields []string
	}{
		{"malformed", `{"nodes": [`, problem.BadRequest, []string{}},
		{"trailing data", `{} {}`, problem.BadRequest, []string{}},
		{"empty", "  ", problem.BadRequest, []string{}},
		{"not an object", `[]`, problem.Invalid, []string{" wrong_type"}},
		{"unknown top key", `{"nodes": [], "layout": {}}`, problem.Invalid,
			[]string{"/layout unknown"}},
		{"unknown node key", node0(`{"id": "start", "kind": "end", "colour": "red"}`),
			problem.Invalid, []string{"/nodes/0/colour unknown"}},
		{"unknown config key", node0(`{"id": "start", "kind": "trigger",
			"config": {"on": "manual", "when": "now"}}`),
			problem.Invalid, []string{"/nodes/0/config/when unknown"}},
		{"config of another kind", node0(`{"id": "start", "kind": "end",
			"config": {"on": "manual"}}`),
			problem.Invalid, []string{"/nodes/0/config/on unknown"}},
		{"unknown kind", node0(`{"id": "start", "kind": "robot", "config": {"x": 1}}`),
			problem.Invalid, []string{"/nodes/0/kind unknown_node_kind"}},
		{"missing kind", node0(`{"id": "start"}`), problem.Invalid,
			[]string{"/nodes/0/kind required"}},
		{"wrong types", node0(`{"id": 7, "kind": "end", "position": {"x": "left", "y": 0}}`),
			problem.Invalid, []string{"/nodes/0/id wrong_type", "/nodes/0/position/x wrong_type"}},
		{"unknown locale", node0(`{"id": "start", "kind": "end", "name": {"fr": "Début"}}`),
			problem.Invalid, []string{"/nodes/0/name/fr invalid_locale"}},
		{"points of the wrong type", node0(`{"id": "start", "kind": "award_points",
			"config": {"points": true}}`),
			problem.Invalid, []string{"/nodes/0/config/points points_type"}},
		{"points as an expression", node0(`{"id": "start", "kind": "award_points",
			"config": {"points": "record.visits * 2", "levels": 1}}`),
			problem.Invalid, []string{"/nodes/0/config/levels unknown"}},
		{"operator-like map key", node0(`{"id": "start", "kind": "set_fields",
			"config": {"assignments": {"$set": "1", "a.b": "2", "ok": 3}}}`),
			problem.Invalid, []string{"/nodes/0/config/assignments/$set invalid_key",
				"/nodes/0/config/assignments/a.b invalid_key",
				"/nodes/0/config/assignments/ok wrong_type"}},
		{"fractional levels", node0(`{"id": "start", "kind": "notify",
			"config": {"recipients": [{"kind": "owner_manager", "levels": 1.5}]}}`),
			problem.Invalid, []string{"/nodes/0/config/recipients/0/levels wrong_type"}},
		{"edge of the wrong shape", `{"edges": [{"id": "e", "from": ["a"], "default": "yes"}]}`,
			problem.Invalid, []string{"/edges/0/default wrong_type", "/edges/0/from wrong_type"}},
		{"too large", `{"nodes": [], "pad": "` + strings.Repeat("x", process.MaxGraphBytes) + `"}`,
			problem.TooLarge, []string{}},
		{"too many nodes", manyNodes(process.MaxNodes + 1), problem.Invalid,
			[]string{"/nodes too_many_nodes"}},
		{"too many edges", manyEdges(process.MaxEdges + 1), problem.Invalid,
			[]string{"/edges too_many_edges"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := process.Decode(json.RawMessage(tt.raw))
			if err == nil {
				t.Fatal("Decode accepted it")
			}
			kind, fields := refusal(t, err)
			if kind != tt.kind {
				t.Errorf("kind = %v, want %v", kind, tt.kind)
			}
			if diff := cmp.Diff(tt.fields, fields); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

func manyNodes(n int) string {
	nodes := make([]string, n)
	for i := range nodes {
		nodes[i] = fmt.Sprintf(`{"id": "n%d", "kind": "end"}`, i)
	}
	return `{"nodes": [` + strings.Join(nodes, ",") + `]}`
}

func manyEdges(n int) string {
	edges := make([]string, n)
	for i := range edges {
		edges[i] = fmt.Sprintf(`{"id": "e%d", "from": "a", "to": "b"}`, i)
	}
	return `{"edges": [` + strings.Join(edges, ",") + `]}`
}

func TestDecodeLimitsAccepted(t *testing.T) {
	if _, err := process.Decode(json.RawMessage(manyNodes(process.MaxNodes))); err != nil {
		t.Errorf("Decode of %d nodes: %v", process.MaxNodes, err)
	}
	if _, err := process.Decode(json.RawMessage(manyEdges(process.MaxEdges))); err != nil {
		t.Errorf("Decode of %d edges: %v", process.MaxEdges, err)
	}
}

func TestDecodeProcessPointers(t *testing.T) {
	raw := `{"key": "p", "name": {"en": "P"}, "graph": ` + node0(`{"id": "start",
		"kind": "end", "colour": "red"}`) + `, "owner": "me"}`
	_, err := process.DecodeProcess(json.RawMessage(raw))
	_, fields := refusal(t, err)
	want := []string{"/graph/nodes/0/colour unknown", "/owner unknown"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("field errors (-want +got):\n%s", diff)
	}
}

// TestNodeUnmarshalLenient reads stored JSON: unknown keys pass, unknown
// kinds do not.
func TestNodeUnmarshalLenient(t *testing.T) {
	var n process.Node
	err := json.Unmarshal([]byte(`{"id": "a", "kind": "timer", "legacy": 1,
		"config": {"duration": "1h", "old": true}}`), &n)
	if c, ok := process.ConfigAs[*process.TimerConfig](n); err != nil || !ok || c.Duration != "1h" {
		t.Errorf("Unmarshal = %+v, %v", n, err)
	}

	err = json.Unmarshal([]byte(`{"id": "a", "kind": "robot"}`), &n)
	var uk *process.UnknownKindError
	if !errorsAs(err, &uk) || uk.Kind != "robot" {
		t.Errorf("unknown kind error = %v", err)
	}
}
