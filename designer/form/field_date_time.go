package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// dateTimeKind is an instant with its offset, RFC 3339:
// "2026-02-20T09:30:00+08:00".
type dateTimeKind struct{}

func (dateTimeKind) name() string      { return "date_time" }
func (dateTimeKind) label() Text       { return text("Date and time", "日期时间") }
func (dateTimeKind) widgets() []string { return []string{"date_time_picker"} }

func (dateTimeKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseNoSettings(raw)
}

func (dateTimeKind) fragment(any) map[string]any {
	return map[string]any{"type": "string", "format": "date-time"}
}

func (k dateTimeKind) checkProperty(p property, _ any) []issue {
	return wantStringFormat(p, k, "date-time")
}

func (dateTimeKind) exprType(property, any) expr.Type { return expr.Timestamp }
