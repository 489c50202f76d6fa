package expr_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/formworkhq/formwork/designer/expr"
)

// evalCase is one expression, the variables it runs with and its result.
type evalCase struct {
	name string
	src  string
	vars map[string]any
	want any
}

// runEval compiles and evaluates every case against env.
func runEval(t *testing.T, env *expr.Env, cases []evalCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			prg, err := env.Compile(tt.src, nil)
			if err != nil {
				t.Fatalf("Compile(%q): %v", tt.src, err)
			}
			got, err := prg.Eval(tt.vars)
			if err != nil {
				t.Fatalf("Eval(%q): %v", tt.src, err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("Eval(%q) (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// mustEnv builds an Env or fails the test.
func mustEnv(t testing.TB, vars []expr.Var, opts ...expr.Option) *expr.Env {
	t.Helper()
	env, err := expr.NewEnv(vars, opts...)
	if err != nil {
		t.Fatalf("NewEnv: %v", err)
	}
	return env
}

// shanghai is the zone of the default calendar.
var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// sh is a wall-clock time in Asia/Shanghai, "2006-01-02 15:04".
func sh(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

// codeOf returns the code of an *expr.Error, or "" for anything else.
func codeOf(err error) string {
	if e, ok := err.(*expr.Error); ok {
		return e.Code
	}
	return ""
}
