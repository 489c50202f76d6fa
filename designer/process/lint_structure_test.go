package process_test

import (
	"github.com/formworkhq/formwork/designer/process"
)

// lintCase is one lint check: a graph and the findings it must give, as
// "code pointer", in Lint's order.
type lintCase struct {
	name  string
	graph func() process.Graph
	want  []string
}

// structureCases cover the shape of the graph.
var structureCases = []lintCase{
	{name: "valid base", graph: base, want: []string{}},
	{
		name:  "empty graph",
		graph: func() process.Graph { return process.Graph{} },
		want:  []string{"empty_graph /nodes"},
	},
	{
		name: "node without id",
		graph: func() process.Graph {
			g := base()
			g.Nodes[2].ID = ""
			return g
		},
		want: []string{"edge_unknown_node /edges/1/to", "unreachable_node /nodes/2",
			"required /nodes/2/id"},
	},
	{
		name: "edge id with a space",
		graph: func() process.Graph {
			g := base()
			g.Edges[1].ID = "e 1"
			return g
		},
		want: []string{"invalid_id /edges/1/id"},
	},
	{
		name: "two nodes share an id",
		graph: func() process.Graph {
			return with(base(), []process.Node{node("call", end())})
		},
		want: []string{"unreachable_node /nodes/3", "duplicate_node_id /nodes/3/id"},
	},
	{
		name: "two edges share an id",
		graph: func() process.Graph {
			g := base()
			g.Edges[1].ID = "e0"
			return g
		},
		want: []string{"duplicate_edge_id /edges/1/id"},
	},
	{
		name: "edge to a missing node",
		graph: func() process.Graph {
			g := base()
			g.Edges[1].To = "nowhere"
			return g
		},
		want: []string{"edge_unknown_node /edges/1/to", "unreachable_node /nodes/2"},
	},
	{
		name: "edge from nothing",
		graph: func() process.Graph {
			return with(base(), nil, edge("e2", "", "done"))
		},
		want: []string{"required /edges/2/from"},
	},
	{
		name: "no trigger",
		graph: func() process.Graph {
			return chain(node("call", task()), node("done", end()))
		},
		want: []string{"no_trigger /nodes"},
	},
	{
		name: "two triggers",
		graph: func() process.Graph {
			return with(base(), []process.Node{node("start2", onLead())},
				edge("e2", "start2", "call"))
		},
		want: []string{"multiple_triggers /nodes/3/kind"},
	},
	{
		name: "edge into the trigger",
		graph: func() process.Graph {
			return with(base(), nil, edge("e2", "call", "start"))
		},
		want: []string{"multiple_outgoing /edges/2/from", "trigger_has_incoming /edges/2/to"},
	},
	{
		name: "unreachable node",
		graph: func() process.Graph {
			return with(base(), []process.Node{node("orphan", end())})
		},
		want: []string{"unreachable_node /nodes/3"},
	},
	{
		name: "no end",
		graph: func() process.Graph {
			return process.Graph{
				Nodes: []process.Node{node("start", onLead()), node("call", task()),
					node("wait", timer("1h"))},
				Edges: []process.Edge{edge("e0", "start", "call"), edge("e1", "call", "wait"),
					edge("e2", "wait", "call")},
			}
		},
		want: []string{"no_end /nodes", "closed_cycle /nodes/1"},
	},
	{
		name: "loop without a way out",
		graph: func() process.Graph {
			return process.Graph{
				Nodes: []process.Node{node("start", onLead()), node("call", task()),
					node("gw", gateway()), node("wait", timer("1d")), node("done", end())},
				Edges: []process.Edge{edge("e0", "start", "call"), edge("e1", "call", "gw"),
					cond("e2", "gw", "call", "record.amount > 1"), byDefault("e3", "gw", "wait"),
					edge("e4", "wait", "call")},
			}
		},
		want: []string{"closed_cycle /nodes/1", "unreachable_node /nodes/4"},
	},
	{
		name: "loop that can exit",
		graph: func() process.Graph {
			return process.Graph{
				Nodes: []process.Node{node("start", onLead()), node("call", task()),
					node("gw", gateway()), node("done", end())},
				Edges: []process.Edge{edge("e0", "start", "call"), edge("e1", "call", "gw"),
					cond("e2", "gw", "call", "task.outcome == 'no_answer'"),
					byDefault("e3", "gw", "done")},
			}
		},
		want: []string{},
	},
	{
		name: "loop that never waits",
		graph: func() process.Graph {
			set := &process.SetFieldsConfig{Assignments: map[string]string{
				"amount": "record.amount + 1.0"}}
			return process.Graph{
				Nodes: []process.Node{node("start", onLead()), node("gw", gateway()),
					node("bump", set), node("done", end())},
				Edges: []process.Edge{edge("e0", "start", "gw"),
					cond("e1", "gw", "bump", "record.amount < 10"), edge("e2", "bump", "gw"),
					byDefault("e3", "gw", "done")},
			}
		},
		want: []string{"cycle_without_wait /nodes/1"},
	},
	{
		name: "edge out of an end",
		graph: func() process.Graph {
			return with(base(), []process.Node{node("done2", end())},
				edge("e2", "done", "done2"))
		},
		want: []string{"end_has_outgoing /edges/2/from"},
	},
	{
		name: "step leading nowhere",
		graph: func() process.Graph {
			g := base()
			g.Edges = g.Edges[:1]
			return g
		},
		want: []string{"missing_outgoing /nodes/1", "unreachable_node /nodes/2"},
	},
	{
		name: "task with two ways out",
		graph: func() process.Graph {
			return with(base(), []process.Node{node("done2", end())},
				edge("e2", "call", "done2"))
		},
		want: []string{"multiple_outgoing /edges/2/from"},
	},
	{
		name: "unknown node kind",
		graph: func() process.Graph {
			g := base()
			g.Nodes[1].Kind = "robot"
			return g
		},
		want: []string{"invalid_value /nodes/1/kind"},
	},
}
