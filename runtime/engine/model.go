package engine

import (
	"errors"
	"fmt"
	"sync"

	"github.com/formworkhq/formwork/designer/process"
)

// Definition is one process version as the core runs it: its graph and
// what expressions may read of the forms it works on.
type Definition struct {
	// Key and Version identify the process version.
	Key     string
	Version int
	// Graph is the version's graph.
	Graph process.Graph
	// RecordFields are the fields of the trigger's form, with their
	// expression types; fields a record has beyond them are read untyped.
	RecordFields []process.Field
	// TaskFields are the fields of each task form, by form key.
	TaskFields map[string][]process.Field
}

// Model is a Definition prepared for running: nodes indexed, edges grouped
// by the node they leave, expressions compiled once and kept. It is safe
// for concurrent use; the shell keeps one per process version.
type Model struct {
	def     Definition
	nodes   map[string]int
	out     map[string][]int
	trigger int

	mu       sync.Mutex
	programs map[string]compiled
}

// ErrNoTrigger is returned by Prepare for a graph without a trigger node.
var ErrNoTrigger = errors.New("process has no trigger")

// Prepare indexes def's graph. It refuses graphs a run cannot start:
// without a trigger, or with edges to unknown nodes.
func Prepare(def Definition) (*Model, error) {
	m := &Model{def: def, nodes: map[string]int{}, out: map[string][]int{}, trigger: -1,
		programs: map[string]compiled{}}
	for i, n := range def.Graph.Nodes {
		m.nodes[n.ID] = i
		if n.Kind == process.KindTrigger && m.trigger < 0 {
			m.trigger = i
		}
	}
	if m.trigger < 0 {
		return nil, fmt.Errorf("preparing process %q: %w", def.Key, ErrNoTrigger)
	}

	for i, e := range def.Graph.Edges {
		_, okFrom := m.nodes[e.From]
		_, okTo := m.nodes[e.To]
		if !okFrom || !okTo {
			return nil, fmt.Errorf("preparing process %q: edge %q joins unknown nodes",
				def.Key, e.ID)
		}
		m.out[e.From] = append(m.out[e.From], i)
	}
	return m, nil
}

// Definition returns the definition the model was prepared from.
func (m *Model) Definition() Definition { return m.def }

// Trigger returns the process's trigger node.
func (m *Model) Trigger() process.Node { return m.def.Graph.Nodes[m.trigger] }

// node returns the node with id.
func (m *Model) node(id string) (process.Node, bool) {
	i, ok := m.nodes[id]
	if !ok {
		return process.Node{}, false
	}
	return m.def.Graph.Nodes[i], true
}

// edges returns the edges leaving node id, normal ones or boundary ones.
func (m *Model) edges(id string, boundary bool) []process.Edge {
	var out []process.Edge
	for _, i := range m.out[id] {
		if e := m.def.Graph.Edges[i]; e.IsBoundary() == boundary {
			out = append(out, e)
		}
	}
	return out
}

// edge returns the edge with id.
func (m *Model) edge(id string) (process.Edge, bool) {
	for _, e := range m.def.Graph.Edges {
		if e.ID == id {
			return e, true
		}
	}
	return process.Edge{}, false
}
