package process_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
)

// changeSummary is a Change without its message parameters.
type changeSummary struct {
	Code     string
	ID       string
	Aspects  []string
	Settings []string
	Breaking bool
}

func summarize(cs []process.Change) []changeSummary {
	out := []changeSummary{}
	for _, c := range cs {
		out = append(out, changeSummary{c.Code, c.Node + c.Edge, c.Aspects, c.Settings,
			c.Breaking})
	}
	return out
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name   string
		change func(g *process.Graph)
		want   []changeSummary
	}{
		{name: "nothing", change: func(*process.Graph) {}, want: []changeSummary{}},
		{
			name:   "moved on the canvas",
			change: func(g *process.Graph) { g.Nodes[1].Position = process.Position{X: 50, Y: 9} },
			want:   []changeSummary{},
		},
		{
			name: "due time changed",
			change: func(g *process.Graph) {
				config[*process.UserTaskConfig](*g, 1).Due = "90m business"
			},
			want: []changeSummary{{Code: "node_changed", ID: "call", Aspects: []string{"config"},
				Settings: []string{"due"}}},
		},
		{
			name: "renamed",
			change: func(g *process.Graph) {
				g.Nodes[2].Name = process.Text{i18n.English: "Finished"}
			},
			want: []changeSummary{{Code: "node_changed", ID: "done", Aspects: []string{"name"}}},
		},
		{
			name: "waiting task removed",
			change: func(g *process.Graph) {
				g.Nodes = append(g.Nodes[:1], g.Nodes[2])
				g.Edges = []process.Edge{edge("e0", "start", "done")}
			},
			want: []changeSummary{
				{Code: "waiting_node_removed", ID: "call", Breaking: true},
				{Code: "edge_changed", ID: "e0", Aspects: []string{"to"}},
				{Code: "edge_removed", ID: "e1"},
			},
		},
		{
			name: "task turned into a notification",
			change: func(g *process.Graph) {
				g.Nodes[1].Kind, g.Nodes[1].Config = process.KindNotify, notifyOwner()
			},
			want: []changeSummary{{Code: "waiting_node_kind_changed", ID: "call",
				Aspects: []string{"kind"}, Breaking: true}},
		},
		{
			name: "notification added after the task",
			change: func(g *process.Graph) {
				*g = with(*g, []process.Node{node("tell", notifyOwner())},
					edge("e2", "tell", "done"))
				g.Edges[1].To = "tell"
			},
			want: []changeSummary{
				{Code: "node_added", ID: "tell"},
				{Code: "edge_changed", ID: "e1", Aspects: []string{"to"}},
				{Code: "edge_added", ID: "e2"},
			},
		},
		{
			name: "deadline edge retimed",
			change: func(g *process.Graph) {
				*g = with(*g, nil, boundary("sla", "call", "done", "3h"))
			},
			want: []changeSummary{{Code: "edge_changed", ID: "sla", Aspects: []string{"after"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, changed := base(), base()
			if tt.name == "deadline edge retimed" {
				old = with(old, nil, boundary("sla", "call", "done", "2h"))
			}
			tt.change(&changed)

			got := process.Diff(old, changed)
			if diff := cmp.Diff(tt.want, summarize(got)); diff != "" {
				t.Errorf("Diff (-want +got):\n%s", diff)
			}
			for _, c := range got {
				for _, l := range i18n.Locales {
					if msg := c.Message(l); unfilled.MatchString(msg) {
						t.Errorf("%s message in %s is not filled: %s", c.Code, l, msg)
					}
				}
			}
		})
	}
}

func TestWaits(t *testing.T) {
	tests := []struct {
		node process.Node
		want bool
	}{
		{node("call", task()), true},
		{node("t", timer("1h")), true},
		{node("s", &process.SilenceWatchConfig{}), true},
		{node("j", join()), true},
		{node("sub", &process.SubProcessConfig{Wait: true}), true},
		{node("sub", &process.SubProcessConfig{}), false},
		{node("n", notifyOwner()), false},
		{node("gw", gateway()), false},
		{process.Node{ID: "bare", Kind: process.KindSubProcess}, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.node.Kind), func(t *testing.T) {
			if got := tt.node.Waits(); got != tt.want {
				t.Errorf("Waits() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDiffTaskBecomesTimer(t *testing.T) {
	changed := base()
	changed.Nodes[1].Kind, changed.Nodes[1].Config = process.KindTimer, timer("2h")
	got := summarize(process.Diff(base(), changed))
	want := []changeSummary{{Code: "waiting_node_kind_changed", ID: "call",
		Aspects: []string{"kind"}, Breaking: true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Diff (-want +got):\n%s", diff)
	}
}
