package expr_test

import (
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/expr"
)

func TestDateFunctions(t *testing.T) {
	env := mustEnv(t, []expr.Var{{Name: "due", Type: expr.Timestamp},
		{Name: "n", Type: expr.Number}}, expr.WithNow())
	now := sh("2026-02-20 15:30") // a Friday
	at := func(vars map[string]any) map[string]any {
		vars["now"] = now
		return vars
	}
	runEval(t, env, []evalCase{
		{"date is midnight in the zone", `date("2026-02-20")`, at(map[string]any{}),
			sh("2026-02-20 00:00")},
		{"date compares with a bound date", `due == date("2026-02-20")`,
			at(map[string]any{"due": "2026-02-20"}), true},
		{"days between dates", `days_between(date("2026-02-01"), date("2026-03-01"))`,
			at(map[string]any{}), 28.0},
		{"days between is fractional", `days_between(date("2026-02-20"), now)`,
			at(map[string]any{}), 15.5 / 24},
		{"days between backwards", `days_between(now, date("2026-02-19"))`,
			at(map[string]any{}), -1 - 15.5/24},
		{"hours between", `hours_between(date("2026-02-20"), now)`, at(map[string]any{}),
			15.5},
		{"overdue by hours", `hours_between(due, now) > 2.0`,
			at(map[string]any{"due": "2026-02-20T13:00"}), true},
		{"add whole days", `add_days(now, 3)`, at(map[string]any{}), sh("2026-02-23 15:30")},
		{"add negative days", `add_days(now, -20)`, at(map[string]any{}),
			sh("2026-01-31 15:30")},
		{"add fractional days", `add_days(now, n)`, at(map[string]any{"n": 1.5}),
			sh("2026-02-22 03:30")},
		{"start of day", `start_of_day(now)`, at(map[string]any{}), sh("2026-02-20 00:00")},
		{"start of day of an absent date", `start_of_day(due) < now`, at(map[string]any{}),
			true},
		{"weekday friday", `weekday(now)`, at(map[string]any{}), int64(5)},
		{"weekday sunday is 7", `weekday(add_days(now, 2))`, at(map[string]any{}), int64(7)},
		{"weekday monday is 1", `weekday(add_days(now, 3))`, at(map[string]any{}), int64(1)},
		{"CEL timestamps", `now - timestamp("2026-02-20T07:00:00Z")`, at(map[string]any{}),
			30 * time.Minute},
		{"CEL getters take a zone", `now.getHours("Asia/Shanghai")`, at(map[string]any{}),
			int64(15)},
		{"CEL durations", `now + duration("90m") > now`, at(map[string]any{}), true},
	})
}

func TestDateFunctionsInDaylightSaving(t *testing.T) {
	env := mustEnv(t, nil, expr.WithTimeZone(mustZone("Europe/Berlin")))
	runEval(t, env, []evalCase{
		{"a day across spring forward is one day",
			`days_between(date("2026-03-28"), date("2026-03-30"))`, nil, 2.0},
		{"but 47 hours", `hours_between(date("2026-03-28"), date("2026-03-30"))`, nil, 47.0},
		{"add_days keeps the wall clock",
			`add_days(date("2026-03-28"), 1) == date("2026-03-29")`, nil, true},
		{"start of day in the zone",
			`start_of_day(timestamp("2026-03-29T22:30:00Z")) == date("2026-03-30")`, nil, true},
	})
}

func TestDateFunctionErrors(t *testing.T) {
	env := mustEnv(t, []expr.Var{{Name: "s", Type: expr.String},
		{Name: "n", Type: expr.Number}})
	tests := []struct {
		name, src string
		vars      map[string]any
		code      string
	}{
		{"constant bad date", `date("2026-02-30")`, nil, expr.CodeBadDate},
		{"bound bad date", `date(s)`, map[string]any{"s": "20 Feb"}, expr.CodeEval},
		{"too many days", `add_days(date("2026-02-20"), n)`, map[string]any{"n": 1e12},
			expr.CodeEval},
		{"past year 9999", `add_days(date("9999-12-31"), 2)`, nil, expr.CodeEval},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prg, err := env.Compile(tt.src, nil)
			if err == nil {
				_, err = prg.Eval(tt.vars)
			}
			if got := codeOf(err); got != tt.code {
				t.Errorf("%s: error %v, code %q, want %q", tt.src, err, got, tt.code)
			}
		})
	}
}
