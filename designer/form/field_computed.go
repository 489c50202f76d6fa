package form

import (
	"encoding/json"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// computedKind is a read-only value calculated from other fields by an
// expression ("quantity * unit_price"). Validate evaluates it and writes
// the result into the record; a value the client sends is ignored. Its
// schema says readOnly, and its type decides the expression's result type:
// number or integer, string, boolean, or a string of format date or
// date-time for a timestamp.
type computedKind struct{}

// computedSettings hold the expression.
type computedSettings struct {
	// Expression computes the value from the form's other fields (or, in a
	// sub_table column, from the row's other columns); required.
	Expression string `json:"expression"`
}

func (computedKind) name() string      { return "computed" }
func (computedKind) label() Text       { return text("Computed", "计算字段") }
func (computedKind) widgets() []string { return []string{"readonly"} }

func (computedKind) parseSettings(raw json.RawMessage) (any, []issue) {
	var s computedSettings
	issues := decodeSettings(raw, setting{"expression", &s.Expression})
	if strings.TrimSpace(s.Expression) == "" {
		issues = append(issues, issue{ptr: "/expression", code: "setting_required",
			params: i18n.Params{"name": "expression"}})
	}
	return s, issues
}

func (computedKind) fragment(any) map[string]any {
	return map[string]any{"type": "number", "readOnly": true}
}

func (k computedKind) checkProperty(p property, _ any) []issue {
	issues := wantType(p, k, "number", "integer", "string", "boolean")
	if !p.flag("readOnly") {
		issues = append(issues, issue{ptr: "/readOnly", code: "computed_read_only"})
	}
	return issues
}

func (computedKind) exprType(p property, _ any) expr.Type {
	switch {
	case p.isType("number", "integer"):
		return expr.Number
	case p.isType("boolean"):
		return expr.Bool
	case p.isType("string") && (p.str("format") == "date" || p.str("format") == "date-time"):
		return expr.Timestamp
	}
	return expr.String
}
