package process

// Process is a process definition as the designer saves it. Storage,
// versions and publishing belong to the caller; this package owns what the
// graph means.
type Process struct {
	// Key identifies the process within a tenant ("lead_response");
	// sub_process nodes start a process by its key.
	Key string `json:"key"`
	// Name is the process's display name per locale.
	Name Text `json:"name"`
	// Graph is what the process does.
	Graph Graph `json:"graph"`
}

// Graph is the steps of a process and the connections between them. JSON
// pointers in lint findings ("/nodes/3/config/due") point into its JSON.
type Graph struct {
	// Nodes are the steps, in the order the designer keeps them.
	Nodes []Node `json:"nodes"`
	// Edges connect the steps; a token leaves a node along its edges.
	Edges []Edge `json:"edges"`
}

// Node is one step of a process.
type Node struct {
	// ID is unique within the graph: letters, digits, "_" and "-", at most
	// 64 characters. Running tokens, tasks and timers refer to it.
	ID string `json:"id"`
	// Kind says what the step does; it selects the type of Config.
	Kind Kind `json:"kind"`
	// Name is the step's display name per locale.
	Name Text `json:"name,omitempty"`
	// Position is where the designer draws the step; it has no meaning at
	// run time and Diff ignores it.
	Position Position `json:"position"`
	// Config is the kind's settings: a *TriggerConfig for a trigger, a
	// *UserTaskConfig for a user task, and so on (see Kinds). Decode always
	// sets it; in JSON it is the object under "config".
	Config Config `json:"config,omitempty"`
}

// Position is a node's place on the designer's canvas, in canvas units.
type Position struct {
	// X grows to the right.
	X float64 `json:"x"`
	// Y grows downwards.
	Y float64 `json:"y"`
}

// EdgeKind says how a token takes an edge.
type EdgeKind string

// The edge kinds.
const (
	// EdgeNormal is taken when the node it leaves is done.
	EdgeNormal EdgeKind = "normal"
	// EdgeBoundary leaves a user task when the task has been open for the
	// edge's After duration (an SLA step).
	EdgeBoundary EdgeKind = "boundary"
)

// Edge connects two nodes.
type Edge struct {
	// ID is unique among the graph's edges, in the same alphabet as node ids.
	ID string `json:"id"`
	// From is the id of the node the edge leaves.
	From string `json:"from"`
	// To is the id of the node the edge enters.
	To string `json:"to"`
	// Kind is "normal" or "boundary"; Decode turns an absent kind into
	// "normal".
	Kind EdgeKind `json:"kind"`
	// Condition, on an edge leaving an exclusive gateway, is a boolean
	// expression; the gateway takes the first edge, in graph order, whose
	// condition holds, and the default edge when none does.
	Condition string `json:"condition,omitempty"`
	// Default marks the one edge of an exclusive gateway taken when no
	// condition holds; it has no condition.
	Default bool `json:"default,omitempty"`
	// After, on a boundary edge, is how long after the task was created the
	// edge fires ("2h", "8h business"); business durations count working
	// time in the task's calendar.
	After string `json:"after,omitempty"`
	// Interrupting, on a boundary edge, cancels the task and moves its token
	// along the edge. When false (the usual SLA reminder) the task stays open
	// and a new token runs the edge's path, which must finish at an end
	// node on its own.
	Interrupting bool `json:"interrupting,omitempty"`
	// Label is the edge's caption on the canvas, per locale.
	Label Text `json:"label,omitempty"`
}

// IsBoundary reports whether the edge is a boundary (SLA) edge.
func (e Edge) IsBoundary() bool { return e.Kind == EdgeBoundary }

// movesToken reports whether taking the edge moves the token of the node it
// leaves (rather than starting a side token beside a task that stays open).
func (e Edge) movesToken() bool { return !e.IsBoundary() || e.Interrupting }

// normalize fills in defaults Decode promises: edge kinds and configs.
func (g *Graph) normalize() {
	for i := range g.Edges {
		if g.Edges[i].Kind == "" {
			g.Edges[i].Kind = EdgeNormal
		}
	}
	for i := range g.Nodes {
		if g.Nodes[i].Config == nil {
			g.Nodes[i].Config, _ = newConfig(g.Nodes[i].Kind)
		}
	}
}
