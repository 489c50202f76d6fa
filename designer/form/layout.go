package form

import (
	"slices"
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
)

// Section column limits.
const (
	minColumns = 1
	maxColumns = 4
)

// parsedField is a layout field whose kind and settings have been read.
// kind is nil when the field names no known kind.
type parsedField struct {
	Field
	kind     kind
	settings any
}

// placed is a parsed layout field and where the definition declares it.
type placed struct {
	parsedField
	ptr string
}

// parseField reads a layout field's kind, widget, texts and settings, with
// pointers relative to the field. A column is a field of a sub_table: it
// cannot be a sub_table itself nor have its own visibility.
func parseField(f Field, column bool) (parsedField, []issue) {
	pf := parsedField{Field: f}
	var issues []issue
	if f.Name == "" {
		issues = append(issues, issue{ptr: "/name", code: "field_name_missing"})
	}
	issues = append(issues, checkTexts(map[string]Text{"label": f.Label, "help": f.Help,
		"placeholder": f.Placeholder})...)
	if column && f.VisibleWhen != "" {
		issues = append(issues, issue{ptr: "/visible_when", code: "column_visible_when"})
	}

	k, ok := lookupKind(f.Kind)
	if !ok {
		return pf, append(issues, issue{ptr: "/kind", code: "unknown_kind",
			params: unknownKindParams(f.Kind)})
	}
	if _, table := k.(subTableKind); table && column {
		return pf, append(issues, issue{ptr: "/kind", code: "nested_table"})
	}
	if f.Widget != "" && !slices.Contains(k.widgets(), f.Widget) {
		issues = append(issues, issue{ptr: "/widget", code: "unknown_widget",
			params: i18n.Params{"widget": f.Widget, "kind": k.label(),
				"allowed": strings.Join(k.widgets(), ", ")}})
	}

	s, settingIssues := k.parseSettings(f.Settings)
	for _, is := range settingIssues {
		issues = append(issues, issue{ptr: "/settings" + is.ptr, code: is.code, params: is.params})
	}
	pf.kind, pf.settings = k, s
	return pf, issues
}

// checkTexts reports texts keyed by a locale Formwork does not speak;
// pointers are "/<name>/<locale>".
func checkTexts(texts map[string]Text) []issue {
	var issues []issue
	for _, name := range sortedKeys(texts) {
		for _, loc := range sortedKeys(texts[name]) {
			if !i18n.Valid(loc) {
				issues = append(issues, issue{ptr: pointer("", name, loc), code: "unknown_locale",
					params: i18n.Params{"locale": loc, "allowed": localeList()}})
			}
		}
	}
	return issues
}

func localeList() string {
	names := make([]string, len(i18n.Locales))
	for i, l := range i18n.Locales {
		names[i] = string(l)
	}
	return strings.Join(names, ", ")
}

// parseLayout reads every section and field of a layout, reporting section
// problems and field problems; it returns the fields in display order.
func parseLayout(f *findings, l Layout) []placed {
	var out []placed
	for i, sec := range l.Sections {
		at := pointer("/layout/sections", strconv.Itoa(i))
		if sec.Columns != 0 && (sec.Columns < minColumns || sec.Columns > maxColumns) {
			f.add(at+"/columns", "section_columns",
				i18n.Params{"min": minColumns, "max": maxColumns})
		}
		f.addIssues(at, checkTexts(map[string]Text{"title": sec.Title}))

		for j, fld := range sec.Fields {
			fat := pointer(at+"/fields", strconv.Itoa(j))
			pf, issues := parseField(fld, false)
			f.addIssues(fat, issues)
			out = append(out, placed{parsedField: pf, ptr: fat})
		}
	}
	return out
}
