package datahub

import (
	"strconv"
	"strings"
	"time"

	"github.com/formworkhq/formwork/designer/form"
)

// Layouts a date cell may come in; the first is what forms store.
var dateLayouts = []string{"2006-01-02", "2006/1/2", "2006.1.2", "2006年1月2日", "1/2/2006",
	"01-02-06"}

// Layouts a date-time cell may come in, read as UTC unless they carry a
// zone.
var dateTimeLayouts = []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04",
	"2006/1/2 15:04:05", "2006/1/2 15:04", "2006-01-02T15:04:05"}

// listSeparators split a multi-select cell ("a, b；c、d").
const listSeparators = ",;，；、|"

// coerce turns one cell into the JSON value its field takes: numbers
// (thousands separators, currency signs and a trailing % removed), yes/no
// words, lists split on common separators, dates in the usual layouts. A
// cell that does not read as its type is passed on as text, so that form
// validation reports it with the field's own message.
func coerce(cell string, f form.FieldInfo) any {
	cell = strings.TrimSpace(cell)
	switch {
	case f.ValueType == "number" || f.ValueType == "int":
		return number(cell)
	case f.ValueType == "bool":
		return boolean(cell)
	case strings.HasPrefix(f.ValueType, "list("):
		return list(cell)
	case f.Kind == "date":
		return reformat(cell, dateLayouts, "2006-01-02")
	case f.Kind == "date_time":
		return reformat(cell, dateTimeLayouts, time.RFC3339)
	}
	return cell
}

func number(cell string) any {
	s := strings.NewReplacer(",", "", " ", "", "¥", "", "￥", "", "$", "", "%", "").Replace(cell)
	if v, err := strconv.ParseFloat(s, 64); err == nil && !isInfOrNaN(v) {
		return v
	}
	return cell
}

func isInfOrNaN(v float64) bool { return v != v || v > 1e308 || v < -1e308 }

func boolean(cell string) any {
	switch strings.ToLower(cell) {
	case "true", "yes", "y", "1", "是", "对", "√", "✓":
		return true
	case "false", "no", "n", "0", "否", "不", "×", "✗":
		return false
	}
	return cell
}

func list(cell string) any {
	parts := strings.FieldsFunc(cell, func(r rune) bool {
		return strings.ContainsRune(listSeparators, r)
	})
	out := make([]any, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func reformat(cell string, layouts []string, to string) any {
	for _, l := range layouts {
		if t, err := time.Parse(l, cell); err == nil {
			return t.Format(to)
		}
	}
	return cell
}

// rowData builds the data of one row under m: empty cells are absent, so
// an upsert keeps what the record holds for them.
func rowData(cells, columns []string, m Mapping, fields map[string]form.FieldInfo) map[string]any {
	data := make(map[string]any, len(m))
	for i, cell := range cells {
		if i >= len(columns) || strings.TrimSpace(cell) == "" {
			continue
		}
		name := m.fieldOf(columns[i])
		if name == "" {
			continue
		}
		data[name] = coerce(cell, fields[name])
	}
	return data
}
