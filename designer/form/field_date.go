package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// dateKind is a calendar date, "2026-02-20", with no time of day.
type dateKind struct{}

func (dateKind) name() string      { return "date" }
func (dateKind) label() Text       { return text("Date", "日期") }
func (dateKind) widgets() []string { return []string{"date_picker"} }

func (dateKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseNoSettings(raw)
}

func (dateKind) fragment(any) map[string]any {
	return map[string]any{"type": "string", "format": "date"}
}

func (k dateKind) checkProperty(p property, _ any) []issue {
	return wantStringFormat(p, k, "date")
}

func (dateKind) exprType(property, any) expr.Type { return expr.Timestamp }
