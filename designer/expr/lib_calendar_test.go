package expr_test

import (
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/expr"
)

func TestCalendarFunctionsDefault(t *testing.T) {
	env := mustEnv(t, []expr.Var{{Name: "created", Type: expr.Timestamp},
		{Name: "sla", Type: expr.String}}, expr.WithNow())
	vars := func(created time.Time) map[string]any {
		return map[string]any{"created": created, "now": sh("2026-02-23 10:00")}
	}
	friday := sh("2026-02-20 17:00")
	runEval(t, env, []evalCase{
		{"working day", `is_working_day(created)`, vars(friday), true},
		{"weekend", `is_working_day(add_days(created, 1))`, vars(friday), false},
		{"working time", `is_working_time(created)`, vars(friday), true},
		{"lunch break", `is_working_time(created)`, vars(sh("2026-02-20 12:30")), false},
		{"add business hours", `add_business(created, duration("2h"))`, vars(friday),
			sh("2026-02-23 10:00")},
		{"add business text", `add_business(created, "3d")`, vars(friday),
			sh("2026-02-25 17:00")},
		{"add business text with suffix", `add_business(created, "1d 4h business")`,
			vars(friday), sh("2026-02-24 12:00")},
		{"add business from a bound rule", `add_business(created, sla)`,
			map[string]any{"created": friday, "sla": "90m", "now": friday}, sh("2026-02-23 09:30")},
		{"business hours between", `business_hours_between(created, now)`, vars(friday), 2.0},
		{"SLA breached", `business_hours_between(created, now) >= 2.0`, vars(friday), true},
	})
}

func TestCalendarFunctionsWithCalendar(t *testing.T) {
	cal := calendar.Default()
	cal.Holidays = []string{"2026-02-23"}
	cal.MakeUpDays = []string{"2026-02-21"}
	env := mustEnv(t, []expr.Var{{Name: "t", Type: expr.Timestamp}}, expr.WithCalendar(cal))
	cal.Holidays = nil // the Env took its own copy

	runEval(t, env, []evalCase{
		{"make-up saturday", `is_working_day(t)`, map[string]any{"t": sh("2026-02-21 10:00")},
			true},
		{"holiday monday", `is_working_day(t)`, map[string]any{"t": sh("2026-02-23 10:00")},
			false},
		{"add over the holiday", `add_business(t, "2h")`,
			map[string]any{"t": sh("2026-02-21 17:00")}, sh("2026-02-24 10:00")},
	})
}

func TestCalendarZoneIsEnvZone(t *testing.T) {
	cal := calendar.Default()
	cal.TimeZone = "Europe/Berlin"
	env := mustEnv(t, nil, expr.WithCalendar(cal))
	if got := env.TimeZone().String(); got != "Europe/Berlin" {
		t.Errorf("TimeZone() = %s, want the calendar's Europe/Berlin", got)
	}
	env = mustEnv(t, nil, expr.WithCalendar(cal), expr.WithTimeZone(time.UTC))
	if got := env.TimeZone().String(); got != "UTC" {
		t.Errorf("TimeZone() = %s, want UTC from WithTimeZone", got)
	}
}

func TestCalendarFunctionErrors(t *testing.T) {
	env := mustEnv(t, []expr.Var{{Name: "t", Type: expr.Timestamp},
		{Name: "sla", Type: expr.String}})
	tests := []struct {
		name, src string
		vars      map[string]any
		code      string
	}{
		{"constant bad duration", `add_business(t, "3 weeks")`, nil, expr.CodeBadDuration},
		{"constant zero duration", `add_business(t, "0h")`, nil, expr.CodeBadDuration},
		{"bound bad duration", `add_business(t, sla)`, map[string]any{"sla": "soon"},
			expr.CodeEval},
		{"wrong argument type", `add_business(t, 3)`, nil, expr.CodeCheck},
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
