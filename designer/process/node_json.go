package process

import (
	"encoding/json"
	"fmt"
)

// nodeJSON is a node as written, its config not yet typed.
type nodeJSON struct {
	ID       string          `json:"id"`
	Kind     Kind            `json:"kind"`
	Name     Text            `json:"name,omitempty"`
	Position Position        `json:"position"`
	Config   json.RawMessage `json:"config,omitempty"`
}

// UnmarshalJSON reads a node, decoding its config into the type its kind
// names. It is lenient about unknown keys, for reading stored definitions;
// Decode is the strict reader for what people send.
func (n *Node) UnmarshalJSON(b []byte) error {
	var raw nodeJSON
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("reading node: %w", err)
	}
	cfg, ok := newConfig(raw.Kind)
	if !ok {
		return fmt.Errorf("reading node %q: %w", raw.ID, &UnknownKindError{Kind: raw.Kind})
	}

	if len(raw.Config) > 0 && string(raw.Config) != "null" {
		if err := json.Unmarshal(raw.Config, cfg); err != nil {
			return fmt.Errorf("reading config of node %q: %w", raw.ID, err)
		}
	}
	*n = Node{ID: raw.ID, Kind: raw.Kind, Name: raw.Name, Position: raw.Position, Config: cfg}
	return nil
}

// UnknownKindError is the refusal of a node whose kind is not one of Kinds.
type UnknownKindError struct {
	// Kind is the kind as written.
	Kind Kind
}

// Error implements error.
func (e *UnknownKindError) Error() string { return fmt.Sprintf("unknown node kind %q", e.Kind) }
