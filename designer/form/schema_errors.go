package form

import (
	"math/big"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	jskind "github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/formworkhq/formwork/internal/i18n"
)

// violation is one failed schema keyword in Formwork's terms: where in the
// instance, which stable code, which message and its facts.
type violation struct {
	loc    []string
	code   string
	msg    string // message variant; empty means code
	params i18n.Params
}

// violations flattens a validation error into one violation per failed
// keyword. The alternatives of anyOf and oneOf are not listed one by one:
// "none of these fit" is reported once where the keyword applies.
func violations(e *jsonschema.ValidationError) []violation {
	var out []violation
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		switch e.ErrorKind.(type) {
		case *jskind.AnyOf, *jskind.OneOf, *jskind.Not:
			out = append(out, mapKind(e.InstanceLocation, e.ErrorKind)...)
			return
		}
		if len(e.Causes) == 0 {
			out = append(out, mapKind(e.InstanceLocation, e.ErrorKind)...)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}

	walk(e)
	return out
}

// mapKind maps one of the library's error kinds to our codes. Kinds about
// missing or extra properties become one violation per property, located at
// the property itself.
func mapKind(loc []string, k jsonschema.ErrorKind) []violation {
	at := func(code, msg string, p i18n.Params) []violation {
		return []violation{{loc: loc, code: code, msg: msg, params: p}}
	}
	switch k := k.(type) {
	case *jskind.Required:
		return perProperty(loc, k.Missing, "required")
	case *jskind.DependentRequired:
		return perProperty(loc, k.Missing, "required")
	case *jskind.Dependency:
		return perProperty(loc, k.Missing, "required")
	case *jskind.AdditionalProperties:
		return perProperty(loc, k.Properties, "unknown_field")
	case *jskind.PropertyNames:
		return perProperty(loc, []string{k.Property}, "unknown_field")
	case *jskind.Type:
		return at("type", "", i18n.Params{"expected": typeNames(k.Want)})
	case *jskind.Enum, *jskind.Const:
		return at("enum", "", nil)
	case *jskind.Format:
		return mapFormat(loc, k.Want)
	}
	return mapLimit(loc, k)
}

// mapLimit maps the kinds that compare a value with a bound.
func mapLimit(loc []string, k jsonschema.ErrorKind) []violation {
	at := func(code, msg string, p i18n.Params) []violation {
		return []violation{{loc: loc, code: code, msg: msg, params: p}}
	}
	switch k := k.(type) {
	case *jskind.MinLength:
		return at("min_length", "", i18n.Params{"min": k.Want})
	case *jskind.MaxLength:
		return at("max_length", "", i18n.Params{"max": k.Want})
	case *jskind.Pattern:
		return at("pattern", "", nil)
	case *jskind.Minimum:
		return at("minimum", "", i18n.Params{"min": ratString(k.Want)})
	case *jskind.ExclusiveMinimum:
		return at("minimum", "exclusive_minimum", i18n.Params{"min": ratString(k.Want)})
	case *jskind.Maximum:
		return at("maximum", "", i18n.Params{"max": ratString(k.Want)})
	case *jskind.ExclusiveMaximum:
		return at("maximum", "exclusive_maximum", i18n.Params{"max": ratString(k.Want)})
	case *jskind.MultipleOf:
		if k.Want.Cmp(cent) == 0 {
			return at("money_precision", "", nil)
		}
		return at("multiple_of", "", i18n.Params{"step": ratString(k.Want)})
	case *jskind.MinItems:
		return at("min_items", "", i18n.Params{"min": k.Want})
	case *jskind.MaxItems:
		return at("max_items", "", i18n.Params{"max": k.Want})
	case *jskind.UniqueItems:
		return at("unique_items", "", nil)
	case *jskind.FalseSchema:
		return at("not_allowed", "", nil)
	}
	return at("invalid", "", nil)
}

// formatMessages are the formats with a message of their own.
var formatMessages = map[string]string{"email": "format_email", "date": "format_date",
	"date-time": "format_date_time", "uri": "format_uri", "time": "format_time"}

func mapFormat(loc []string, format string) []violation {
	if format == phoneFormat.Name {
		return []violation{{loc: loc, code: "phone"}}
	}
	return []violation{{loc: loc, code: "format", msg: formatMessages[format],
		params: i18n.Params{"format": format}}}
}

func perProperty(loc []string, names []string, code string) []violation {
	out := make([]violation, 0, len(names))
	for _, n := range names {
		out = append(out, violation{loc: append(loc[:len(loc):len(loc)], n), code: code})
	}
	return out
}

// jsonTypeNames says what each JSON type is called, per locale.
var jsonTypeNames = map[string]Text{
	"string":  text("text", "文本"),
	"number":  text("a number", "数字"),
	"integer": text("a whole number", "整数"),
	"boolean": text("yes or no", "是或否"),
	"array":   text("a list", "列表"),
	"object":  text("an object", "对象"),
	"null":    text("empty", "空值"),
}

// typeNames renders the types a value may have, per locale.
func typeNames(types []string) Text {
	out := Text{}
	for _, l := range i18n.Locales {
		parts := make([]string, 0, len(types))
		for _, t := range types {
			if name, ok := jsonTypeNames[t]; ok {
				parts = append(parts, name.In(l))
			} else {
				parts = append(parts, t)
			}
		}

		sep := " or "
		if l == i18n.Chinese {
			sep = "或"
		}
		out[string(l)] = strings.Join(parts, sep)
	}
	return out
}

// ratString renders an exact number the way people write it: 0.01, 100.
func ratString(r *big.Rat) string {
	if r == nil {
		return ""
	}
	if r.IsInt() {
		return r.Num().String()
	}

	s := r.FloatString(10)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
