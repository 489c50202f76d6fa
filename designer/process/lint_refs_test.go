package process_test

import "github.com/formworkhq/formwork/designer/process"

// refCases cover references to other definitions.
var refCases = []lintCase{
	{
		name: "unknown trigger form",
		graph: func() process.Graph {
			g := base()
			config[*process.TriggerConfig](g, 0).Form = "prospect"
			return g
		},
		want: []string{"unknown_form /nodes/0/config/form"},
	},
	{
		name: "unknown task form",
		graph: func() process.Graph {
			c := task()
			c.Form = "diary"
			return step(c)
		},
		want: []string{"unknown_form /nodes/1/config/form"},
	},
	{
		name: "unknown role",
		graph: func() process.Graph {
			return step(&process.UserTaskConfig{Assignee: process.Assignee{
				Rule: process.AssignRole, Role: "wizard"}})
		},
		want: []string{"unknown_role /nodes/1/config/assignee/role"},
	},
	{
		name: "unknown user",
		graph: func() process.Graph {
			return step(&process.UserTaskConfig{Assignee: process.Assignee{
				Rule: process.AssignUser, User: "u_nobody"}})
		},
		want: []string{"unknown_user /nodes/1/config/assignee/user"},
	},
	{
		name: "unknown team",
		graph: func() process.Graph {
			return step(&process.UserTaskConfig{Assignee: process.Assignee{
				Rule: process.AssignRoundRobin, Team: "west_sales"}})
		},
		want: []string{"unknown_team /nodes/1/config/assignee/team"},
	},
	{
		name: "unknown channel",
		graph: func() process.Graph {
			c := notifyOwner()
			c.Channel = "pigeon"
			return step(c)
		},
		want: []string{"unknown_channel /nodes/1/config/channel"},
	},
	{
		name: "unknown plugin",
		graph: func() process.Graph {
			return step(&process.CallActionConfig{Plugin: "sap", Action: "push_order"})
		},
		want: []string{"unknown_plugin /nodes/1/config/plugin"},
	},
	{
		name: "unknown plugin action",
		graph: func() process.Graph {
			return step(&process.CallActionConfig{Plugin: "kingdee", Action: "delete_all"})
		},
		want: []string{"unknown_action /nodes/1/config/action"},
	},
	{
		name: "unknown calendar",
		graph: func() process.Graph {
			c := task()
			c.Calendar = "mars"
			return step(c)
		},
		want: []string{"unknown_calendar /nodes/1/config/calendar"},
	},
	{
		name: "unknown sub-process",
		graph: func() process.Graph {
			return step(&process.SubProcessConfig{Process: "coaching"})
		},
		want: []string{"unknown_process /nodes/1/config/process"},
	},
	{
		name: "unknown ledger",
		graph: func() process.Graph {
			return step(&process.AwardPointsConfig{Ledger: "cash", Points: process.Points{Value: 1},
				To: process.PointsToOwner})
		},
		want: []string{"unknown_ledger /nodes/1/config/ledger"},
	},
	{
		name: "ticket on an unknown form",
		graph: func() process.Graph {
			return step(&process.CreateTicketConfig{Form: "complaint",
				Title:    bilingual("Silent lead {{record.company}}", "静默线索 {{record.company}}"),
				Assignee: process.Assignee{Rule: process.AssignOwnerManager}})
		},
		want: []string{"unknown_form /nodes/1/config/form"},
	},
	{
		name: "set a field the form lacks",
		graph: func() process.Graph {
			return step(&process.SetFieldsConfig{Assignments: map[string]string{"nope": "1"}})
		},
		want: []string{"unknown_field /nodes/1/config/assignments/nope"},
	},
}
