package process

import "github.com/formworkhq/formwork/internal/i18n"

// Markers among a join's origins, beside split node indexes.
const (
	originTrigger  = -1 // a path from the trigger that passes no split
	originBoundary = -2 // a path that starts on a non-interrupting deadline
)

// joinMatcher pairs each parallel join with the split whose branches it
// gathers. Walking back from a join, each path must meet the same split
// first; a nested split and join pair on the way is stepped over.
type joinMatcher struct {
	l     *linter
	match map[int]int // join → split, or -1 when it has none
	busy  map[int]bool
}

// checkParallel checks that joins match splits and that every branch of a
// matched split reaches its join.
func (l *linter) checkParallel() {
	m := joinMatcher{l: l, match: map[int]int{}, busy: map[int]bool{}}
	for i, n := range l.g.Nodes {
		if n.Kind != KindParallelJoin {
			continue
		}
		if s := m.matchOf(i); s >= 0 {
			l.checkBranches(s, i)
		}
	}
}

// matchOf returns the split join j closes, or -1, reporting why not once.
func (m *joinMatcher) matchOf(j int) int {
	if s, ok := m.match[j]; ok {
		return s
	}
	if m.busy[j] {
		return -1
	}
	m.busy[j] = true

	origins := map[int]bool{}
	m.above(j, map[int]bool{j: true}, origins)
	s := m.judge(j, origins)

	m.match[j] = s
	delete(m.busy, j)
	return s
}

// judge reports what is wrong with join j's origins, or returns its split.
func (m *joinMatcher) judge(j int, origins map[int]bool) int {
	if len(m.l.tokenIn(j)) < 2 {
		m.l.report(CodeJoinTooFewBranches, atNode(j), nil)
	}

	switch {
	case origins[originBoundary]:
		m.l.report(CodeBoundaryReachesJoin, atNode(j), nil)
	case origins[originTrigger] || len(origins) == 0:
		m.l.report(CodeJoinWithoutSplit, atNode(j), nil)
	case len(origins) > 1:
		m.l.report(CodeJoinMismatchedSplit, atNode(j), nil)
	default:
		for s := range origins {
			return s
		}
	}
	return -1
}

// above adds the origins of the paths entering node n.
func (m *joinMatcher) above(n int, seen, origins map[int]bool) {
	for _, j := range m.l.in[n] {
		e := m.l.g.Edges[j]
		if m.l.from[j] < 0 {
			continue
		}
		if !e.movesToken() {
			origins[originBoundary] = true
			continue
		}
		m.reach(m.l.from[j], seen, origins)
	}
}

// reach adds the origins of the paths through node n.
func (m *joinMatcher) reach(n int, seen, origins map[int]bool) {
	if seen[n] {
		return
	}
	seen[n] = true

	switch m.l.g.Nodes[n].Kind {
	case KindParallelSplit:
		origins[n] = true
	case KindTrigger:
		origins[originTrigger] = true
	case KindParallelJoin:
		if s := m.matchOf(n); s >= 0 {
			m.above(s, seen, origins)
		}
	default:
		m.above(n, seen, origins)
	}
}

// tokenIn lists the edges along which a token moves into node i.
func (l *linter) tokenIn(i int) []int {
	var in []int
	for _, j := range l.in[i] {
		if l.from[j] >= 0 && l.g.Edges[j].movesToken() {
			in = append(in, j)
		}
	}
	return in
}

// checkBranches reports each branch of split s that can finish at an end
// without passing join j, which would then wait for ever.
func (l *linter) checkBranches(s, j int) {
	succ := l.mainSuccessors()
	for _, e := range l.normalOut(s) {
		if l.to[e] >= 0 && l.reachesEndAvoiding(succ, l.to[e], j) {
			l.report(CodeSplitBranchSkipsJoin, atEdge(e), i18n.Params{"join": l.nodeName(j)})
		}
	}
}

// reachesEndAvoiding reports whether a token at start can reach an end
// node without passing node avoid.
func (l *linter) reachesEndAvoiding(succ [][]int, start, avoid int) bool {
	if start == avoid {
		return false
	}

	seen := map[int]bool{start: true, avoid: true}
	queue := []int{start}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		if l.g.Nodes[i].Kind == KindEnd {
			return true
		}
		for _, t := range succ[i] {
			if !seen[t] {
				seen[t] = true
				queue = append(queue, t)
			}
		}
	}
	return false
}
