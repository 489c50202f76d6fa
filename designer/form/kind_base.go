package form

import (
	"encoding/json"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// noSettings is the settings value of kinds that take none.
type noSettings struct{}

// parseNoSettings accepts only an empty settings object.
func parseNoSettings(raw json.RawMessage) (any, []issue) {
	return noSettings{}, decodeSettings(raw)
}

// wantType reports a property whose type is not one of want.
func wantType(p property, k kind, want ...string) []issue {
	if p.isType(want...) {
		return nil
	}
	return []issue{{ptr: "/type", code: "kind_type",
		params: i18n.Params{"kind": k.label(), "want": strings.Join(want, " / "),
			"got": p.typeName()}}}
}

// wantStringFormat reports a property that is not a string of format f.
func wantStringFormat(p property, k kind, f string) []issue {
	if issues := wantType(p, k, "string"); issues != nil {
		return issues
	}
	if p.str("format") != f {
		return []issue{{ptr: "/format", code: "kind_format",
			params: i18n.Params{"kind": k.label(), "want": f}}}
	}
	return nil
}

// unknownKindParams fills the message for a kind that does not exist.
func unknownKindParams(name string) i18n.Params {
	return i18n.Params{"kind": name, "allowed": strings.Join(kindNames(), ", ")}
}

// valueTypeName names an expression type for the palette.
func valueTypeName(t expr.Type) string {
	switch {
	case t == nil:
		return "any"
	case t.IsExactType(expr.String):
		return "string"
	case t.IsExactType(expr.Number):
		return "number"
	case t.IsExactType(expr.Int):
		return "int"
	case t.IsExactType(expr.Bool):
		return "bool"
	case t.IsExactType(expr.Timestamp):
		return "timestamp"
	case t.IsExactType(expr.Duration):
		return "duration"
	}
	if params := t.Parameters(); len(params) == 1 {
		return "list(" + valueTypeName(params[0]) + ")"
	} else if len(params) == 2 {
		return "map(" + valueTypeName(params[1]) + ")"
	}
	return "any"
}

// fileRef is the expression type of one stored file: {id, name, size,
// content_type}.
var fileRef = expr.MapOf(expr.Dyn)

// fileFragment is the schema of one stored file reference, with the largest
// size allowed (zero for no limit).
func fileFragment(maxSize int64) map[string]any {
	size := map[string]any{"type": "integer", "minimum": 0}
	if maxSize > 0 {
		size["maximum"] = maxSize
	}
	return map[string]any{
		"type":     "object",
		"required": []any{"id", "name", "size", "content_type"},
		"properties": map[string]any{
			"id":           map[string]any{"type": "string", "minLength": 1, "maxLength": 64},
			"name":         map[string]any{"type": "string", "minLength": 1, "maxLength": 255},
			"size":         size,
			"content_type": map[string]any{"type": "string", "minLength": 3, "maxLength": 127},
		},
		"additionalProperties": false,
	}
}

// checkFileRef reports where p does not describe a stored file reference.
func checkFileRef(p property, k kind) []issue {
	if issues := wantType(p, k, "object"); issues != nil {
		return issues
	}

	var issues []issue
	want := map[string][]string{"id": {"string"}, "name": {"string"},
		"size": {"integer", "number"}, "content_type": {"string"}}
	for _, name := range sortedKeys(want) {
		if !p.child(name).isType(want[name]...) {
			issues = append(issues, issue{ptr: pointer("/properties", name), code: "file_property",
				params: i18n.Params{"kind": k.label(), "name": name,
					"want": strings.Join(want[name], " / ")}})
		}
	}
	return issues
}
