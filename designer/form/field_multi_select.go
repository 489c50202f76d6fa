package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// multiSelectKind is a set of tags: several of fixed options, or free tags
// when no options are given. Its schema is an array of unique strings.
type multiSelectKind struct{}

func (multiSelectKind) name() string      { return "multi_select" }
func (multiSelectKind) label() Text       { return text("Tags", "多选标签") }
func (multiSelectKind) widgets() []string { return []string{"tags", "checkboxes", "dropdown"} }

func (multiSelectKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseOptions(raw)
}

func (multiSelectKind) fragment(s any) map[string]any {
	items := map[string]any{"type": "string", "minLength": 1, "maxLength": 100}
	if values := s.(optionSettings).values(); len(values) > 0 {
		items = map[string]any{"type": "string", "enum": anySlice(values)}
	}
	return map[string]any{"type": "array", "items": items, "uniqueItems": true}
}

func (k multiSelectKind) checkProperty(p property, s any) []issue {
	if issues := wantType(p, k, "array"); issues != nil {
		return issues
	}

	var issues []issue
	if !p.flag("uniqueItems") {
		issues = append(issues, issue{ptr: "/uniqueItems", code: "tags_unique"})
	}
	items := p.items()
	if t := wantType(items, k, "string"); t != nil {
		return append(issues, issue{ptr: "/items/type", code: t[0].code, params: t[0].params})
	}
	values := s.(optionSettings).values()
	if len(values) > 0 || items.has("enum") {
		issues = append(issues, checkEnum(items, "/items/enum", values)...)
	}
	return issues
}

func (multiSelectKind) exprType(property, any) expr.Type { return expr.ListOf(expr.String) }
