package form

import (
	"encoding/json"
	"strconv"

	"github.com/formworkhq/formwork/designer/expr"
)

// subTableKind is a table of rows inside the record (order lines, visit
// participants): an array of objects whose properties are its columns. Each
// column is a field of its own kind; sub_tables do not nest.
type subTableKind struct{}

// subTableSettings hold the table's columns, read like layout fields.
type subTableSettings struct {
	// columns in display order; item properties without a column are
	// still columns, their kind inferred from the schema.
	columns []parsedField
}

// rowType is the expression type of one row.
var rowType = expr.MapOf(expr.Dyn)

func (subTableKind) name() string      { return "sub_table" }
func (subTableKind) label() Text       { return text("Sub-table", "明细子表") }
func (subTableKind) widgets() []string { return []string{"table", "cards"} }

func (subTableKind) parseSettings(raw json.RawMessage) (any, []issue) {
	var cols []Field
	issues := decodeSettings(raw, setting{"columns", &cols})

	var s subTableSettings
	for i, col := range cols {
		pf, colIssues := parseField(col, true)
		at := pointer("/columns", strconv.Itoa(i))
		for _, is := range colIssues {
			issues = append(issues, issue{ptr: at + is.ptr, code: is.code, params: is.params})
		}
		s.columns = append(s.columns, pf)
	}
	return s, issues
}

func (subTableKind) fragment(s any) map[string]any {
	props := map[string]any{}
	for _, col := range s.(subTableSettings).columns {
		if col.kind != nil && col.Name != "" {
			props[col.Name] = col.kind.fragment(col.settings)
		}
	}
	return map[string]any{"type": "array", "items": map[string]any{
		"type": "object", "properties": props, "additionalProperties": false}}
}

func (k subTableKind) checkProperty(p property, _ any) []issue {
	if issues := wantType(p, k, "array"); issues != nil {
		return issues
	}
	if issues := wantType(p.items(), k, "object"); issues != nil {
		return []issue{{ptr: "/items/type", code: "table_items", params: issues[0].params}}
	}
	return nil
}

func (subTableKind) exprType(property, any) expr.Type { return expr.ListOf(rowType) }
