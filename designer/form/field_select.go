package form

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// selectKind is one choice among fixed options. The schema's "enum" says
// which values are valid; the settings give each one its label.
type selectKind struct{}

// Option is one choice of a select or multi_select field.
type Option struct {
	// Value is what the record stores ("won"); unique within the field.
	Value string `json:"value"`
	// Label is what people see, per locale; empty shows the value.
	Label Text `json:"label,omitempty"`
	// Color tints the option's tag, "#RRGGBB"; optional.
	Color string `json:"color,omitempty"`
}

// optionSettings are the settings of select and multi_select.
type optionSettings struct {
	// Options in display order; select needs at least one, multi_select
	// without options takes free tags.
	Options []Option `json:"options"`
}

func (selectKind) name() string      { return "select" }
func (selectKind) label() Text       { return text("Single choice", "单选") }
func (selectKind) widgets() []string { return []string{"dropdown", "radio", "segmented"} }

func (selectKind) parseSettings(raw json.RawMessage) (any, []issue) {
	s, issues := parseOptions(raw)
	if len(s.Options) == 0 && len(issues) == 0 {
		issues = append(issues, issue{ptr: "/options", code: "options_required"})
	}
	return s, issues
}

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// parseOptions decodes option settings and checks each option.
func parseOptions(raw json.RawMessage) (optionSettings, []issue) {
	var s optionSettings
	issues := decodeSettings(raw, setting{"options", &s.Options})

	seen := map[string]bool{}
	for i, o := range s.Options {
		at := pointer("/options", strconv.Itoa(i))
		switch {
		case o.Value == "":
			issues = append(issues, issue{ptr: at + "/value", code: "option_value_missing"})
		case seen[o.Value]:
			issues = append(issues, issue{ptr: at + "/value", code: "option_duplicate",
				params: i18n.Params{"value": o.Value}})
		}
		seen[o.Value] = true
		for _, is := range checkTexts(map[string]Text{"label": o.Label}) {
			issues = append(issues, issue{ptr: at + is.ptr, code: is.code, params: is.params})
		}
		if o.Color != "" && !hexColor.MatchString(o.Color) {
			issues = append(issues, issue{ptr: at + "/color", code: "option_color"})
		}
	}
	return s, issues
}

// values lists the options' values in order.
func (s optionSettings) values() []string {
	out := make([]string, len(s.Options))
	for i, o := range s.Options {
		out[i] = o.Value
	}
	return out
}

func (selectKind) fragment(s any) map[string]any {
	return map[string]any{"type": "string", "enum": anySlice(s.(optionSettings).values())}
}

func (k selectKind) checkProperty(p property, s any) []issue {
	if issues := wantType(p, k, "string"); issues != nil {
		return issues
	}
	return checkEnum(p, "/enum", s.(optionSettings).values())
}

// checkEnum reports an "enum" that does not list exactly the options.
func checkEnum(p property, ptr string, values []string) []issue {
	enum, ok := p.strings("enum")
	a, b := slices.Clone(enum), slices.Clone(values)
	slices.Sort(a)
	slices.Sort(b)
	if ok && slices.Equal(a, b) {
		return nil
	}
	return []issue{{ptr: ptr, code: "options_enum"}}
}

func (selectKind) exprType(property, any) expr.Type { return expr.String }

func anySlice[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
