package process

import (
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// Lint checks that a graph would run as drawn and that everything it names
// exists. It is the one check used on save and on publish; errors block
// publishing, warnings do not. Findings are sorted by pointer, then code.
// A nil ctx knows nothing, so every reference is reported unknown.
//
// Expressions (gateway conditions, set_fields values, computed points,
// inputs) and {{…}} templates may name:
//
//   - now: the current time (timestamp);
//   - record.<field> for every field of the trigger's form, plus record.id,
//     record.owner (a user id), record.created_at and record.updated_at,
//     when the trigger starts the process on a record;
//   - task.outcome, task.assignee (a user id) and task.completed_at of the
//     most recent user task on the token's path, when one may precede the
//     step, and task.<field> for the fields of that task's form when every
//     such task uses the same form;
//   - event.<key> for an inbound_event trigger's payload, and input.<name>
//     for a manual trigger's inputs (from a person or a parent process).
//
// Templates may also name record.link (the record's address), owner.name
// and task.assignee_name.
func Lint(g Graph, ctx Context) Findings {
	if ctx == nil {
		ctx = StaticContext{}
	}
	l := newLinter(g, ctx)
	if len(g.Nodes) == 0 {
		l.report(CodeEmptyGraph, atGraph("/nodes"), nil)
		return l.found
	}

	l.checkIDs()
	l.checkEndpoints()
	l.checkStartAndEnds()
	l.checkEdges()
	l.checkOutgoing()
	l.checkFlow()
	l.checkParallel()

	l.prepareScopes()
	l.checkNodes()
	l.checkConditions()

	sortFindings(l.found)
	return l.found
}

// linter holds one Lint run: the graph, indexes over it and the findings.
type linter struct {
	g     Graph
	ctx   Context
	found Findings

	byID     map[string]int // node id → index of its first node
	from, to []int          // per edge: node index, or -1 when unknown
	out, in  [][]int        // per node: edges leaving and entering it
	trigger  int            // index of the first trigger, or -1
	reached  []bool         // per node: a token can get there from the trigger

	base   scope
	taskIn []map[string]bool
	envs   map[string]*expr.Env
}

func newLinter(g Graph, ctx Context) *linter {
	l := &linter{g: g, ctx: ctx, byID: map[string]int{}, trigger: -1,
		envs: map[string]*expr.Env{}}
	for i, n := range g.Nodes {
		if _, dup := l.byID[n.ID]; !dup && n.ID != "" {
			l.byID[n.ID] = i
		}
		if n.Kind == KindTrigger && l.trigger < 0 {
			l.trigger = i
		}
	}

	l.out = make([][]int, len(g.Nodes))
	l.in = make([][]int, len(g.Nodes))
	l.from, l.to = make([]int, len(g.Edges)), make([]int, len(g.Edges))
	for j, e := range g.Edges {
		l.from[j], l.to[j] = l.nodeIndex(e.From), l.nodeIndex(e.To)
		if l.from[j] >= 0 {
			l.out[l.from[j]] = append(l.out[l.from[j]], j)
		}
		if l.to[j] >= 0 {
			l.in[l.to[j]] = append(l.in[l.to[j]], j)
		}
	}
	return l
}

func (l *linter) nodeIndex(id string) int {
	if i, ok := l.byID[id]; ok {
		return i
	}
	return -1
}

// linked reports whether edge j has both ends on known nodes.
func (l *linter) linked(j int) bool { return l.from[j] >= 0 && l.to[j] >= 0 }

// place is where a finding points: a node or an edge (by index, -1 for
// none) and a JSON pointer.
type place struct {
	node, edge int
	ptr        string
}

func atGraph(ptr string) place { return place{node: -1, edge: -1, ptr: ptr} }

func atNode(i int, path ...string) place {
	return place{node: i, edge: -1, ptr: pointer("nodes", i, path)}
}

func atConfig(i int, path ...string) place {
	return atNode(i, append([]string{"config"}, path...)...)
}

func atEdge(j int, path ...string) place {
	return place{node: -1, edge: j, ptr: pointer("edges", j, path)}
}

// at returns the place one or more keys deeper.
func (p place) at(path ...string) place {
	for _, s := range path {
		p.ptr += "/" + escapePointer(s)
	}
	return p
}

func pointer(list string, i int, path []string) string {
	var b strings.Builder
	b.WriteString("/" + list + "/" + strconv.Itoa(i))
	for _, s := range path {
		b.WriteString("/" + escapePointer(s))
	}
	return b.String()
}

// report records a finding; the subject (node or edge name) joins params.
func (l *linter) report(code string, p place, params i18n.Params) {
	f := Finding{Code: code, Severity: severityOf(code), Pointer: p.ptr, Params: i18n.Params{}}
	for k, v := range params {
		f.Params[k] = v
	}

	if p.node >= 0 {
		f.Node = l.g.Nodes[p.node].ID
		f.Params["subject"] = l.nodeName(p.node)
	}
	if p.edge >= 0 {
		f.Edge = l.g.Edges[p.edge].ID
		f.Params["subject"] = l.edgeName(p.edge)
	}

	l.found = append(l.found, f)
}

// nodeName is node i's display name in every locale: its name, else its
// id, else its kind.
func (l *linter) nodeName(i int) Text { return nodeDisplayName(l.g.Nodes[i]) }

func nodeDisplayName(n Node) Text {
	if n.Name.IsEmpty() && n.ID == "" {
		return localized(func(loc i18n.Locale) string {
			return i18n.T(loc, "process.kind."+string(n.Kind), nil)
		})
	}
	return textOr(n.Name, n.ID)
}

// edgeName is edge j's display name: its label, else "From → To".
func (l *linter) edgeName(j int) Text { return edgeDisplayName(l.g, j) }

func edgeDisplayName(g Graph, j int) Text {
	e := g.Edges[j]
	if !e.Label.IsEmpty() {
		return textOr(e.Label, e.ID)
	}

	end := func(id string) Text {
		for _, n := range g.Nodes {
			if n.ID == id && id != "" {
				return nodeDisplayName(n)
			}
		}
		return textOr(nil, id)
	}

	from, to := end(e.From), end(e.To)
	return localized(func(loc i18n.Locale) string { return from[loc] + " → " + to[loc] })
}

// nodeList names several nodes in every locale, in graph order.
func (l *linter) nodeList(nodes []int) Text {
	return localized(func(loc i18n.Locale) string {
		names := make([]string, len(nodes))
		for k, i := range nodes {
			names[k] = "“" + l.nodeName(i)[loc] + "”"
		}
		return strings.Join(names, i18n.T(loc, "process.list_separator", nil))
	})
}
