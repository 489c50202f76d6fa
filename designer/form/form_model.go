package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/internal/i18n"
)

// Definition is a form as designers and API clients write it:
//
//	{"key": "lead", "name": {"en": "Lead", "zh-CN": "线索"},
//	 "schema": {…}, "layout": {…}, "rules": […]}
type Definition struct {
	// Key names the form inside its tenant ("lead"); record_link fields and
	// processes refer to forms by key. It matches ^[a-z][a-z0-9_]{0,62}$.
	Key string `json:"key"`
	// Name is the form's display name per locale; at least one is required.
	Name Text `json:"name"`
	// Schema is a JSON Schema 2020-12 document whose top level is an object
	// with properties, one property per field. It says what data is valid.
	Schema json.RawMessage `json:"schema"`
	// Layout says how the fields are shown and which kind each one is.
	Layout Layout `json:"layout"`
	// Rules add conditional requirements and custom assertions.
	Rules []Rule `json:"rules,omitempty"`
}

// Layout arranges a form's fields in sections. A schema property that no
// section places is still validated; its kind is inferred from its schema
// (a string is text, a string with an enum is select, a boolean is checkbox
// …) and its label is the schema's "title" or its key.
type Layout struct {
	// Sections in display order.
	Sections []Section `json:"sections"`
}

// Section is one titled group of fields.
type Section struct {
	// Title is the section heading per locale; optional.
	Title Text `json:"title,omitempty"`
	// Columns is how many fields sit side by side, 1 to 4; zero means 1.
	Columns int `json:"columns,omitempty"`
	// Fields in display order; each schema property appears at most once in
	// the whole layout.
	Fields []Field `json:"fields"`
}

// Field places one schema property in the layout and says what it is.
type Field struct {
	// Name is the key of the schema property the field shows.
	Name string `json:"name"`
	// Kind is one of the field kinds ("text", "money", "sub_table" …; see
	// Kinds); it must fit the schema property.
	Kind string `json:"kind"`
	// Widget is how the kind is rendered; empty means the kind's default.
	Widget string `json:"widget,omitempty"`
	// Label is the field's name per locale, used in the form and in every
	// error message about it.
	Label Text `json:"label,omitempty"`
	// Help is a hint shown under the field, per locale.
	Help Text `json:"help,omitempty"`
	// Placeholder is shown inside an empty input, per locale.
	Placeholder Text `json:"placeholder,omitempty"`
	// VisibleWhen is an expression over the form's fields; while it is
	// false the field is hidden, not required, and its value is dropped.
	// Empty means always visible. Not allowed on sub_table columns.
	VisibleWhen string `json:"visible_when,omitempty"`
	// Settings are the kind's own settings (see each kind), as an object.
	Settings json.RawMessage `json:"settings,omitempty"`
}

// Rule is a check the schema cannot express. It is either a conditional
// requirement (When and Require) or a custom assertion (Assert, Field and
// Message, optionally guarded by When).
//
//	{"id": "won_needs_contract", "when": "stage == 'won'",
//	 "require": ["contract_amount"]}
//	{"id": "discount_cap", "assert": "discount <= 30", "field": "discount",
//	 "message": {"en": "…", "zh-CN": "…"}}
type Rule struct {
	// ID names the rule, unique within the form; errors it raises carry it.
	ID string `json:"id"`
	// When is a boolean expression; the rule applies only while it holds.
	// Required for a conditional requirement, optional for an assertion.
	When string `json:"when,omitempty"`
	// Require lists the fields that must be filled in while When holds.
	Require []string `json:"require,omitempty"`
	// Assert is a boolean expression that must hold for the data.
	Assert string `json:"assert,omitempty"`
	// Field is the field an assertion's error is reported on.
	Field string `json:"field,omitempty"`
	// Message is what an assertion's error says, per locale.
	Message Text `json:"message,omitempty"`
}

// Text is a piece of user-facing text keyed by locale ("zh-CN", "en").
type Text map[string]string

// In returns the text in locale l, falling back to English, then to any
// other locale, then to "".
func (t Text) In(l i18n.Locale) string {
	if s := t[string(l)]; s != "" {
		return s
	}
	if s := t[string(i18n.English)]; s != "" {
		return s
	}
	for _, loc := range i18n.Locales {
		if s := t[string(loc)]; s != "" {
			return s
		}
	}
	return ""
}

// IsEmpty reports whether t has no text in any locale.
func (t Text) IsEmpty() bool {
	for _, s := range t {
		if s != "" {
			return false
		}
	}
	return true
}

// text builds a Text from an English and a Chinese string.
func text(en, zh string) Text {
	return Text{string(i18n.English): en, string(i18n.Chinese): zh}
}
