package auth

import (
	"strings"
	"testing"
)

func TestParseResetToken(t *testing.T) {
	id := "01jd3k6x0f7m9r2t4v6w8y0z1a"
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"issued form", resetPrefix + id + "_" + newSecret(), true},
		{"secret with underscore", resetPrefix + id + "_ab_c-d", true},
		{"surrounding space", " " + resetPrefix + id + "_abc ", true},
		{"bearer prefix", tokenPrefix + id + "_abc", false},
		{"no secret", resetPrefix + id + "_", false},
		{"bad id", resetPrefix + "not-an-id_abc", false},
		{"secret with space", resetPrefix + id + "_a b", false},
		{"operator", resetPrefix + id + `_{"$ne":1}`, false},
		{"too long", resetPrefix + id + "_" + strings.Repeat("a", 200), false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotID, secret, ok := parseResetToken(tt.in)
			if ok != tt.ok || (ok && (gotID != id || secret == "")) {
				t.Errorf("parseResetToken(%q) = %q, %q, %v; want ok=%v", tt.in, gotID, secret,
					ok, tt.ok)
			}
		})
	}
}

// FuzzParseResetToken: whatever arrives, an accepted token has a valid id
// and a base64url secret, and formatting them back gives the trimmed input.
func FuzzParseResetToken(f *testing.F) {
	for _, s := range []string{resetPrefix + "01jd3k6x0f7m9r2t4v6w8y0z1a_" + newSecret(),
		"fwr__", "fwr_01jd3k6x0f7m9r2t4v6w8y0z1a_", "fwt_x_y", "fwr_\x00_\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		id, secret, ok := parseResetToken(in)
		if !ok {
			return
		}
		if len(id) != 26 || secret == "" || !urlSafe(secret) {
			t.Fatalf("accepted %q as id %q secret %q", in, id, secret)
		}
		if got := resetPrefix + id + "_" + secret; got != strings.TrimSpace(in) {
			t.Fatalf("round trip of %q = %q", in, got)
		}
	})
}
