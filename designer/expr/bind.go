package expr

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"cel.dev/cel-go/common/types"

	"github.com/formworkhq/formwork/designer/calendar"
)

// Bind converts vars to the declared types and fills in zero values for
// declared variables that are absent. Values for undeclared names are
// dropped. A value that cannot be converted is an *Error naming it (code
// bad_value); so is a missing now when the Env was built WithNow (code
// unbound). Date-times written without an offset are read in the Env's
// time zone.
func (e *Env) Bind(vars map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(e.vars))
	for name, t := range e.vars {
		v, ok := vars[name]
		if !ok || v == nil {
			if e.required[name] {
				return nil, newError(CodeUnbound, Params{"name": name}, 0, 0, "")
			}
			out[name] = zero(t)
			continue
		}
		c, err := coerce(v, t, e.zone)
		if err != nil {
			return nil, newError(CodeBadValue, Params{"name": name, "want": TypeName(t)},
				0, 0, err.Error())
		}
		out[name] = c
	}
	return out, nil
}

// zero is the value an absent variable of type t takes.
func zero(t Type) any {
	switch t.Kind() {
	case types.StringKind:
		return ""
	case types.IntKind:
		return int64(0)
	case types.DoubleKind:
		return float64(0)
	case types.BoolKind:
		return false
	case types.TimestampKind:
		return time.Time{}
	case types.DurationKind:
		return time.Duration(0)
	case types.ListKind:
		return []any{}
	case types.MapKind:
		return map[string]any{}
	}
	return types.NullValue
}

// coerce converts a JSON-shaped value to what CEL expects for type t.
func coerce(v any, t Type, zone *time.Location) (any, error) {
	switch t.Kind() {
	case types.StringKind:
		return toString(v)
	case types.BoolKind:
		return toBool(v)
	case types.IntKind:
		return toInt(v)
	case types.DoubleKind:
		return toNumber(v)
	case types.TimestampKind:
		return toTime(v, zone)
	case types.DurationKind:
		return toDuration(v)
	case types.ListKind:
		return toList(v, t.Parameters()[0], zone)
	case types.MapKind:
		return toMap(v, t.Parameters()[1], zone)
	}
	return plain(v), nil
}

// toString accepts strings, including named string types.
func toString(v any) (any, error) {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return rv.String(), nil
	}
	return nil, notA(v, "text")
}

func toBool(v any) (any, error) {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Bool {
		return rv.Bool(), nil
	}
	return nil, notA(v, "true or false")
}

func toInt(v any) (any, error) {
	switch n := v.(type) {
	case int64:
		return n, nil
	case int:
		return int64(n), nil
	case json.Number:
		return n.Int64()
	case float64:
		if n != float64(int64(n)) {
			return nil, notA(n, "a whole number")
		}
		return int64(n), nil
	}
	return nil, notA(v, "a number")
}

func toNumber(v any) (any, error) {
	switch n := v.(type) {
	case float64:
		return n, nil
	case int64:
		return float64(n), nil
	case int:
		return float64(n), nil
	case json.Number:
		return n.Float64()
	}
	return nil, notA(v, "a number")
}

// dateLayouts are the ways dates and times arrive from forms; those
// without an offset are read in the Env's zone.
var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04",
	time.DateOnly}

func toTime(v any, zone *time.Location) (any, error) {
	switch t := v.(type) {
	case time.Time:
		return t, nil
	case string:
		for _, layout := range dateLayouts {
			if parsed, err := time.ParseInLocation(layout, t, zone); err == nil {
				return parsed, nil
			}
		}
	}
	return nil, notA(v, "a date or time")
}

// toDuration reads Go's "1h30m" and the calendar's "3d" alike.
func toDuration(v any) (any, error) {
	switch d := v.(type) {
	case time.Duration:
		return d, nil
	case string:
		if parsed, err := time.ParseDuration(d); err == nil {
			return parsed, nil
		}

		if cd, err := calendar.ParseDuration(d); err == nil && !cd.Business {
			return cd.Length, nil
		}
	}
	return nil, notA(v, "a duration")
}

func toList(v any, elem Type, zone *time.Location) (any, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil, notA(v, "a list")
	}

	out := make([]any, rv.Len())
	for i := range out {
		c, err := coerce(rv.Index(i).Interface(), elem, zone)
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
		out[i] = c
	}
	return out, nil
}

func toMap(v any, elem Type, zone *time.Location) (any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		if reflect.ValueOf(v).Kind() == reflect.Map {
			return plain(v), nil
		}
		return nil, notA(v, "an object")
	}

	out := make(map[string]any, len(m))
	for k, item := range m {
		c, err := coerce(item, elem, zone)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", k, err)
		}
		out[k] = c
	}
	return out, nil
}

// plain makes a value of any type readable by CEL: JSON numbers decoded as
// json.Number become float64, at any depth.
func plain(v any) any {
	switch x := v.(type) {
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return f
		}
		return x.String()
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = plain(item)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, item := range x {
			out[k] = plain(item)
		}
		return out
	}
	return v
}

// valueError says a bound value is not what its variable's type needs.
type valueError struct {
	value any
	want  string
}

func notA(v any, want string) error { return &valueError{v, want} }

func (e *valueError) Error() string {
	if s, ok := e.value.(string); ok {
		return fmt.Sprintf("%q is not %s", s, e.want)
	}
	return fmt.Sprintf("%T value is not %s", e.value, e.want)
}
