// Package i18n owns the languages Formwork speaks to people and the catalog
// of every message it says to them.
//
// Formwork speaks Simplified Chinese (zh-CN) and English (en). A message is
// looked up by a stable key, the same key that problem documents carry as
// their code, and its placeholders ({name}) are filled from parameters. Keys
// missing from the catalog fall back to English, then to the key itself, so a
// gap is visible but never fatal.
package i18n

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// Locale is a language Formwork speaks, as a BCP 47 tag.
type Locale string

// The locales Formwork speaks.
const (
	English Locale = "en"
	Chinese Locale = "zh-CN"
)

// Default is the locale used when nothing else is known.
const Default = English

// Locales lists every supported locale, the default first.
var Locales = []Locale{English, Chinese}

var matcher = language.NewMatcher([]language.Tag{
	language.English, language.SimplifiedChinese,
})

// Parse returns the supported locale closest to tag ("zh", "zh-Hans-CN",
// "en-GB" …) and whether tag named a supported language at all.
func Parse(tag string) (Locale, bool) {
	t, err := language.Parse(tag)
	if err != nil {
		return Default, false
	}
	_, i, conf := matcher.Match(t)
	if conf == language.No {
		return Default, false
	}
	return Locales[i], true
}

// Valid reports whether s is exactly one of the supported locale tags.
func Valid(s string) bool {
	for _, l := range Locales {
		if string(l) == s {
			return true
		}
	}
	return false
}

// Negotiate picks the locale for a request: the best match of an
// Accept-Language header first, then the user's own locale, then Default.
func Negotiate(acceptLanguage string, user Locale) Locale {
	if acceptLanguage != "" {
		tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
		if err == nil && len(tags) > 0 {
			_, i, conf := matcher.Match(tags...)
			if conf != language.No {
				return Locales[i]
			}
		}
	}
	if Valid(string(user)) {
		return user
	}
	return Default
}

// Params fill a message's {placeholders}.
type Params map[string]any

// T returns the message for key in locale l with params filled in.
func T(l Locale, key string, params Params) string {
	msgs, ok := catalog[key]
	if !ok {
		return key
	}
	text, ok := msgs[l]
	if !ok {
		text = msgs[English]
	}
	return fill(text, params)
}

// Has reports whether key is in the catalog.
func Has(key string) bool {
	_, ok := catalog[key]
	return ok
}

// Keys lists every catalog key, sorted; tests use it to check coverage.
func Keys() []string {
	keys := make([]string, 0, len(catalog))
	for k := range catalog {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func fill(text string, params Params) string {
	if len(params) == 0 || !strings.Contains(text, "{") {
		return text
	}
	pairs := make([]string, 0, 2*len(params))
	for k, v := range params {
		pairs = append(pairs, "{"+k+"}", fmt.Sprint(v))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// Register adds messages to the catalog. Packages that own messages call it
// from init; a duplicate key is a programming error and panics.
func Register(messages map[string]map[Locale]string) {
	for k, v := range messages {
		if _, dup := catalog[k]; dup {
			panic("i18n: duplicate message key " + k)
		}
		catalog[k] = v
	}
}
