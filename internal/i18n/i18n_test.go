package i18n_test

import (
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/i18n"
)

func TestNegotiate(t *testing.T) {
	tests := []struct {
		name   string
		header string
		user   i18n.Locale
		want   i18n.Locale
	}{
		{"header zh", "zh-CN,zh;q=0.9,en;q=0.8", i18n.English, i18n.Chinese},
		{"header bare zh", "zh", "", i18n.Chinese},
		{"header en wins over user", "en-GB", i18n.Chinese, i18n.English},
		{"unsupported header falls to user", "fr-FR", i18n.Chinese, i18n.Chinese},
		{"garbage header falls to user", ";;;==", i18n.Chinese, i18n.Chinese},
		{"nothing known", "", "", i18n.English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := i18n.Negotiate(tt.header, tt.user); got != tt.want {
				t.Errorf("Negotiate(%q, %q) = %q, want %q", tt.header, tt.user, got, tt.want)
			}
		})
	}
}

func TestEveryKeyInEveryLocale(t *testing.T) {
	for _, key := range i18n.Keys() {
		for _, l := range i18n.Locales {
			msg := i18n.T(l, key, nil)
			if msg == "" || msg == key {
				t.Errorf("%s has no %s message", key, l)
			}
		}
		if i18n.T(i18n.English, key, nil) == i18n.T(i18n.Chinese, key, nil) {
			t.Errorf("%s: zh-CN message is the English one", key)
		}
	}
}

func TestFillAndFallback(t *testing.T) {
	got := i18n.T(i18n.Chinese, "field.too_long", i18n.Params{"max": 80})
	if !strings.Contains(got, "80") {
		t.Errorf("placeholder not filled: %q", got)
	}
	if got := i18n.T(i18n.Chinese, "no.such.key", nil); got != "no.such.key" {
		t.Errorf("missing key = %q, want the key itself", got)
	}
}
