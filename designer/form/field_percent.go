package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// percentKind is a percentage stored as the number a person types: 15
// means 15 %, not 0.15.
type percentKind struct{}

// percentSettings are how a percentage is shown.
type percentSettings struct {
	// Decimals is how many decimal places the widget shows, 0 to 4.
	Decimals *int `json:"decimals,omitempty"`
}

func (percentKind) name() string      { return "percent" }
func (percentKind) label() Text       { return text("Percent", "百分比") }
func (percentKind) widgets() []string { return []string{"percent", "slider"} }

func (percentKind) parseSettings(raw json.RawMessage) (any, []issue) {
	var s percentSettings
	issues := decodeSettings(raw, setting{"decimals", &s.Decimals})
	return s, append(issues, checkDecimals(s.Decimals, 4)...)
}

func (percentKind) fragment(any) map[string]any {
	return map[string]any{"type": "number", "minimum": 0, "maximum": 100}
}

func (k percentKind) checkProperty(p property, _ any) []issue {
	return wantType(p, k, "number", "integer")
}

func (percentKind) exprType(property, any) expr.Type { return expr.Number }
