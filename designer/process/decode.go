package process

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// The limits Decode holds a graph to.
const (
	// MaxGraphBytes is the largest graph document accepted.
	MaxGraphBytes = 1 << 20
	// MaxNodes is the most nodes a graph may have.
	MaxNodes = 500
	// MaxEdges is the most edges a graph may have.
	MaxEdges = 2000
)

// Decode reads a graph document strictly: it must be JSON within
// MaxGraphBytes, MaxNodes and MaxEdges; every key must be known, node
// configs included (their shape depends on the node's kind); every value
// must have the right JSON type. Every offending value is reported at
// once, as a *problem.Error whose field errors carry JSON pointers into
// raw. Decode checks shape only; Lint checks meaning.
func Decode(raw json.RawMessage) (Graph, error) {
	val, err := readJSON(raw)
	if err != nil {
		return Graph{}, err
	}

	var w walker
	w.graphLimits("", val)
	if err := w.err(); err != nil {
		return Graph{}, err
	}
	w.value("", val, reflect.TypeFor[Graph]())
	if err := w.err(); err != nil {
		return Graph{}, err
	}

	var g Graph
	if err := json.Unmarshal(raw, &g); err != nil {
		return Graph{}, malformed(err)
	}
	g.normalize()
	return g, nil
}

// DecodeProcess reads a whole process document ({"key", "name", "graph"})
// as Decode reads a graph; pointers then start with "/graph" for the
// graph's parts.
func DecodeProcess(raw json.RawMessage) (Process, error) {
	val, err := readJSON(raw)
	if err != nil {
		return Process{}, err
	}

	var w walker
	if obj, ok := val.(map[string]any); ok {
		w.graphLimits("/graph", obj["graph"])
	}
	if err := w.err(); err != nil {
		return Process{}, err
	}
	w.value("", val, reflect.TypeFor[Process]())
	if err := w.err(); err != nil {
		return Process{}, err
	}

	var p Process
	if err := json.Unmarshal(raw, &p); err != nil {
		return Process{}, malformed(err)
	}
	p.Graph.normalize()
	return p, nil
}

// readJSON parses raw into generic JSON values, numbers kept as written.
// The top level must be an object.
func readJSON(raw []byte) (any, error) {
	if len(raw) > MaxGraphBytes {
		return nil, problem.New(problem.TooLarge, "process.too_large",
			i18n.Params{"limit": MaxGraphBytes})
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, problem.New(problem.BadRequest, "request.empty_body", nil)
	}

	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var val any
	if err := dec.Decode(&val); err != nil {
		return nil, malformed(err)
	}
	if dec.More() {
		return nil, malformed(errors.New("unexpected data after the JSON value"))
	}

	if _, ok := val.(map[string]any); !ok {
		return nil, problem.Fields(problem.Field("", "wrong_type",
			i18n.Params{"expected": "object", "got": jsonKind(val)}))
	}
	return val, nil
}

// malformed is the refusal of JSON that cannot be read at all.
func malformed(err error) error {
	reason := strings.TrimPrefix(err.Error(), "json: ")
	var se *json.SyntaxError
	if errors.As(err, &se) {
		reason = fmt.Sprintf("%s (at byte %d)", reason, se.Offset)
	}
	return &problem.Error{Kind: problem.BadRequest, Code: "request.malformed_json",
		Params: i18n.Params{"reason": reason}, Err: err}
}
