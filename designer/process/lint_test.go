package process_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
)

// unfilled matches a {placeholder} left in a message; {{…}} is template
// syntax quoted on purpose.
var unfilled = regexp.MustCompile(`(^|[^{])\{[a-z_]+\}($|[^}])`)

func allLintCases() []lintCase {
	var all []lintCase
	for _, group := range [][]lintCase{structureCases, branchCases, settingCases, refCases,
		createRecordCases, timeTriggerCases} {
		all = append(all, group...)
	}
	return all
}

func TestLint(t *testing.T) {
	for _, tt := range allLintCases() {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.graph()
			got := process.Lint(g, testContext())
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("Lint findings (-want +got):\n%s", diff)
			}

			doc := asJSON(t, g)
			for _, f := range got {
				if err := resolves(doc, f.Pointer); err != nil {
					t.Errorf("finding %s: pointer does not resolve: %v", f.Code, err)
				}
				for _, l := range i18n.Locales {
					if msg := f.Message(l); unfilled.MatchString(msg) {
						t.Errorf("%s message in %s has an unfilled placeholder: %s", f.Code, l, msg)
					}
				}
			}
		})
	}
}

// TestEveryCodeTested checks that each lint code with a message appears in
// some case's findings.
func TestEveryCodeTested(t *testing.T) {
	tested := map[string]bool{}
	for _, tt := range allLintCases() {
		for _, w := range tt.want {
			code, _, _ := strings.Cut(w, " ")
			tested[code] = true
		}
	}
	for _, key := range i18n.Keys() {
		code, ok := strings.CutPrefix(key, "process.lint.")
		if ok && !tested[code] {
			t.Errorf("lint code %s has no test case", code)
		}
	}
}

func TestLintSeverity(t *testing.T) {
	g := base()
	config[*process.UserTaskConfig](g, 1).Assignee.Team = "east_sales"
	got := process.Lint(g, testContext())

	want := []process.Severity{process.SeverityWarning}
	var sev []process.Severity
	for _, f := range got {
		sev = append(sev, f.Severity)
	}
	if diff := cmp.Diff(want, sev); diff != "" {
		t.Errorf("severities (-want +got):\n%s", diff)
	}
	if got.HasErrors() || got.Err() != nil {
		t.Errorf("a warning alone must not block: HasErrors=%v Err=%v", got.HasErrors(), got.Err())
	}
}

func TestLintNilContext(t *testing.T) {
	got := summary(process.Lint(base(), nil))
	want := []string{"unknown_form /nodes/0/config/form"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Lint with nil context (-want +got):\n%s", diff)
	}
}
