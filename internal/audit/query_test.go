package audit_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/problem"
)

func TestParseFilter(t *testing.T) {
	tests := []struct {
		query   string
		bad     string // parameter named by the refusal, "" for none
		actions int
	}{
		{"", "", 0},
		{"action=definition.", "", 3},
		{"action=auth.", "", 4},
		{"action=user.update&outcome=ok", "", 1},
		{"action=definition", "action", 0},
		{"action=nothing.", "action", 0},
		{"outcome=maybe", "outcome", 0},
		{"actor_id=' || 1==1", "actor_id", 0},
		{"since=yesterday", "since", 0},
		{"until=2026-03-02T08:00:00Z&since=2026-03-01T08:00:00%2B08:00", "", 0},
		{"object_kind=$where", "object_kind", 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.query)
			f, err := audit.ParseFilter(v.Get)
			if tt.bad == "" {
				if err != nil || len(f.Actions) != tt.actions {
					t.Fatalf("err = %v, actions %v, want %d", err, f.Actions, tt.actions)
				}
				return
			}
			pe, ok := problem.As(err)
			if !ok || pe.Kind != problem.BadRequest || pe.Params["name"] != tt.bad {
				t.Fatalf("err = %v, want a bad request naming %q", err, tt.bad)
			}
		})
	}
}

// FuzzParseFilter: any query string is either refused with a bad request or
// gives a filter whose every action is known and whose text fields are the
// parameters as sent.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"action=definition.", "outcome=denied&since=2026-01-02T03:04:05Z",
		"actor_id=01jcccccccccccccccccccccc0", "object_kind=user", "action[$ne]=x",
		"until=9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt, err := audit.ParseFilter(v.Get)
		if err != nil {
			if pe, ok := problem.As(err); !ok || pe.Kind != problem.BadRequest {
				t.Fatalf("ParseFilter(%q) = %v, want a bad request", raw, err)
			}
			return
		}
		for _, a := range flt.Actions {
			if !audit.KnownAction(a) {
				t.Fatalf("unknown action %q from %q", a, raw)
			}
		}
		if strings.ContainsAny(flt.ObjectKind, "${} ") {
			t.Fatalf("object kind %q accepted", flt.ObjectKind)
		}
	})
}
