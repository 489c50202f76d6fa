package expr_test

import (
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/expr"
)

// fuzzVars are bound for every fuzzed expression: a list a little over the
// estimate's assumption, so that runtime limits are exercised too.
func fuzzVars() map[string]any {
	scores := make([]any, 1200)
	for i := range scores {
		scores[i] = float64(i)
	}
	return map[string]any{
		"stage": "won", "amount": 12000.0, "count": 3.0, "tags": []any{"vip", "north"},
		"scores": scores, "due": "2026-02-20T09:30", "wait": "2h",
		"now":    time.Date(2026, 2, 20, 8, 0, 0, 0, time.UTC),
		"record": map[string]any{"lines": []any{map[string]any{"amount": 5.0}}},
	}
}

func FuzzCompileEval(f *testing.F) {
	for _, s := range []string{
		`stage == "won" && amount >= 10000.0`, `sum(scores) / size(scores)`,
		`scores.all(a, scores.exists(b, a < b))`, `add_business(due, "3d") > now`,
		`business_hours_between(due, now)`, `lists.range(int(amount)).size()`,
		`tags.map(t, t + t + t + t).join("")`, `date("2026-02-30")`, `1 / (count - 3.0)`,
		`record.lines.map(l, l.amount)`, `"%.3f".format([amount])`, `(((((((1)))))))`,
		`add_days(due, amount * 1e12)`, `weekday(start_of_day(due))`, `avg([])`,
	} {
		f.Add(s)
	}
	env := mustEnv(f, []expr.Var{
		{Name: "stage", Type: expr.String}, {Name: "amount", Type: expr.Number},
		{Name: "count", Type: expr.Int}, {Name: "tags", Type: expr.ListOf(expr.String)},
		{Name: "scores", Type: expr.ListOf(expr.Number)}, {Name: "due", Type: expr.Timestamp},
		{Name: "wait", Type: expr.Duration}, {Name: "record", Type: expr.MapOf(expr.Dyn)},
	}, expr.WithNow())
	vars := fuzzVars()
	f.Fuzz(func(t *testing.T, src string) {
		prg, err := env.Compile(src, nil)
		if err != nil {
			if _, ok := err.(*expr.Error); !ok {
				t.Fatalf("Compile(%q) error %v is not an *expr.Error", src, err)
			}
			return
		}
		if _, err := prg.Eval(vars); err != nil {
			if _, ok := err.(*expr.Error); !ok {
				t.Fatalf("Eval(%q) error %v is not an *expr.Error", src, err)
			}
		}
	})
}
