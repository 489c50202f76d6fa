package expr_test

import (
	"testing"

	"github.com/formworkhq/formwork/designer/expr"
)

func TestListFunctions(t *testing.T) {
	env := mustEnv(t, []expr.Var{
		{Name: "scores", Type: expr.ListOf(expr.Number)},
		{Name: "visits", Type: expr.ListOf(expr.Int)},
		{Name: "tags", Type: expr.ListOf(expr.String)},
		{Name: "lines", Type: expr.ListOf(expr.MapOf(expr.Dyn))},
	})
	vars := map[string]any{
		"scores": []any{8.0, 9.5, 7.5},
		"visits": []any{1.0, 2.0, 4.0},
		"tags":   []any{"vip", "north"},
		"lines": []any{
			map[string]any{"product": "A", "amount": 1200.0},
			map[string]any{"product": "B", "amount": 800.5},
		},
	}
	runEval(t, env, []evalCase{
		{"sum of numbers", `sum(scores)`, vars, 25.0},
		{"sum of ints is an int", `sum(visits)`, vars, int64(7)},
		{"sum of a literal", `sum([1, 2, 3])`, nil, int64(6)},
		{"sum of a mixed literal", `sum([1, 2.5])`, nil, 3.5},
		{"sum of an empty list", `sum(scores)`, nil, 0.0},
		{"sum over object items", `sum(lines.map(l, l.amount))`, vars, 2000.5},
		{"avg of numbers", `avg(scores)`, vars, 25.0 / 3},
		{"avg of ints", `avg(visits)`, vars, 7.0 / 3},
		{"avg of an empty list is 0", `avg(scores)`, nil, 0.0},
		{"all", `scores.all(s, s >= 7)`, vars, true},
		{"exists", `tags.exists(t, t == "vip")`, vars, true},
		{"exists_one", `tags.exists_one(t, t.startsWith("n"))`, vars, true},
		{"map", `scores.map(s, s * 10.0)`, vars, []any{80.0, 95.0, 75.0}},
		{"filter", `lines.filter(l, l.amount > 1000.0).map(l, l.product)`, vars, []any{"A"}},
		{"ext.Lists sort", `[3, 1, 2].sort()`, nil, []any{int64(1), int64(2), int64(3)}},
		{"ext.Lists slice", `scores.slice(1, 2)`, vars, []any{9.5}},
		{"ext.Sets intersects", `sets.intersects(tags, ["vip", "gold"])`, vars, true},
		{"ext.Strings", `tags[0].upperAscii() + "/" + "a,b".split(",").join("+")`, vars,
			"VIP/a+b"},
		{"matches", `"13800138000".matches("^1[3-9][0-9]{9}$")`, nil, true},
		{"ext.Math", `math.greatest(scores)`, vars, 9.5},
	})
}

func TestListFunctionErrors(t *testing.T) {
	env := mustEnv(t, []expr.Var{{Name: "items", Type: expr.ListOf(expr.Dyn)},
		{Name: "tags", Type: expr.ListOf(expr.String)}})
	if _, err := env.Compile(`sum(tags)`, nil); codeOf(err) != expr.CodeCheck {
		t.Errorf("sum(tags) compiled with %v, want a type_check error", err)
	}
	prg, err := env.Compile(`sum(items)`, nil)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	_, err = prg.Eval(map[string]any{"items": []any{1.0, "two"}})
	if codeOf(err) != expr.CodeEval {
		t.Errorf("sum of a list with text = %v, want an eval error", err)
	}
}
