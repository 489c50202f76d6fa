package form_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/i18n"
)

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// TestMessagesInBothLocales checks every message this package registers:
// present in each locale, actually translated, and with the same
// placeholders in each, so that no locale silently drops a fact.
func TestMessagesInBothLocales(t *testing.T) {
	for _, key := range i18n.Keys() {
		if !strings.HasPrefix(key, "form.") {
			continue
		}
		en, zh := i18n.T(i18n.English, key, nil), i18n.T(i18n.Chinese, key, nil)
		if en == key || zh == key || en == "" || zh == "" {
			t.Errorf("%s is missing a locale", key)
		}
		if en == zh {
			t.Errorf("%s: the zh-CN message is the English one", key)
		}
		if a, b := placeholders(en), placeholders(zh); !slices.Equal(a, b) {
			t.Errorf("%s: placeholders differ: en %v, zh-CN %v", key, a, b)
		}
	}
}

func placeholders(s string) []string {
	found := placeholder.FindAllString(s, -1)
	slices.Sort(found)
	return slices.Compact(found)
}
