package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// longTextKind is several lines of plain text: notes, descriptions.
type longTextKind struct{}

func (longTextKind) name() string      { return "long_text" }
func (longTextKind) label() Text       { return text("Long text", "多行文本") }
func (longTextKind) widgets() []string { return []string{"textarea"} }

func (longTextKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseNoSettings(raw)
}

func (longTextKind) fragment(any) map[string]any {
	return map[string]any{"type": "string", "maxLength": 10000}
}

func (k longTextKind) checkProperty(p property, _ any) []issue {
	return wantType(p, k, "string")
}

func (longTextKind) exprType(property, any) expr.Type { return expr.String }
