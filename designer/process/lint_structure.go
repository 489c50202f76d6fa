package process

import "github.com/formworkhq/formwork/internal/i18n"

// maxIDLen is the longest node, edge or outcome id.
const maxIDLen = 64

// validID reports whether s is a usable id: 1 to 64 letters, digits, "_"
// and "-".
func validID(s string) bool {
	if s == "" || len(s) > maxIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c == '_' || c == '-' || (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z')
		if !ok {
			return false
		}
	}
	return true
}

// checkID reports a missing or malformed id at p.
func (l *linter) checkID(p place, id string, setting settingKey) {
	switch {
	case id == "":
		l.required(p, setting)
	case !validID(id):
		l.report(CodeInvalidID, p, i18n.Params{"value": id})
	}
}

// checkIDs checks every node and edge id, and that none repeats.
func (l *linter) checkIDs() {
	for i, n := range l.g.Nodes {
		l.checkID(atNode(i, "id"), n.ID, "id")
		if first, ok := l.byID[n.ID]; ok && first != i {
			l.report(CodeDuplicateNodeID, atNode(i, "id"), i18n.Params{"value": n.ID})
		}
		if !n.Kind.Known() {
			l.invalidValue(atNode(i, "kind"), "kind", string(n.Kind), joinKinds(Kinds()))
		}
	}

	seen := map[string]bool{}
	for j, e := range l.g.Edges {
		l.checkID(atEdge(j, "id"), e.ID, "id")
		if seen[e.ID] && e.ID != "" {
			l.report(CodeDuplicateEdgeID, atEdge(j, "id"), i18n.Params{"value": e.ID})
		}
		seen[e.ID] = true
	}
}

// checkEndpoints checks that every edge joins two known nodes.
func (l *linter) checkEndpoints() {
	for j, e := range l.g.Edges {
		l.checkEndpoint(atEdge(j, "from"), e.From, l.from[j], "edge_from")
		l.checkEndpoint(atEdge(j, "to"), e.To, l.to[j], "edge_to")
	}
}

func (l *linter) checkEndpoint(p place, id string, index int, setting settingKey) {
	switch {
	case id == "":
		l.required(p, setting)
	case index < 0:
		l.report(CodeEdgeUnknownNode, p, i18n.Params{"value": id})
	}
}

// checkStartAndEnds checks the one trigger and the end nodes.
func (l *linter) checkStartAndEnds() {
	ends := 0
	for i, n := range l.g.Nodes {
		switch {
		case n.Kind == KindTrigger && i != l.trigger:
			l.report(CodeMultipleTriggers, atNode(i, "kind"), nil)
		case n.Kind == KindEnd:
			ends++
		}
	}
	if l.trigger < 0 {
		l.report(CodeNoTrigger, atGraph("/nodes"), nil)
	}
	if ends == 0 {
		l.report(CodeNoEnd, atGraph("/nodes"), nil)
	}

	for j := range l.g.Edges {
		if l.to[j] >= 0 && l.g.Nodes[l.to[j]].Kind == KindTrigger {
			l.report(CodeTriggerHasIncoming, atEdge(j, "to"), nil)
		}
		if l.from[j] >= 0 && l.g.Nodes[l.from[j]].Kind == KindEnd {
			l.report(CodeEndHasOutgoing, atEdge(j, "from"), nil)
		}
	}
}

// normalOut lists the normal edges leaving node i.
func (l *linter) normalOut(i int) []int {
	var out []int
	for _, j := range l.out[i] {
		if !l.g.Edges[j].IsBoundary() {
			out = append(out, j)
		}
	}
	return out
}

// checkOutgoing checks how many normal edges leave each node.
func (l *linter) checkOutgoing() {
	for i, n := range l.g.Nodes {
		out := l.normalOut(i)
		switch n.Kind {
		case KindEnd:
		case KindExclusiveGateway:
			l.checkGateway(i, out)
		case KindParallelSplit:
			if len(out) < 2 {
				l.report(CodeSplitTooFewBranches, atNode(i), nil)
			}
		default:
			l.checkSingleOut(i, out)
		}
	}
}

func (l *linter) checkSingleOut(i int, out []int) {
	if len(out) == 0 {
		l.report(CodeMissingOutgoing, atNode(i), nil)
		return
	}
	for _, j := range out[1:] {
		l.report(CodeMultipleOutgoing, atEdge(j, "from"), i18n.Params{"from": l.nodeName(i)})
	}
}

// checkGateway checks the edges of an exclusive gateway: at least two,
// conditions on all but the one default.
func (l *linter) checkGateway(i int, out []int) {
	if len(out) < 2 {
		l.report(CodeGatewayTooFewBranches, atNode(i), nil)
	}

	defaults := 0
	for _, j := range out {
		e := l.g.Edges[j]
		switch {
		case e.Default && e.Condition != "":
			l.report(CodeDefaultHasCondition, atEdge(j, "condition"), nil)
		case !e.Default && e.Condition == "":
			l.report(CodeGatewayMissingCondition, atEdge(j, "condition"), nil)
		}
		if e.Default {
			defaults++
			if defaults > 1 {
				l.report(CodeGatewayMultipleDefaults, atEdge(j, "default"), nil)
			}
		}
	}
	if defaults == 0 && len(out) > 0 {
		l.report(CodeGatewayMissingDefault, atNode(i), nil)
	}
}
