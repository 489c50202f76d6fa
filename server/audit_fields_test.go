package server

import (
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/audit"
)

// FuzzAuditSummary: whatever body arrives, the summary built from it holds
// only field-name characters, and each name is a key the body carried.
func FuzzAuditSummary(f *testing.F) {
	for _, s := range []string{`{"roles":["admin"],"manager_id":"x"}`,
		`{"settings":{"url":"https://h.example","secret":"whsec_QUJD"}}`,
		`{"Passw0rd-Secret":1}`, `[1,2]`, `{"settings":"flat"}`, `{"a":{"b":{"c":1}}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got := audit.FieldSummary(bodyFields([]byte(body)))
		if len(got) > 200 {
			t.Fatalf("summary of %d bytes", len(got))
		}
		for _, r := range got {
			if !(r == ',' || r == '.' || r == '_' || (r >= 'a' && r <= 'z') ||
				(r >= '0' && r <= '9')) {
				t.Fatalf("summary %q of %q holds %q", got, body, r)
			}
		}
		keys := map[string]bool{}
		for _, k := range bodyFields([]byte(body)) {
			keys[k] = true
		}
		for _, name := range strings.Split(got, ",") {
			if name != "" && !keys[name] {
				t.Fatalf("summary %q of %q names %q, not a key of the body", got, body, name)
			}
		}
		_ = rotatesSecret([]byte(body), answered{Plugin: "webhook",
			Settings: map[string]any{"secret": "••••"}})
	})
}

func TestAuditSummaryOfBodies(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{"roles":["admin"],"manager_id":"01j"}`, "manager_id,roles"},
		{`{"settings":{"url":"https://h.example","secret":"whsec_QUJD"}}`,
			"settings,settings.secret,settings.url"},
		{`{"Passw0rd-Secret":1,"name":"x"}`, "name"},
		{`not json`, ""},
	}
	for _, tt := range tests {
		if got := audit.FieldSummary(bodyFields([]byte(tt.body))); got != tt.want {
			t.Errorf("summary of %s = %q, want %q", tt.body, got, tt.want)
		}
	}
}
