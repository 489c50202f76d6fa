package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// emailKind is an e-mail address, checked with the schema's "email" format.
type emailKind struct{}

func (emailKind) name() string      { return "email" }
func (emailKind) label() Text       { return text("E-mail", "邮箱") }
func (emailKind) widgets() []string { return []string{"email"} }

func (emailKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseNoSettings(raw)
}

func (emailKind) fragment(any) map[string]any {
	return map[string]any{"type": "string", "format": "email", "maxLength": 254}
}

func (k emailKind) checkProperty(p property, _ any) []issue {
	return wantStringFormat(p, k, "email")
}

func (emailKind) exprType(property, any) expr.Type { return expr.String }
