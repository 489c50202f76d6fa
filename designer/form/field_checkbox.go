package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// checkboxKind is a yes-or-no answer.
type checkboxKind struct{}

func (checkboxKind) name() string      { return "checkbox" }
func (checkboxKind) label() Text       { return text("Checkbox", "勾选") }
func (checkboxKind) widgets() []string { return []string{"checkbox", "switch"} }

func (checkboxKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseNoSettings(raw)
}

func (checkboxKind) fragment(any) map[string]any {
	return map[string]any{"type": "boolean"}
}

func (k checkboxKind) checkProperty(p property, _ any) []issue {
	return wantType(p, k, "boolean")
}

func (checkboxKind) exprType(property, any) expr.Type { return expr.Bool }
