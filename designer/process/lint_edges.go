package process

import "github.com/formworkhq/formwork/designer/expr"

// checkEdges checks each edge's kind and the settings its kind allows.
func (l *linter) checkEdges() {
	for j, e := range l.g.Edges {
		switch e.Kind {
		case EdgeBoundary:
			l.checkBoundary(j, e)
		case EdgeNormal, "":
			l.checkNormalEdge(j, e)
		default:
			l.invalidValue(atEdge(j, "kind"), "edge_kind", string(e.Kind),
				joinEdgeKinds())
		}
	}
}

func joinEdgeKinds() string { return string(EdgeNormal) + ", " + string(EdgeBoundary) }

// checkBoundary checks an SLA edge: it leaves a user task after a duration
// and carries no condition.
func (l *linter) checkBoundary(j int, e Edge) {
	if l.from[j] >= 0 && l.g.Nodes[l.from[j]].Kind != KindUserTask {
		l.report(CodeBoundaryNotFromTask, atEdge(j, "from"), nil)
	}
	l.checkDuration(atEdge(j, "after"), e.After, true, "after")

	if e.Condition != "" {
		l.report(CodeConditionNotAllowed, atEdge(j, "condition"), nil)
	}
	if e.Default {
		l.report(CodeDefaultNotAllowed, atEdge(j, "default"), nil)
	}
}

// checkNormalEdge checks that only gateway edges carry conditions and only
// boundary edges carry deadlines.
func (l *linter) checkNormalEdge(j int, e Edge) {
	if e.After != "" {
		l.report(CodeBoundaryOnNormalEdge, atEdge(j, "after"), nil)
	}
	if e.Interrupting {
		l.report(CodeBoundaryOnNormalEdge, atEdge(j, "interrupting"), nil)
	}

	if l.from[j] < 0 || l.g.Nodes[l.from[j]].Kind == KindExclusiveGateway {
		return
	}
	if e.Condition != "" {
		l.report(CodeConditionNotAllowed, atEdge(j, "condition"), nil)
	}
	if e.Default {
		l.report(CodeDefaultNotAllowed, atEdge(j, "default"), nil)
	}
}

// checkConditions compiles the conditions of gateway edges against what
// the gateway's scope declares.
func (l *linter) checkConditions() {
	for j, e := range l.g.Edges {
		gw := l.from[j]
		if gw < 0 || e.IsBoundary() || e.Condition == "" ||
			l.g.Nodes[gw].Kind != KindExclusiveGateway {
			continue
		}
		l.checkExpr(atEdge(j, "condition"), e.Condition, expr.Bool, l.scopeAt(gw))
	}
}
