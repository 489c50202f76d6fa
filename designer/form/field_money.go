package form

import (
	"encoding/json"
	"math/big"

	"golang.org/x/text/currency"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// moneyKind is an amount of money in one currency, to the cent. Its schema
// must say multipleOf 0.01, so that 12.345 is refused rather than rounded.
type moneyKind struct{}

// moneySettings say which currency the amount is in.
type moneySettings struct {
	// Currency is an ISO 4217 code; empty means "CNY".
	Currency string `json:"currency"`
}

// cent is the step every money amount is a multiple of.
var cent = big.NewRat(1, 100)

func (moneyKind) name() string      { return "money" }
func (moneyKind) label() Text       { return text("Money", "金额") }
func (moneyKind) widgets() []string { return []string{"money"} }

func (moneyKind) parseSettings(raw json.RawMessage) (any, []issue) {
	var s moneySettings
	issues := decodeSettings(raw, setting{"currency", &s.Currency})
	if s.Currency == "" {
		s.Currency = "CNY"
	}

	if u, err := currency.ParseISO(s.Currency); err != nil || u.String() != s.Currency {
		issues = append(issues, issue{ptr: "/currency", code: "currency_invalid",
			params: i18n.Params{"currency": s.Currency}})
	}
	return s, issues
}

func (moneyKind) fragment(any) map[string]any {
	return map[string]any{"type": "number", "multipleOf": 0.01}
}

func (k moneyKind) checkProperty(p property, _ any) []issue {
	if issues := wantType(p, k, "number"); issues != nil {
		return issues
	}
	if step, ok := p.rat("multipleOf"); !ok || step.Cmp(cent) != 0 {
		return []issue{{ptr: "/multipleOf", code: "money_multiple_of"}}
	}
	return nil
}

func (moneyKind) exprType(property, any) expr.Type { return expr.Number }
