package process_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
)

// testContext knows the definitions the fixtures and lint cases name.
func testContext() process.StaticContext {
	return process.StaticContext{
		Forms: map[string]process.FormInfo{
			"lead": {Fields: []process.Field{
				{Name: "company", Type: expr.String}, {Name: "amount", Type: expr.Number},
				{Name: "stage", Type: expr.String}, {Name: "expected_close", Type: expr.Timestamp},
				{Name: "region", Type: expr.String}, {Name: "tags", Type: expr.ListOf(expr.String)},
			}, Stages: []string{"new", "contacted", "qualified", "won", "lost"}},
			"follow_up": {Fields: []process.Field{
				{Name: "result", Type: expr.String}, {Name: "next_action", Type: expr.String},
				{Name: "confirmed_at", Type: expr.Timestamp},
			}},
			"warning_ticket": {Fields: []process.Field{{Name: "summary", Type: expr.String}}},
			"loss_review": {Fields: []process.Field{
				{Name: "lead", Type: expr.String, Kind: process.RecordLinkKind},
				{Name: "reason", Type: expr.String, Kind: "text"},
				{Name: "lost_amount", Type: expr.Number, Kind: "money"},
				{Name: "reviewed_on", Type: expr.Timestamp, Kind: "date"},
			}},
		},
		Plugins: map[string]process.PluginInfo{"kingdee": {Actions: []string{"push_order"}}},
		Keys: map[process.RefKind][]string{
			process.RefRole:     {"supervisor", "sales"},
			process.RefUser:     {"u_wang"},
			process.RefTeam:     {"east_sales"},
			process.RefChannel:  {"wecom", "email"},
			process.RefCalendar: {"cn_workdays"},
			process.RefProcess:  {"supervisor_intervention"},
			process.RefLedger:   {"process_points"},
		},
	}
}

func node(id string, cfg process.Config) process.Node {
	return process.Node{ID: id, Kind: cfg.Kind(), Config: cfg,
		Name: process.Text{i18n.English: id}}
}

func edge(id, from, to string) process.Edge {
	return process.Edge{ID: id, From: from, To: to, Kind: process.EdgeNormal}
}

func cond(id, from, to, condition string) process.Edge {
	e := edge(id, from, to)
	e.Condition = condition
	return e
}

func byDefault(id, from, to string) process.Edge {
	e := edge(id, from, to)
	e.Default = true
	return e
}

func boundary(id, from, to, after string) process.Edge {
	return process.Edge{ID: id, From: from, To: to, Kind: process.EdgeBoundary, After: after}
}

func onLead() *process.TriggerConfig {
	return &process.TriggerConfig{On: process.OnRecordCreated, Form: "lead"}
}

func onSchedule() *process.TriggerConfig {
	return &process.TriggerConfig{On: process.OnSchedule, Cron: "0 9 * * 1-5"}
}

func task() *process.UserTaskConfig {
	return &process.UserTaskConfig{Assignee: process.Assignee{Rule: process.AssignOwner},
		Due: "2h"}
}

func end() *process.EndConfig { return &process.EndConfig{} }

func timer(d string) *process.TimerConfig { return &process.TimerConfig{Duration: d} }

func gateway() *process.ExclusiveGatewayConfig { return &process.ExclusiveGatewayConfig{} }

func split() *process.ParallelSplitConfig { return &process.ParallelSplitConfig{} }

func join() *process.ParallelJoinConfig { return &process.ParallelJoinConfig{} }

func bilingual(en, zh string) process.Text {
	return process.Text{i18n.English: en, i18n.Chinese: zh}
}

func notifyOwner() *process.NotifyConfig {
	return &process.NotifyConfig{Channel: "wecom",
		Recipients: []process.Recipient{{Kind: process.ToOwner}},
		Message: bilingual("Lead {{record.company}} needs a call",
			"线索 {{record.company}} 需要跟进")}
}

// base is the smallest valid process: trigger, task, end.
func base() process.Graph {
	return chain(node("start", onLead()), node("call", task()), node("done", end()))
}

// chain links the nodes one after the other with edges e0, e1 …
func chain(nodes ...process.Node) process.Graph {
	g := process.Graph{Nodes: nodes}
	for i := 1; i < len(nodes); i++ {
		g.Edges = append(g.Edges, edge("e"+strconv.Itoa(i-1), nodes[i-1].ID, nodes[i].ID))
	}
	return g
}

// with returns g with nodes and edges added.
func with(g process.Graph, nodes []process.Node, edges ...process.Edge) process.Graph {
	g.Nodes = append(g.Nodes, nodes...)
	g.Edges = append(g.Edges, edges...)
	return g
}

// config returns node i's config as T, for changing it in place.
func config[T process.Config](g process.Graph, i int) T {
	return g.Nodes[i].Config.(T)
}

// summary writes findings as "code pointer", the form test tables use.
func summary(fs process.Findings) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code + " " + f.Pointer
	}
	return out
}

// resolves reports whether pointer names a value in doc, or a missing key
// of an object that is there.
func resolves(doc any, pointer string) error {
	if pointer == "" {
		return nil
	}
	tokens := strings.Split(pointer[1:], "/")
	cur := doc
	for i, tok := range tokens {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		last := i == len(tokens)-1
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[tok]
			if !ok && last {
				return nil
			}
			if !ok {
				return fmt.Errorf("%s: no key %q", pointer, tok)
			}
			cur = next
		case []any:
			k, err := strconv.Atoi(tok)
			if err != nil || k < 0 || k >= len(v) {
				return fmt.Errorf("%s: no index %q", pointer, tok)
			}
			cur = v[k]
		default:
			if last {
				return nil
			}
			return fmt.Errorf("%s: %q is inside a scalar", pointer, tok)
		}
	}
	return nil
}

// asJSON marshals g and reads it back as generic JSON.
func asJSON(t *testing.T, g process.Graph) any {
	t.Helper()
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatalf("marshal graph: %v", err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("unmarshal graph: %v", err)
	}
	return doc
}
