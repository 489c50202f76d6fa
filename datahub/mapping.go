package datahub

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Limits of a mapping.
const (
	maxMappingBytes   = 256 << 10
	maxMappingColumns = 1000
)

// unimportable are the kinds of field a spreadsheet cell cannot fill.
var unimportable = []string{"sub_table", "attachment", "signature"}

// ColumnMap says which form field one file column fills.
type ColumnMap struct {
	Column string `bson:"column" json:"column"`
	Field  string `bson:"field" json:"field"`
}

// Mapping maps file columns to form fields; columns it does not name are
// not imported.
type Mapping []ColumnMap

// ParseMapping reads a mapping sent as a JSON object from column header to
// field name, {"客户编号": "customer_id", "Credit limit": "credit"}, in the
// object's order. An empty or null field skips the column. A header given
// twice, a field that is no string and anything that is no such object
// are refused; headers may hold any character, "." and "$" included.
func ParseMapping(raw []byte) (Mapping, error) {
	if len(raw) > maxMappingBytes {
		return nil, problem.Fields(fieldErr("/mapping", "too_large", nil))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, problem.Fields(fieldErr("/mapping", "not_object", nil))
	}

	var c problem.Collector
	var m Mapping
	seen := map[string]bool{}
	for dec.More() {
		column, field, err := nextPair(dec)
		if err != nil {
			return nil, problem.Fields(fieldErr("/mapping", "not_object", nil))
		}
		ptr := "/mapping/" + pointerToken(column)
		switch {
		case seen[column]:
			c.AddField(fieldErr(ptr, "duplicate_column", nil))
		case field == nil:
			c.AddField(fieldErr(ptr, "not_string", nil))
		case *field != "":
			m = append(m, ColumnMap{Column: column, Field: *field})
		}
		seen[column] = true
		if len(seen) > maxMappingColumns {
			return nil, problem.Fields(fieldErr("/mapping", "too_large", nil))
		}
	}
	if err := closeObject(dec); err != nil {
		return nil, problem.Fields(fieldErr("/mapping", "not_object", nil))
	}
	return m, c.Err()
}

// nextPair reads one member of the object: its key and, when the value is
// a string or null, the field ("" for null); nil for another value.
func nextPair(dec *json.Decoder) (string, *string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", nil, err
	}
	column, ok := tok.(string)
	if !ok {
		return "", nil, errors.New("key is no string")
	}
	column = strings.TrimSpace(column)
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		return "", nil, err
	}

	var field *string
	if err := json.Unmarshal(v, &field); err != nil {
		return column, nil, nil
	}
	if field == nil {
		empty := ""
		field = &empty
	}
	trimmed := strings.TrimSpace(*field)
	return column, &trimmed, nil
}

// closeObject reads the closing brace and checks nothing follows.
func closeObject(dec *json.Decoder) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return errors.New("unterminated object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the object")
	}
	return nil
}

// pointerToken escapes s as one JSON pointer token.
func pointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// check validates m against the file's columns, the form's fields and the
// key field, reporting every problem at once.
func (m Mapping) check(columns []string, fields []form.FieldInfo, key string) error {
	var c problem.Collector
	if len(m) == 0 {
		c.AddField(fieldErr("/mapping", "empty_mapping", nil))
	}
	byField := map[string]string{}
	for _, cm := range m {
		ptr := "/mapping/" + pointerToken(cm.Column)
		if !slices.Contains(columns, cm.Column) {
			c.AddField(fieldErr(ptr, "unknown_column", i18n.Params{"column": cm.Column}))
		}
		if code := fieldProblem(fields, cm.Field); code != "" {
			c.AddField(fieldErr(ptr, code, i18n.Params{"field": cm.Field}))
		} else if prev, dup := byField[cm.Field]; dup {
			c.AddField(fieldErr(ptr, "duplicate_field",
				i18n.Params{"field": cm.Field, "column": prev}))
		}
		byField[cm.Field] = cm.Column
	}

	checkKey(&c, fields, key, byField)
	return c.Err()
}

// fieldProblem returns the code of what keeps a column from filling name,
// or "" when it can.
func fieldProblem(fields []form.FieldInfo, name string) string {
	i := slices.IndexFunc(fields, func(f form.FieldInfo) bool { return f.Name == name })
	switch {
	case i < 0:
		return "unknown_field"
	case fields[i].Computed:
		return "computed_field"
	case slices.Contains(unimportable, fields[i].Kind):
		return "field_not_importable"
	}
	return ""
}

func checkKey(c *problem.Collector, fields []form.FieldInfo, key string,
	byField map[string]string) {
	switch {
	case key == "":
		c.AddField(fieldErr("/key_field", "key_required", nil))
	case fieldProblem(fields, key) != "":
		c.AddField(fieldErr("/key_field", "unknown_field", i18n.Params{"field": key}))
	case byField[key] == "":
		c.AddField(fieldErr("/key_field", "key_not_mapped", i18n.Params{"field": key}))
	}
}

// Suggest proposes a mapping: each column whose header matches a field's
// name or its label in any language (ignoring case, spaces and
// punctuation) fills that field, each field at most once.
func Suggest(columns []string, fields []form.FieldInfo) Mapping {
	var m Mapping
	taken := map[string]bool{}
	for _, col := range columns {
		want := normalName(col)
		for _, f := range fields {
			if taken[f.Name] || fieldProblem(fields, f.Name) != "" || !matches(want, f) {
				continue
			}
			m = append(m, ColumnMap{Column: col, Field: f.Name})
			taken[f.Name] = true
			break
		}
	}
	return m
}

func matches(want string, f form.FieldInfo) bool {
	if want == "" {
		return false
	}
	if normalName(f.Name) == want {
		return true
	}
	for _, label := range f.Label {
		if normalName(label) == want {
			return true
		}
	}
	return false
}

// normalName folds a header or label for comparison.
func normalName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fieldOf returns the field column fills under m, "" for none.
func (m Mapping) fieldOf(column string) string {
	for _, cm := range m {
		if cm.Column == column {
			return cm.Field
		}
	}
	return ""
}

// columnOf returns the column that fills field under m.
func (m Mapping) columnOf(field string) string {
	for _, cm := range m {
		if cm.Field == field {
			return cm.Column
		}
	}
	return ""
}
