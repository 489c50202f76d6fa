package form

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"
)

// property is a read-only view of one JSON Schema (sub)schema as the
// definition declares it, with a local "$ref" followed so that kind checks
// see what the validator will apply. The zero value is an empty schema.
type property struct {
	m    map[string]any
	root map[string]any
	// dangling is set when a reference cannot be followed here (it points
	// nowhere, which is reported, or is a $dynamicRef), so that checks do
	// not pile complaints onto a property they cannot see.
	dangling bool
}

// maxRefHops bounds how many local $refs a view follows (a cycle of refs
// is the validator's business; the view just stops).
const maxRefHops = 8

// newProperty returns the view of v inside the document root.
func newProperty(root map[string]any, v any) property {
	m, _ := v.(map[string]any)
	if _, dyn := m["$dynamicRef"]; dyn {
		// Resolved only at validation time; kind checks cannot see through it.
		return property{m: m, root: root, dangling: true}
	}

	for range maxRefHops {
		ref, ok := m["$ref"].(string)
		if !ok {
			break
		}
		target, ok := resolveLocal(root, ref).(map[string]any)
		if !ok {
			return property{m: m, root: root, dangling: true}
		}

		merged := make(map[string]any, len(target)+len(m))
		for k, v := range target {
			merged[k] = v
		}
		for k, v := range m {
			if k != "$ref" {
				merged[k] = v
			}
		}

		if _, again := target["$ref"]; !again {
			delete(merged, "$ref")
		}
		m = merged
	}
	return property{m: m, root: root}
}

// resolveLocal follows a "#/…" reference inside root, or returns nil.
func resolveLocal(root map[string]any, ref string) any {
	if len(ref) == 0 || ref[0] != '#' {
		return nil
	}

	var cur any = root
	for _, tok := range splitPointer(ref[1:]) {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			var i int
			if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}

	return cur
}

// types lists the JSON types the schema allows, "null" left out.
func (p property) types() []string {
	var out []string
	switch t := p.m["type"].(type) {
	case string:
		out = append(out, t)
	case []any:
		for _, v := range t {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
	}
	return slices.DeleteFunc(out, func(s string) bool { return s == "null" })
}

// isType reports whether the schema allows exactly one non-null type and it
// is one of want.
func (p property) isType(want ...string) bool {
	ts := p.types()
	return len(ts) == 1 && slices.Contains(want, ts[0])
}

// typeList is the declared type as written ("integer", "string / number"),
// or "" when the schema declares none.
func (p property) typeList() string { return strings.Join(p.types(), " / ") }

// typeName is the declared type for messages.
func (p property) typeName() Text {
	if ts := p.typeList(); ts != "" {
		return Text{"en": ts}
	}
	return text("no type", "未声明类型")
}

// str returns a string keyword.
func (p property) str(key string) string {
	s, _ := p.m[key].(string)
	return s
}

// flag returns a boolean keyword.
func (p property) flag(key string) bool {
	b, _ := p.m[key].(bool)
	return b
}

// has reports whether the keyword is present.
func (p property) has(key string) bool {
	_, ok := p.m[key]
	return ok
}

// rat returns a numeric keyword exactly.
func (p property) rat(key string) (*big.Rat, bool) {
	return toRat(p.m[key])
}

func toRat(v any) (*big.Rat, bool) {
	switch n := v.(type) {
	case json.Number:
		return new(big.Rat).SetString(n.String())
	case float64:
		return new(big.Rat).SetString(fmt.Sprint(n))
	}
	return nil, false
}

// strings returns an array keyword of strings ("enum", "required"); ok is
// false when the keyword is absent or holds anything but strings.
func (p property) strings(key string) ([]string, bool) {
	arr, ok := p.m[key].([]any)
	if !ok {
		return nil, false
	}

	out := make([]string, 0, len(arr))
	for _, v := range arr {
		s, ok := v.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// items returns the schema of an array's items.
func (p property) items() property { return newProperty(p.root, p.m["items"]) }

// child returns the schema of one of an object's properties.
func (p property) child(name string) property {
	props, _ := p.m["properties"].(map[string]any)
	return newProperty(p.root, props[name])
}

// propertyNames lists an object's declared property keys, sorted.
func (p property) propertyNames() []string {
	props, _ := p.m["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// allowsExtra reports whether the object schema says anything that admits
// properties it does not name; when it says nothing, Formwork refuses them.
func (p property) allowsExtra() bool {
	if ap, ok := p.m["additionalProperties"]; ok {
		return ap != false
	}
	if up, ok := p.m["unevaluatedProperties"]; ok {
		return up != false
	}
	return p.has("patternProperties")
}
