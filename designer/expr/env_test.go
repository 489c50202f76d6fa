package expr_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/expr"
)

func TestNewEnvRefusals(t *testing.T) {
	tests := []struct {
		name string
		vars []expr.Var
		opts []expr.Option
	}{
		{"empty name", []expr.Var{{Name: "", Type: expr.String}}, nil},
		{"no type", []expr.Var{{Name: "stage"}}, nil},
		{"declared twice", []expr.Var{{Name: "a", Type: expr.Int}, {Name: "a", Type: expr.Int}},
			nil},
		{"now declared twice", []expr.Var{{Name: "now", Type: expr.Timestamp}},
			[]expr.Option{expr.WithNow()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := expr.NewEnv(tt.vars, tt.opts...); err == nil {
				t.Errorf("NewEnv(%v) succeeded, want an error", tt.vars)
			}
		})
	}
}

func TestProgramAccessors(t *testing.T) {
	vars := []expr.Var{{Name: "stage", Type: expr.String}, {Name: "amount", Type: expr.Number},
		{Name: "owner", Type: expr.String}}
	env := mustEnv(t, vars, expr.WithNow())
	if diff := cmp.Diff([]string{"amount", "now", "owner", "stage"}, env.Vars()); diff != "" {
		t.Errorf("Vars() (-want +got):\n%s", diff)
	}
	if len(vars) != 3 {
		t.Errorf("WithNow changed the caller's slice: %v", vars)
	}

	const src = `stage == "won" && amount >= 10000.0`
	prg, err := env.Compile(src, expr.Bool)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	if diff := cmp.Diff([]string{"amount", "stage"}, prg.Names()); diff != "" {
		t.Errorf("Names() (-want +got):\n%s", diff)
	}
	if prg.Source() != src || expr.TypeName(prg.OutputType()) != "bool" {
		t.Errorf("Source() = %q, OutputType() = %s", prg.Source(), prg.OutputType())
	}

	won, err := prg.EvalBool(map[string]any{"stage": "won", "amount": 12000.0, "now": sh(
		"2026-02-20 10:00")})
	if err != nil || !won {
		t.Errorf("EvalBool = %v, %v; want true", won, err)
	}
}

func TestEvalBoolRefusesOtherResults(t *testing.T) {
	env := mustEnv(t, []expr.Var{{Name: "x", Type: expr.Dyn}})
	prg, err := env.Compile("x", expr.Bool)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	_, err = prg.EvalBool(map[string]any{"x": 3.0})
	e, ok := err.(*expr.Error)
	if !ok || e.Code != expr.CodeResultType || e.Params["got"] != "number" {
		t.Errorf("EvalBool(3.0) = %v, want result_type got number", err)
	}
}

func TestTypeName(t *testing.T) {
	tests := []struct {
		t    expr.Type
		want string
	}{
		{expr.String, "string"}, {expr.Int, "int"}, {expr.Number, "number"},
		{expr.Bool, "bool"}, {expr.Timestamp, "timestamp"}, {expr.Duration, "duration"},
		{expr.Dyn, "any"}, {nil, "any"}, {expr.ListOf(expr.Number), "list(number)"},
		{expr.MapOf(expr.Dyn), "map(string, any)"},
	}
	for _, tt := range tests {
		if got := expr.TypeName(tt.t); got != tt.want {
			t.Errorf("TypeName(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}
