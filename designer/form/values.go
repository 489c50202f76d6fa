package form

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/formworkhq/formwork/designer/expr"
)

// shape is how a field's value is handed to expressions; it is derived
// from the field's expression type once, at compile time.
type shape int

const (
	shapeAny shape = iota
	shapeString
	shapeNumber
	shapeBool
	shapeTime
	shapeStrings
	shapeObjects
	shapeObject
)

// shapeOf derives the shape of expression type t.
func shapeOf(t expr.Type) shape {
	switch {
	case t.IsExactType(expr.String):
		return shapeString
	case t.IsExactType(expr.Number):
		return shapeNumber
	case t.IsExactType(expr.Bool):
		return shapeBool
	case t.IsExactType(expr.Timestamp):
		return shapeTime
	case t.IsExactType(expr.ListOf(expr.String)):
		return shapeStrings
	case t.IsExactType(expr.ListOf(rowType)):
		return shapeObjects
	case t.IsExactType(rowType):
		return shapeObject
	}
	return shapeAny
}

// toExpr converts a JSON value to what expressions expect for shape sh.
// ok is false for a value of the wrong type: the schema reports it, and
// expressions read the field as empty meanwhile.
func toExpr(v any, sh shape) (any, bool) {
	switch sh {
	case shapeString:
		s, ok := v.(string)
		return s, ok
	case shapeNumber:
		n, ok := v.(float64)
		return n, ok
	case shapeBool:
		b, ok := v.(bool)
		return b, ok
	case shapeTime:
		return parseTime(v)
	case shapeStrings:
		return v, allItems[string](v)
	case shapeObjects:
		return v, allItems[map[string]any](v)
	case shapeObject:
		_, ok := v.(map[string]any)
		return v, ok
	}
	return v, true
}

func allItems[T any](v any) bool {
	items, ok := v.([]any)
	if !ok {
		return false
	}
	for _, it := range items {
		if _, ok := it.(T); !ok {
			return false
		}
	}
	return true
}

// parseTime reads a date ("2026-02-20") or an RFC 3339 date-time.
func parseTime(v any) (any, bool) {
	s, ok := v.(string)
	if !ok {
		return nil, false
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return nil, false
}

// fromExpr converts a computed result to the JSON value stored for a
// property p.
func fromExpr(v any, p property) (any, error) {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("computed result %v: %w", x, errNotFinite)
		}
		return roundToStep(x, p), nil
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case time.Time:
		if p.str("format") == "date" {
			return x.Format(time.DateOnly), nil
		}
		return x.Format(time.RFC3339Nano), nil
	case string, bool, nil:
		return x, nil
	}
	return nil, fmt.Errorf("computed result of type %T: %w", v, errNotStorable)
}

// errNotStorable refuses computed results JSON has no place for.
var errNotStorable = errors.New("cannot be stored in a record")

// roundToStep rounds a computed number to the decimals its property's
// multipleOf implies when that is 1, 0.1, 0.01 …: binary floating point
// makes 3 × 0.1 come out as 0.30000000000000004, which a multipleOf 0.01
// would refuse although the person meant 0.3.
func roundToStep(x float64, p property) float64 {
	step, ok := p.rat("multipleOf")
	if !ok || step.Num().Int64() != 1 {
		return x
	}

	den := step.Denom()
	for n := 0; n <= 9; n++ {
		scale := math.Pow10(n)
		if den.IsInt64() && float64(den.Int64()) == scale {
			return math.Round(x*scale) / scale
		}
	}
	return x
}

// blank reports whether a submitted value counts as not filled in: null,
// an empty or all-space string, or an empty list. Blank values are dropped.
func blank(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	}
	return false
}

// toFloat reads a JSON number.
func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// normalize deep-copies a caller's map into the shapes JSON decoding gives
// (string, float64, bool, nil, []any, map[string]any), so that Go values
// such as int, []string or time.Time validate as their JSON would.
func normalize(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, bool:
		return x, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("normalizing %v: %w", x, errNotFinite)
		}
		return x, nil
	case map[string]any:
		return normalizeMap(x)
	case []any:
		return normalizeSlice(x)
	case json.Number:
		return x.Float64()
	}
	return normalizeOther(v)
}

// errNotFinite refuses NaN and the infinities, which JSON cannot carry.
var errNotFinite = errors.New("not a finite number")

func normalizeMap(m map[string]any) (any, error) {
	out := make(map[string]any, len(m))
	for k, item := range m {
		n, err := normalize(item)
		if err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, nil
}

func normalizeSlice(items []any) (any, error) {
	out := make([]any, len(items))
	for i, item := range items {
		n, err := normalize(item)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

// normalizeOther handles the remaining Go types: numbers directly, anything
// else through its JSON encoding.
func normalizeOther(v any) (any, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), nil
	case reflect.Float32:
		return rv.Float(), nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("normalizing %T: %w", v, err)
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("normalizing %T: %w", v, err)
	}
	return out, nil
}
