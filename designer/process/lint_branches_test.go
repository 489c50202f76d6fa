package process_test

import "github.com/formworkhq/formwork/designer/process"

// decision builds start → gw with the given edges out of gw to "a" (a
// timer) and "done".
func decision(edges ...process.Edge) process.Graph {
	g := process.Graph{
		Nodes: []process.Node{node("start", onLead()), node("gw", gateway()),
			node("a", timer("1h")), node("done", end())},
		Edges: []process.Edge{edge("e0", "start", "gw"), edge("ea", "a", "done")},
	}
	g.Edges = append(g.Edges, edges...)
	return g
}

// parallel builds start → s and a timer per name, each ending at done
// unless edges say otherwise; nodes and edges are added.
func parallel(nodes []process.Node, edges ...process.Edge) process.Graph {
	g := process.Graph{
		Nodes: []process.Node{node("start", onLead()), node("s", split()),
			node("done", end())},
		Edges: []process.Edge{edge("e0", "start", "s")},
	}
	return with(g, nodes, edges...)
}

// branchCases cover decisions, parallel branches and deadlines.
var branchCases = []lintCase{
	{
		name: "valid decision",
		graph: func() process.Graph {
			return decision(cond("e1", "gw", "a", "record.amount > 1000"),
				byDefault("e2", "gw", "done"))
		},
		want: []string{},
	},
	{
		name:  "decision with one way out",
		graph: func() process.Graph { return decision(byDefault("e1", "gw", "a")) },
		want:  []string{"gateway_too_few_branches /nodes/1"},
	},
	{
		name: "decision edge without condition",
		graph: func() process.Graph {
			return decision(edge("e1", "gw", "a"), byDefault("e2", "gw", "done"))
		},
		want: []string{"gateway_missing_condition /edges/2/condition"},
	},
	{
		name: "decision without default",
		graph: func() process.Graph {
			return decision(cond("e1", "gw", "a", "record.amount > 1"),
				cond("e2", "gw", "done", "record.amount <= 1"))
		},
		want: []string{"gateway_missing_default /nodes/1"},
	},
	{
		name: "decision with two defaults",
		graph: func() process.Graph {
			return decision(cond("e1", "gw", "a", "record.amount > 1"),
				byDefault("e2", "gw", "done"), byDefault("e3", "gw", "a"))
		},
		want: []string{"gateway_multiple_defaults /edges/4/default"},
	},
	{
		name: "default with a condition",
		graph: func() process.Graph {
			d := byDefault("e2", "gw", "done")
			d.Condition = "true"
			return decision(cond("e1", "gw", "a", "record.amount > 1"), d)
		},
		want: []string{"default_has_condition /edges/3/condition"},
	},
	{
		name: "condition on a task's edge",
		graph: func() process.Graph {
			g := base()
			g.Edges[1].Condition = "record.amount > 1"
			return g
		},
		want: []string{"edge_condition_not_allowed /edges/1/condition"},
	},
	{
		name: "default on a task's edge",
		graph: func() process.Graph {
			g := base()
			g.Edges[1].Default = true
			return g
		},
		want: []string{"edge_default_not_allowed /edges/1/default"},
	},
	{
		name: "valid split and join",
		graph: func() process.Graph {
			return parallel([]process.Node{node("a", timer("1h")), node("b", task()),
				node("j", join())},
				edge("e1", "s", "a"), edge("e2", "s", "b"), edge("e3", "a", "j"),
				edge("e4", "b", "j"), edge("e5", "j", "done"))
		},
		want: []string{},
	},
	{
		name: "nested split and join",
		graph: func() process.Graph {
			return parallel([]process.Node{node("a", timer("1h")), node("s2", split()),
				node("b", timer("2h")), node("c", timer("3h")), node("j2", join()),
				node("j", join())},
				edge("e1", "s", "a"), edge("e2", "s", "s2"), edge("e3", "s2", "b"),
				edge("e4", "s2", "c"), edge("e5", "b", "j2"), edge("e6", "c", "j2"),
				edge("e7", "j2", "j"), edge("e8", "a", "j"), edge("e9", "j", "done"))
		},
		want: []string{},
	},
	{
		name: "split with one branch",
		graph: func() process.Graph {
			return parallel(nil, edge("e1", "s", "done"))
		},
		want: []string{"split_too_few_branches /nodes/1"},
	},
	{
		name: "join with one branch",
		graph: func() process.Graph {
			return chain(node("start", onLead()), node("call", task()), node("j", join()),
				node("done", end()))
		},
		want: []string{"join_too_few_branches /nodes/2", "join_without_split /nodes/2"},
	},
	{
		name: "join after a decision",
		graph: func() process.Graph {
			g := decision(cond("e1", "gw", "a", "record.amount > 1"), byDefault("e2", "gw", "b"))
			g = with(g, []process.Node{node("b", timer("2h")), node("j", join())},
				edge("e3", "b", "j"))
			g.Edges[1].To = "j"
			return with(g, nil, edge("e4", "j", "done"))
		},
		want: []string{"join_without_split /nodes/5"},
	},
	{
		name: "join of two splits",
		graph: func() process.Graph {
			return parallel([]process.Node{node("a", timer("1h")), node("s2", split()),
				node("c", timer("2h")), node("d", timer("3h")), node("j", join())},
				edge("e1", "s", "a"), edge("e2", "s", "s2"), edge("e3", "s2", "c"),
				edge("e4", "s2", "d"), edge("e5", "a", "j"), edge("e6", "c", "j"),
				edge("e7", "d", "j"), edge("e8", "j", "done"))
		},
		want: []string{"join_mismatched_split /nodes/7"},
	},
	{
		name: "branch that skips the join",
		graph: func() process.Graph {
			return parallel([]process.Node{node("a", timer("1h")), node("b", timer("2h")),
				node("c", timer("3h")), node("j", join())},
				edge("e1", "s", "a"), edge("e2", "s", "b"), edge("e3", "s", "c"),
				edge("e4", "a", "j"), edge("e5", "b", "j"), edge("e6", "c", "done"),
				edge("e7", "j", "done"))
		},
		want: []string{"split_branch_skips_join /edges/3"},
	},
	{
		name: "deadline path into a join",
		graph: func() process.Graph {
			return parallel([]process.Node{node("call", task()), node("b", timer("2h")),
				node("j", join())},
				edge("e1", "s", "call"), edge("e2", "s", "b"), edge("e3", "call", "j"),
				edge("e4", "b", "j"), boundary("e5", "call", "j", "2h"), edge("e6", "j", "done"))
		},
		want: []string{"boundary_reaches_join /nodes/5"},
	},
	{
		name: "valid deadline",
		graph: func() process.Graph {
			return with(base(), []process.Node{node("remind", notifyOwner()),
				node("done2", end())},
				boundary("e2", "call", "remind", "2h"), edge("e3", "remind", "done2"))
		},
		want: []string{},
	},
	{
		name: "deadline on a trigger",
		graph: func() process.Graph {
			return with(base(), nil, boundary("e2", "start", "done", "2h"))
		},
		want: []string{"boundary_not_from_user_task /edges/2/from"},
	},
	{
		name: "deadline without duration",
		graph: func() process.Graph {
			return with(base(), nil, boundary("e2", "call", "done", ""))
		},
		want: []string{"required /edges/2/after"},
	},
	{
		name: "deadline with a condition",
		graph: func() process.Graph {
			b := boundary("e2", "call", "done", "2h")
			b.Condition = "true"
			return with(base(), nil, b)
		},
		want: []string{"edge_condition_not_allowed /edges/2/condition"},
	},
	{
		name: "deadline setting on a normal edge",
		graph: func() process.Graph {
			g := base()
			g.Edges[1].After = "2h"
			return g
		},
		want: []string{"boundary_setting_on_normal_edge /edges/1/after"},
	},
	{
		name: "unknown edge kind",
		graph: func() process.Graph {
			g := base()
			g.Edges[1].Kind = "dotted"
			return g
		},
		want: []string{"invalid_value /edges/1/kind"},
	},
}
