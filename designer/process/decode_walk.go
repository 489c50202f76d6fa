package process

import (
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// walker checks generic JSON values against the Go types they must fill,
// collecting one field error per offending value. encoding/json alone
// would stop at the first problem and cannot say where an unknown key is.
type walker struct {
	fields []problem.FieldError
}

var (
	textType   = reflect.TypeFor[Text]()
	pointsType = reflect.TypeFor[Points]()
	nodeType   = reflect.TypeFor[Node]()
	skipType   = reflect.TypeFor[json.RawMessage]()
)

// add records a field error with the platform's "field.<code>" message.
func (w *walker) add(ptr, code string, p i18n.Params) {
	w.fields = append(w.fields, problem.Field(ptr, code, p))
}

// addOwn records a field error with this package's "process.decode.<code>"
// message.
func (w *walker) addOwn(ptr, code string, p i18n.Params) {
	fe := problem.Field(ptr, code, p)
	fe.Messages = map[i18n.Locale]string(localized(func(l i18n.Locale) string {
		return i18n.T(l, "process.decode."+code, p)
	}))
	w.fields = append(w.fields, fe)
}

// err returns everything recorded as one Invalid error, or nil.
func (w *walker) err() error {
	if len(w.fields) == 0 {
		return nil
	}
	return problem.Fields(w.fields...)
}

// graphLimits refuses graphs with too many nodes or edges before anything
// else looks at them.
func (w *walker) graphLimits(ptr string, val any) {
	obj, _ := val.(map[string]any)
	if nodes, _ := obj["nodes"].([]any); len(nodes) > MaxNodes {
		w.addOwn(ptr+"/nodes", "too_many_nodes", i18n.Params{"max": MaxNodes})
	}
	if edges, _ := obj["edges"].([]any); len(edges) > MaxEdges {
		w.addOwn(ptr+"/edges", "too_many_edges", i18n.Params{"max": MaxEdges})
	}
}

// value checks one value; null is always accepted and leaves the zero
// value, as encoding/json does.
func (w *walker) value(ptr string, v any, t reflect.Type) {
	if v == nil || t == skipType {
		return
	}
	switch {
	case t == textType:
		w.text(ptr, v)
	case t == pointsType:
		w.points(ptr, v)
	case t == nodeType:
		w.node(ptr, v)
	case t.Kind() == reflect.Struct:
		w.object(ptr, v, jsonFields(t))
	case t.Kind() == reflect.Map:
		w.mapping(ptr, v, t.Elem())
	case t.Kind() == reflect.Slice:
		w.array(ptr, v, t.Elem())
	default:
		w.scalar(ptr, v, t)
	}
}

func (w *walker) object(ptr string, v any, fields map[string]reflect.Type) {
	obj, ok := v.(map[string]any)
	if !ok {
		w.wrongType(ptr, "object", v)
		return
	}

	for _, k := range sortedKeys(obj) {
		p := ptr + "/" + escapePointer(k)
		ft, known := fields[k]
		if !known {
			w.add(p, "unknown", nil)
			continue
		}
		w.value(p, obj[k], ft)
	}
}

// node checks a node, whose config's shape depends on its kind.
func (w *walker) node(ptr string, v any) {
	obj, ok := v.(map[string]any)
	if !ok {
		w.wrongType(ptr, "object", v)
		return
	}

	fields := map[string]reflect.Type{"config": skipType}
	for k, t := range jsonFields(nodeType) {
		if k != "config" {
			fields[k] = t
		}
	}
	kind, isString := obj["kind"].(string)
	switch {
	case obj["kind"] == nil:
		w.add(ptr+"/kind", "required", nil)
	case isString && !Kind(kind).Known():
		w.addOwn(ptr+"/kind", "unknown_node_kind", i18n.Params{"value": kind,
			"allowed": joinKinds(Kinds())})
	case isString:
		fields["config"], _ = configType(Kind(kind))
	}
	w.object(ptr, v, fields)
}

func (w *walker) mapping(ptr string, v any, elem reflect.Type) {
	obj, ok := v.(map[string]any)
	if !ok {
		w.wrongType(ptr, "object", v)
		return
	}

	for _, k := range sortedKeys(obj) {
		p := ptr + "/" + escapePointer(k)
		if strings.HasPrefix(k, "$") || strings.Contains(k, ".") || k == "" {
			w.add(p, "invalid_key", nil)
			continue
		}
		w.value(p, obj[k], elem)
	}
}

func (w *walker) array(ptr string, v any, elem reflect.Type) {
	arr, ok := v.([]any)
	if !ok {
		w.wrongType(ptr, "array", v)
		return
	}
	for i, item := range arr {
		w.value(ptr+"/"+strconv.Itoa(i), item, elem)
	}
}

// text checks a Text: an object keyed by supported locales.
func (w *walker) text(ptr string, v any) {
	obj, ok := v.(map[string]any)
	if !ok {
		w.wrongType(ptr, "object", v)
		return
	}

	for _, k := range sortedKeys(obj) {
		p := ptr + "/" + escapePointer(k)
		if !i18n.Valid(k) {
			w.add(p, "invalid_locale", i18n.Params{"allowed": joinLocales()})
			continue
		}
		w.value(p, obj[k], reflect.TypeFor[string]())
	}
}

// points checks Points: a number or an expression string.
func (w *walker) points(ptr string, v any) {
	switch v.(type) {
	case string:
	case json.Number:
		w.scalar(ptr, v, reflect.TypeFor[float64]())
	default:
		w.addOwn(ptr, "points_type", nil)
	}
}

func (w *walker) scalar(ptr string, v any, t reflect.Type) {
	switch t.Kind() {
	case reflect.String:
		if _, ok := v.(string); !ok {
			w.wrongType(ptr, "string", v)
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			w.wrongType(ptr, "boolean", v)
		}
	case reflect.Int:
		n, ok := v.(json.Number)
		if _, err := strconv.ParseInt(string(n), 10, 32); !ok || err != nil {
			w.wrongType(ptr, "integer", v)
		}
	case reflect.Float64:
		n, ok := v.(json.Number)
		if _, err := strconv.ParseFloat(string(n), 64); !ok || err != nil {
			w.wrongType(ptr, "number", v)
		}
	}
}

func (w *walker) wrongType(ptr, expected string, v any) {
	w.add(ptr, "wrong_type", i18n.Params{"expected": expected, "got": jsonKind(v)})
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	}
	return "null"
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// escapePointer escapes a key for a JSON pointer (RFC 6901).
func escapePointer(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// jsonFields returns the JSON keys a struct type accepts, with their types.
// Config types use plain tagged fields only.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}

	m := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = f.Type
	}
	fieldCache.Store(t, m)
	return m
}

func joinKinds(kinds []Kind) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func joinLocales() string {
	s := make([]string, len(i18n.Locales))
	for i, l := range i18n.Locales {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}
