package process_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/process"
)

func TestParseTemplate(t *testing.T) {
	values := map[string]string{"record.company": "Acme", "owner.name": "王磊"}
	tests := []struct {
		name   string
		src    string
		names  []string
		render string
		errAt  int
	}{
		{name: "plain text", src: "No placeholders }} here", render: "No placeholders }} here"},
		{name: "placeholders",
			src:    "Lead {{record.company}} of {{ owner.name }}, {{record.company}}",
			names:  []string{"record.company", "owner.name"},
			render: "Lead Acme of 王磊, Acme"},
		{name: "chinese around", src: "线索{{record.company}}需要跟进", names: []string{"record.company"},
			render: "线索Acme需要跟进"},
		{name: "unknown renders empty", src: "{{task.result}}!", names: []string{"task.result"},
			render: "!"},
		{name: "unclosed", src: "Lead {{record.company", errAt: 6},
		{name: "empty placeholder", src: "{{ }}", errAt: 1},
		{name: "not a name", src: "跟进 {{record company}}", errAt: 4},
		{name: "triple braces", src: "{{{record.company}}}", errAt: 1},
		{name: "trailing dot", src: "x {{record.}}", errAt: 3},
		{name: "second placeholder broken", src: "{{a}} {{1b}}", errAt: 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, err := process.ParseTemplate(tt.src)
			var te *process.TemplateError
			if tt.errAt > 0 {
				if !errors.As(err, &te) || te.At != tt.errAt ||
					!errors.Is(err, process.ErrTemplate) {
					t.Fatalf("ParseTemplate(%q) error = %v, want one at %d", tt.src, err, tt.errAt)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseTemplate(%q): %v", tt.src, err)
			}
			if diff := cmp.Diff(tt.names, tpl.Names()); diff != "" {
				t.Errorf("Names (-want +got):\n%s", diff)
			}
			if got := tpl.Render(func(n string) string { return values[n] }); got != tt.render {
				t.Errorf("Render = %q, want %q", got, tt.render)
			}
		})
	}
}

func FuzzParseTemplate(f *testing.F) {
	for _, s := range []string{"Lead {{record.company}}", "{{ a.b }} }} {{", "{{{x}}}", "线索{{x}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tpl, err := process.ParseTemplate(s)
		if err != nil {
			return
		}
		again, err := process.ParseTemplate(tpl.String())
		if err != nil {
			t.Fatalf("ParseTemplate(String()) of %q = %q: %v", s, tpl.String(), err)
		}
		if again.String() != tpl.String() {
			t.Fatalf("round trip of %q: %q, then %q", s, tpl.String(), again.String())
		}
	})
}
