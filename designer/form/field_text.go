package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// textKind is a single line of text: names, titles, short answers.
type textKind struct{}

func (textKind) name() string      { return "text" }
func (textKind) label() Text       { return text("Text", "单行文本") }
func (textKind) widgets() []string { return []string{"input"} }

func (textKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseNoSettings(raw)
}

func (textKind) fragment(any) map[string]any {
	return map[string]any{"type": "string", "maxLength": 200}
}

func (k textKind) checkProperty(p property, _ any) []issue {
	return wantType(p, k, "string")
}

func (textKind) exprType(property, any) expr.Type { return expr.String }
