package process_test

import "github.com/formworkhq/formwork/designer/process"

// fanOut is a schedule over the lead form's records, filtered by where,
// giving each a task for its owner.
func fanOut(where string) process.Graph {
	trig := &process.TriggerConfig{On: process.OnSchedule, Cron: "0 9 1 * *", Form: "lead",
		Where: where}
	return chain(node("start", trig), node("x", task()), node("done", end()))
}

// timeTriggerCases cover timers relative to a date, schedules over records
// and field triggers that also fire on creation.
var timeTriggerCases = []lintCase{
	{
		name: "timer a day before a date",
		graph: func() process.Graph {
			return step(&process.TimerConfig{Until: "expected_close", Offset: "-1d"})
		},
		want: []string{},
	},
	{
		name: "timer four working hours before a date",
		graph: func() process.Graph {
			return step(&process.TimerConfig{Until: "expected_close", Offset: "-4h business",
				Calendar: "cn_workdays"})
		},
		want: []string{},
	},
	{
		name: "offset that is not a duration",
		graph: func() process.Graph {
			return step(&process.TimerConfig{Until: "expected_close", Offset: "-yesterday"})
		},
		want: []string{"invalid_offset /nodes/1/config/offset"},
	},
	{
		name: "offset of two signs",
		graph: func() process.Graph {
			return step(&process.TimerConfig{Until: "expected_close", Offset: "--1d"})
		},
		want: []string{"invalid_offset /nodes/1/config/offset"},
	},
	{
		name: "offset beyond a year",
		graph: func() process.Graph {
			return step(&process.TimerConfig{Until: "expected_close", Offset: "-400d"})
		},
		want: []string{"duration_out_of_range /nodes/1/config/offset"},
	},
	{
		name: "offset without a date",
		graph: func() process.Graph {
			return step(&process.TimerConfig{Duration: "1d", Offset: "-1h"})
		},
		want: []string{"offset_needs_until /nodes/1/config/offset"},
	},
	{
		name: "offset from a text field",
		graph: func() process.Graph {
			return step(&process.TimerConfig{Until: "company", Offset: "-1d"})
		},
		want: []string{"field_not_date /nodes/1/config/until"},
	},
	{
		name:  "schedule over the records of a form",
		graph: func() process.Graph { return fanOut("record.amount > 1000") },
		want:  []string{},
	},
	{
		name:  "schedule over every record of a form",
		graph: func() process.Graph { return fanOut("") },
		want:  []string{},
	},
	{
		name:  "schedule filter that is not boolean",
		graph: func() process.Graph { return fanOut("record.amount") },
		want:  []string{"expression_type /nodes/0/config/where"},
	},
	{
		name:  "schedule filter on a missing field",
		graph: func() process.Graph { return fanOut("record.tier == 'A'") },
		want:  []string{"invalid_expression /nodes/0/config/where"},
	},
	{
		name: "schedule filter without a form",
		graph: func() process.Graph {
			g := scheduled(timer("1h"))
			config[*process.TriggerConfig](g, 0).Where = "true"
			return g
		},
		want: []string{"required /nodes/0/config/form"},
	},
	{
		name: "schedule over an unknown form",
		graph: func() process.Graph {
			g := fanOut("")
			config[*process.TriggerConfig](g, 0).Form = "accounts"
			return g
		},
		want: []string{"unknown_form /nodes/0/config/form"},
	},
	{
		name: "filter given to a record trigger",
		graph: func() process.Graph {
			g := base()
			config[*process.TriggerConfig](g, 0).Where = "true"
			return g
		},
		want: []string{"setting_not_used /nodes/0/config/where"},
	},
	{
		name: "field trigger also on creation",
		graph: func() process.Graph {
			g := base()
			g.Nodes[0].Config = &process.TriggerConfig{On: process.OnFieldChanged, Form: "lead",
				Fields: []string{"stage"}, AlsoOnCreate: true}
			return g
		},
		want: []string{},
	},
	{
		name: "creation option given to a creation trigger",
		graph: func() process.Graph {
			g := base()
			config[*process.TriggerConfig](g, 0).AlsoOnCreate = true
			return g
		},
		want: []string{"setting_not_used /nodes/0/config/also_on_create"},
	},
}
