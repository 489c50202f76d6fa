package process

import "slices"

// checkFlow checks that every node can be reached from the trigger and
// that no loop traps a token: a loop must have a way out, and a step that
// waits, or it would spin without pause.
func (l *linter) checkFlow() {
	reached := l.reachable()
	l.reached = reached
	if l.trigger >= 0 {
		for i, n := range l.g.Nodes {
			if !reached[i] && n.Kind != KindTrigger {
				l.report(CodeUnreachableNode, atNode(i), nil)
			}
		}
	}

	for _, comp := range l.cycles() {
		if l.trigger >= 0 && !reached[comp[0]] {
			continue // already reported as unreachable
		}
		switch {
		case l.closed(comp):
			l.report(CodeClosedCycle, atNode(comp[0]), map[string]any{"nodes": l.nodeList(comp)})
		case !l.anyWaits(comp):
			l.report(CodeCycleWithoutWait, atNode(comp[0]),
				map[string]any{"nodes": l.nodeList(comp)})
		}
	}
}

// reachable marks the nodes a token can reach from the trigger.
func (l *linter) reachable() []bool {
	reached := make([]bool, len(l.g.Nodes))
	if l.trigger < 0 {
		return reached
	}

	queue := []int{l.trigger}
	reached[l.trigger] = true
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, j := range l.out[i] {
			if t := l.to[j]; t >= 0 && !reached[t] {
				reached[t] = true
				queue = append(queue, t)
			}
		}
	}
	return reached
}

// mainSuccessors lists, per node, the nodes its own token can move to:
// along normal and interrupting boundary edges.
func (l *linter) mainSuccessors() [][]int {
	succ := make([][]int, len(l.g.Nodes))
	for j, e := range l.g.Edges {
		if l.linked(j) && e.movesToken() {
			succ[l.from[j]] = append(succ[l.from[j]], l.to[j])
		}
	}
	return succ
}

// cycles returns the loops of the graph: strongly connected components
// with more than one node, or one node with an edge to itself. Each lists
// its nodes in graph order.
func (l *linter) cycles() [][]int {
	succ := l.mainSuccessors()

	var out [][]int
	for _, comp := range stronglyConnected(succ) {
		if len(comp) > 1 || slices.Contains(succ[comp[0]], comp[0]) {
			slices.Sort(comp)
			out = append(out, comp)
		}
	}

	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}

// closed reports whether no token can leave the loop comp.
func (l *linter) closed(comp []int) bool {
	for j, e := range l.g.Edges {
		if l.linked(j) && e.movesToken() && slices.Contains(comp, l.from[j]) &&
			!slices.Contains(comp, l.to[j]) {
			return false
		}
	}
	return true
}

func (l *linter) anyWaits(comp []int) bool {
	for _, i := range comp {
		if l.g.Nodes[i].Waits() {
			return true
		}
	}
	return false
}

// stronglyConnected returns the strongly connected components of the
// directed graph succ (Tarjan's algorithm).
func stronglyConnected(succ [][]int) [][]int {
	t := tarjan{succ: succ, index: make([]int, len(succ)), low: make([]int, len(succ)),
		onStack: make([]bool, len(succ))}
	for i := range t.index {
		t.index[i] = -1
	}

	for v := range succ {
		if t.index[v] < 0 {
			t.visit(v)
		}
	}
	return t.comps
}

type tarjan struct {
	succ       [][]int
	index, low []int
	onStack    []bool
	stack      []int
	next       int
	comps      [][]int
}

func (t *tarjan) visit(v int) {
	t.index[v], t.low[v] = t.next, t.next
	t.next++
	t.stack = append(t.stack, v)
	t.onStack[v] = true

	for _, w := range t.succ[v] {
		switch {
		case t.index[w] < 0:
			t.visit(w)
			t.low[v] = min(t.low[v], t.low[w])
		case t.onStack[w]:
			t.low[v] = min(t.low[v], t.index[w])
		}
	}
	if t.low[v] != t.index[v] {
		return
	}

	var comp []int
	for {
		w := t.stack[len(t.stack)-1]
		t.stack = t.stack[:len(t.stack)-1]
		t.onStack[w] = false
		comp = append(comp, w)
		if w == v {
			break
		}
	}
	t.comps = append(t.comps, comp)
}
