package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// numberKind is a plain number: a quantity, a score, a count.
type numberKind struct{}

// numberSettings are how a number is shown; what is valid stays in the
// schema (minimum, maximum, multipleOf).
type numberSettings struct {
	// Decimals is how many decimal places the widget shows, 0 to 6; nil
	// shows the number as entered.
	Decimals *int `json:"decimals,omitempty"`
	// Unit is shown after the number ("台", "kg"), per locale.
	Unit Text `json:"unit,omitempty"`
}

func (numberKind) name() string      { return "number" }
func (numberKind) label() Text       { return text("Number", "数字") }
func (numberKind) widgets() []string { return []string{"input", "stepper", "slider"} }

func (numberKind) parseSettings(raw json.RawMessage) (any, []issue) {
	var s numberSettings
	issues := decodeSettings(raw, setting{"decimals", &s.Decimals}, setting{"unit", &s.Unit})
	issues = append(issues, checkDecimals(s.Decimals, 6)...)
	return s, issues
}

// checkDecimals reports a decimals setting outside 0…max.
func checkDecimals(d *int, max int) []issue {
	if d == nil || (*d >= 0 && *d <= max) {
		return nil
	}
	return []issue{{ptr: "/decimals", code: "setting_range",
		params: i18n.Params{"name": "decimals", "min": 0, "max": max}}}
}

func (numberKind) fragment(any) map[string]any {
	return map[string]any{"type": "number"}
}

func (k numberKind) checkProperty(p property, _ any) []issue {
	return wantType(p, k, "number", "integer")
}

func (numberKind) exprType(property, any) expr.Type { return expr.Number }
