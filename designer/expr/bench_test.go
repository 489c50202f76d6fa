package expr_test

import (
	"testing"

	"github.com/formworkhq/formwork/designer/expr"
)

const typicalRule = `stage == "won" && amount >= 10000.0`

func typicalEnv(b *testing.B) *expr.Env {
	return mustEnv(b, []expr.Var{{Name: "stage", Type: expr.String},
		{Name: "amount", Type: expr.Number}, {Name: "owner", Type: expr.String}})
}

func BenchmarkCompileTypicalRule(b *testing.B) {
	env := typicalEnv(b)
	for b.Loop() {
		if _, err := env.Compile(typicalRule, expr.Bool); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalTypicalRule(b *testing.B) {
	prg, err := typicalEnv(b).Compile(typicalRule, expr.Bool)
	if err != nil {
		b.Fatal(err)
	}
	vars := map[string]any{"stage": "won", "amount": 12000.0, "owner": "wang.lei"}
	for b.Loop() {
		if ok, err := prg.EvalBool(vars); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}
