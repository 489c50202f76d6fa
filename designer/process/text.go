package process

import (
	"sort"

	"github.com/formworkhq/formwork/internal/i18n"
)

// Text is user-facing text in each locale, written in JSON as
// {"en": "First follow-up", "zh-CN": "首次跟进"}. Keys are locale tags.
type Text map[i18n.Locale]string

// In returns the text in locale l, falling back to English and then to the
// first other locale that has text; "" when there is none.
func (t Text) In(l i18n.Locale) string {
	if s := t[l]; s != "" {
		return s
	}
	if s := t[i18n.English]; s != "" {
		return s
	}

	locales := make([]string, 0, len(t))
	for k, v := range t {
		if v != "" {
			locales = append(locales, string(k))
		}
	}
	if len(locales) == 0 {
		return ""
	}
	sort.Strings(locales)
	return t[i18n.Locale(locales[0])]
}

// IsEmpty reports whether no locale has text.
func (t Text) IsEmpty() bool {
	for _, v := range t {
		if v != "" {
			return false
		}
	}
	return true
}

// textOr returns t with every supported locale filled in, using fallback
// where t has no text at all.
func textOr(t Text, fallback string) Text {
	out := make(Text, len(i18n.Locales))
	for _, l := range i18n.Locales {
		out[l] = t.In(l)
		if out[l] == "" {
			out[l] = fallback
		}
	}
	return out
}

// localized builds a Text by calling f once per supported locale.
func localized(f func(l i18n.Locale) string) Text {
	out := make(Text, len(i18n.Locales))
	for _, l := range i18n.Locales {
		out[l] = f(l)
	}
	return out
}
