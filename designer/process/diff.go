package process

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
)

// Change codes. Each has a message per locale under "process.diff.<code>".
const (
	ChangeNodeAdded          = "node_added"
	ChangeNodeRemoved        = "node_removed"
	ChangeWaitingNodeRemoved = "waiting_node_removed" // breaking
	ChangeNodeChanged        = "node_changed"
	ChangeWaitingNodeKind    = "waiting_node_kind_changed" // breaking
	ChangeEdgeAdded          = "edge_added"
	ChangeEdgeRemoved        = "edge_removed"
	ChangeEdgeChanged        = "edge_changed"
)

// Change is one difference between two versions of a graph.
type Change struct {
	// Code says what changed (the Change constants).
	Code string `json:"code"`
	// Node is the id of the node that changed, if any.
	Node string `json:"node,omitempty"`
	// Edge is the id of the edge that changed, if any.
	Edge string `json:"edge,omitempty"`
	// Aspects list what changed in a changed node ("kind", "name",
	// "config") or edge ("from", "to", "kind", "condition", "default",
	// "after", "interrupting", "label").
	Aspects []string `json:"aspects,omitempty"`
	// Settings, when the config changed, are the config keys whose values
	// differ ("due", "recipients").
	Settings []string `json:"settings,omitempty"`
	// Breaking marks a change that would strand running instances moved to
	// the new version: a node that tokens may be resting at (see
	// Node.Waits) is removed or becomes another kind of node. Changes of
	// settings are not breaking: running work keeps the settings it started
	// with (a task its assignee, a timer its deadline).
	Breaking bool `json:"breaking,omitempty"`
	// Params fill the message; Text and Kind values are read in the
	// message's locale.
	Params i18n.Params `json:"params,omitempty"`
}

// Message returns the change's message in locale l.
func (c Change) Message(l i18n.Locale) string {
	return i18n.T(l, "process.diff."+c.Code, resolveParams(l, c.Params))
}

// Diff lists what changed from old to new: nodes added, removed and
// changed (kind, name, config; positions are layout and ignored), then
// edges added, removed and changed, each group ordered by id. Nodes and
// edges are matched by id.
func Diff(old, new Graph) []Change {
	var changes []Change
	oldNodes, newNodes := nodesByID(old), nodesByID(new)
	for _, id := range unionKeys(oldNodes, newNodes) {
		if c, ok := diffNode(oldNodes[id], newNodes[id]); ok {
			changes = append(changes, c)
		}
	}

	oldEdges, newEdges := edgesByID(old), edgesByID(new)
	for _, id := range unionKeys(oldEdges, newEdges) {
		if c, ok := diffEdge(old, new, oldEdges[id], newEdges[id]); ok {
			changes = append(changes, c)
		}
	}
	return changes
}

// diffNode compares the versions of one node; nil means absent.
func diffNode(old, new *Node) (Change, bool) {
	switch {
	case old == nil:
		return nodeChange(ChangeNodeAdded, *new, nil), true
	case new == nil && old.Waits():
		c := nodeChange(ChangeWaitingNodeRemoved, *old, nil)
		c.Breaking = true
		return c, true
	case new == nil:
		return nodeChange(ChangeNodeRemoved, *old, nil), true
	}

	aspects := nodeAspects(*old, *new)
	if len(aspects) == 0 {
		return Change{}, false
	}
	code := ChangeNodeChanged
	if old.Waits() && old.Kind != new.Kind {
		code = ChangeWaitingNodeKind
	}

	c := nodeChange(code, *new, aspects)
	if slices.Contains(aspects, "config") {
		c.Settings = changedKeys(old.Config, new.Config)
		c.Params["aspects"] = aspectList(aspects, c.Settings, new.Kind)
	}
	if code == ChangeWaitingNodeKind {
		c.Params["old_kind"], c.Breaking = old.Kind, true
	}
	return c, true
}

func nodeChange(code string, n Node, aspects []string) Change {
	return Change{Code: code, Node: n.ID, Aspects: aspects, Params: i18n.Params{
		"node": nodeDisplayName(n), "kind": n.Kind, "aspects": aspectList(aspects, nil, "")}}
}

// changedKeys lists the top-level JSON keys whose values differ between
// two configs of the same kind, sorted.
func changedKeys(a, b Config) []string {
	var ma, mb map[string]json.RawMessage
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	_ = json.Unmarshal(ja, &ma)
	_ = json.Unmarshal(jb, &mb)

	var keys []string
	for _, k := range unionKeys(ma, mb) {
		if !bytes.Equal(ma[k], mb[k]) {
			keys = append(keys, k)
		}
	}
	return keys
}

func nodeAspects(old, new Node) []string {
	var aspects []string
	if old.Kind != new.Kind {
		aspects = append(aspects, "kind")
	}
	if !sameJSON(old.Name, new.Name) {
		aspects = append(aspects, "name")
	}
	if old.Kind == new.Kind && !sameJSON(old.Config, new.Config) {
		aspects = append(aspects, "config")
	}
	return aspects
}

// diffEdge compares the versions of one edge; nil means absent.
func diffEdge(oldG, newG Graph, old, new *int) (Change, bool) {
	switch {
	case old == nil:
		return edgeChange(ChangeEdgeAdded, newG, *new, nil), true
	case new == nil:
		return edgeChange(ChangeEdgeRemoved, oldG, *old, nil), true
	}

	aspects := edgeAspects(oldG.Edges[*old], newG.Edges[*new])
	if len(aspects) == 0 {
		return Change{}, false
	}
	return edgeChange(ChangeEdgeChanged, newG, *new, aspects), true
}

func edgeChange(code string, g Graph, j int, aspects []string) Change {
	return Change{Code: code, Edge: g.Edges[j].ID, Aspects: aspects, Params: i18n.Params{
		"edge": edgeDisplayName(g, j), "aspects": aspectList(aspects, nil, "")}}
}

func edgeAspects(a, b Edge) []string {
	var aspects []string
	add := func(name string, changed bool) {
		if changed {
			aspects = append(aspects, name)
		}
	}

	add("from", a.From != b.From)
	add("to", a.To != b.To)
	add("kind", edgeKindOf(a) != edgeKindOf(b))
	add("condition", a.Condition != b.Condition)
	add("default", a.Default != b.Default)
	add("after", a.After != b.After)
	add("interrupting", a.Interrupting != b.Interrupting)
	add("label", !sameJSON(a.Label, b.Label))
	return aspects
}

func edgeKindOf(e Edge) EdgeKind {
	if e.Kind == "" {
		return EdgeNormal
	}
	return e.Kind
}

// aspectList names aspects in every locale, as "name, settings (due
// time)"; settings are the config keys of a node of kind that changed.
func aspectList(aspects, settings []string, kind Kind) Text {
	return localized(func(l i18n.Locale) string {
		sep := i18n.T(l, "process.list_separator", nil)
		names := make([]string, len(aspects))
		for i, a := range aspects {
			names[i] = i18n.T(l, "process.aspect."+a, nil)
			if a == "config" && len(settings) > 0 {
				names[i] = i18n.T(l, "process.aspect.config_keys",
					i18n.Params{"keys": settingNames(l, settings, kind, sep)})
			}
		}
		return strings.Join(names, sep)
	})
}

// settingNames names config keys of a node of kind in locale l, by their
// setting labels where they have one.
func settingNames(l i18n.Locale, keys []string, kind Kind, sep string) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = i18n.T(l, "process.setting."+settingLabelOf(kind, k), nil)
	}
	return strings.Join(names, sep)
}

// settingLabelOf is the setting label of config key in a node of kind.
func settingLabelOf(kind Kind, key string) string {
	if label := kindKeyLabels[kind][key]; label != "" {
		return label
	}
	if label := configKeyLabels[key]; label != "" {
		return label
	}
	return key
}

// configKeyLabels maps a config key to its setting label where the two
// differ or where the label exists.
var configKeyLabels = map[string]string{
	"assignee": "assignee_rule", "to": "award_to",
}

// kindKeyLabels are the labels of config keys that mean something else in
// one kind of node than in the others.
var kindKeyLabels = map[Kind]map[string]string{
	KindCreateRecord: {"fields": "record_fields", "owner": "record_owner"},
}

// sameJSON compares two values by their JSON, which treats a nil and an
// empty map alike and ignores how a config was built.
func sameJSON(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// nodesByID indexes nodes by id; a repeated id keeps its first node.
func nodesByID(g Graph) map[string]*Node {
	m := make(map[string]*Node, len(g.Nodes))
	for i := range g.Nodes {
		if _, dup := m[g.Nodes[i].ID]; !dup {
			m[g.Nodes[i].ID] = &g.Nodes[i]
		}
	}
	return m
}

// edgesByID indexes edge positions by id; a repeated id keeps its first.
func edgesByID(g Graph) map[string]*int {
	m := make(map[string]*int, len(g.Edges))
	for j := range g.Edges {
		if _, dup := m[g.Edges[j].ID]; !dup {
			m[g.Edges[j].ID] = &j
		}
	}
	return m
}

func unionKeys[V any](a, b map[string]V) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}
