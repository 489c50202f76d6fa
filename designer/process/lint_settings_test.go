package process_test

import (
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
)

// step builds start → the node → done, the node at index 1.
func step(cfg process.Config) process.Graph {
	return chain(node("start", onLead()), node("x", cfg), node("done", end()))
}

// scheduled is step with a schedule trigger, which gives no record.
func scheduled(cfg process.Config) process.Graph {
	return chain(node("start", onSchedule()), node("x", cfg), node("done", end()))
}

// afterTask builds start → call → the node → done, the node at index 2.
func afterTask(cfg process.Config) process.Graph {
	return chain(node("start", onLead()), node("call", task()), node("x", cfg),
		node("done", end()))
}

// settingCases cover the settings of each kind of node.
var settingCases = []lintCase{
	{
		name: "assign owner by region, else in turn",
		graph: func() process.Graph {
			return step(&process.AssignOwnerConfig{
				Routes: []process.AssignRoute{{When: `record.region == "east"`,
					Assignee: process.Assignee{Rule: process.AssignRoundRobin,
						Team: "east_sales"}}},
				Assignee: process.Assignee{Rule: process.AssignLeastLoaded, Role: "sales"}})
		},
		want: []string{},
	},
	{
		name: "assign owner to the owner, by a number, to no team",
		graph: func() process.Graph {
			return step(&process.AssignOwnerConfig{
				Routes: []process.AssignRoute{
					{When: "record.amount", Assignee: process.Assignee{
						Rule: process.AssignRoundRobin, Team: "west"}},
					{Assignee: process.Assignee{Rule: process.AssignUser, User: "u_1"}}},
				Assignee: process.Assignee{Rule: process.AssignOwner}})
		},
		want: []string{"invalid_value /nodes/1/config/assignee/rule",
			"unknown_team /nodes/1/config/routes/0/assignee/team",
			"expression_type /nodes/1/config/routes/0/when",
			"unknown_user /nodes/1/config/routes/1/assignee/user",
			"required /nodes/1/config/routes/1/when"},
	},
	{
		name:  "assign owner without a record",
		graph: func() process.Graph { return scheduled(&process.AssignOwnerConfig{}) },
		want:  []string{"needs_record /nodes/1"},
	},
	{
		name:  "task without assignee rule",
		graph: func() process.Graph { return step(&process.UserTaskConfig{}) },
		want:  []string{"required /nodes/1/config/assignee/rule"},
	},
	{
		name: "task with an unknown rule",
		graph: func() process.Graph {
			return step(&process.UserTaskConfig{Assignee: process.Assignee{Rule: "boss"}})
		},
		want: []string{"invalid_value /nodes/1/config/assignee/rule"},
	},
	{
		name: "team given to the owner rule",
		graph: func() process.Graph {
			return step(&process.UserTaskConfig{Assignee: process.Assignee{
				Rule: process.AssignOwner, Team: "east_sales"}})
		},
		want: []string{"setting_not_used /nodes/1/config/assignee/team"},
	},
	{
		name: "least loaded in a team and a role",
		graph: func() process.Graph {
			return step(&process.UserTaskConfig{Assignee: process.Assignee{
				Rule: process.AssignLeastLoaded, Team: "east_sales", Role: "sales"}})
		},
		want: []string{"conflicting_settings /nodes/1/config/assignee/role"},
	},
	{
		name: "least loaded in nothing",
		graph: func() process.Graph {
			return step(&process.UserTaskConfig{Assignee: process.Assignee{
				Rule: process.AssignLeastLoaded}})
		},
		want: []string{"required /nodes/1/config/assignee/team"},
	},
	{
		name: "two outcomes with one key",
		graph: func() process.Graph {
			c := task()
			c.Outcomes = []process.Outcome{{Key: "reached", Label: bilingual("Reached", "已联系")},
				{Key: "reached", Label: bilingual("Reached again", "再次联系")}}
			return step(c)
		},
		want: []string{"duplicate_outcome /nodes/1/config/outcomes/1/key"},
	},
	{
		name: "outcome without label",
		graph: func() process.Graph {
			c := task()
			c.Outcomes = []process.Outcome{{Key: "reached"}}
			return step(c)
		},
		want: []string{"required /nodes/1/config/outcomes/0/label"},
	},
	{
		name: "due that is not a duration",
		graph: func() process.Graph {
			c := task()
			c.Due = "two hours"
			return step(c)
		},
		want: []string{"invalid_duration /nodes/1/config/due"},
	},
	{
		name: "due beyond a year",
		graph: func() process.Graph {
			c := task()
			c.Due = "400d"
			return step(c)
		},
		want: []string{"duration_out_of_range /nodes/1/config/due"},
	},
	{
		name: "timer with duration and date",
		graph: func() process.Graph {
			return step(&process.TimerConfig{Duration: "1d", Until: "expected_close"})
		},
		want: []string{"conflicting_settings /nodes/1/config/until"},
	},
	{
		name:  "timer without duration or date",
		graph: func() process.Graph { return step(&process.TimerConfig{}) },
		want:  []string{"required /nodes/1/config/duration"},
	},
	{
		name:  "timer until a text field",
		graph: func() process.Graph { return step(&process.TimerConfig{Until: "company"}) },
		want:  []string{"field_not_date /nodes/1/config/until"},
	},
	{
		name:  "timer until a missing field",
		graph: func() process.Graph { return step(&process.TimerConfig{Until: "nope"}) },
		want:  []string{"unknown_field /nodes/1/config/until"},
	},
	{
		name: "silence watch counting a view twice",
		graph: func() process.Graph {
			return step(&process.SilenceWatchConfig{Duration: "48h",
				Activities: []process.ActivityKind{"view", "edit", "view"}})
		},
		want: []string{"duplicate_value /nodes/1/config/activities/2"},
	},
	{
		name: "silence watch with an unknown activity",
		graph: func() process.Graph {
			return step(&process.SilenceWatchConfig{Duration: "48h",
				Activities: []process.ActivityKind{"telepathy"}})
		},
		want: []string{"invalid_value /nodes/1/config/activities/0"},
	},
	{
		name: "silence watch without a record",
		graph: func() process.Graph {
			return scheduled(&process.SilenceWatchConfig{Duration: "48h"})
		},
		want: []string{"needs_record /nodes/1"},
	},
	{
		name: "schedule that is not cron",
		graph: func() process.Graph {
			g := base()
			g.Nodes[0].Config = &process.TriggerConfig{On: process.OnSchedule, Cron: "0 9 * *"}
			g.Nodes[1].Config = &process.UserTaskConfig{Assignee: process.Assignee{
				Rule: process.AssignRole, Role: "sales"}}
			return g
		},
		want: []string{"invalid_cron /nodes/0/config/cron"},
	},
	{
		name: "schedule on 30 February",
		graph: func() process.Graph {
			g := scheduled(timer("1h"))
			config[*process.TriggerConfig](g, 0).Cron = "0 0 30 2 *"
			return g
		},
		want: []string{"cron_never_fires /nodes/0/config/cron"},
	},
	{
		name: "schedule given to a record trigger",
		graph: func() process.Graph {
			g := base()
			config[*process.TriggerConfig](g, 0).Cron = "0 9 * * *"
			return g
		},
		want: []string{"setting_not_used /nodes/0/config/cron"},
	},
	{
		name: "field trigger without fields",
		graph: func() process.Graph {
			g := base()
			g.Nodes[0].Config = &process.TriggerConfig{On: process.OnFieldChanged, Form: "lead"}
			return g
		},
		want: []string{"required /nodes/0/config/fields"},
	},
	{
		name: "field trigger on a missing field",
		graph: func() process.Graph {
			g := base()
			g.Nodes[0].Config = &process.TriggerConfig{On: process.OnFieldChanged, Form: "lead",
				Fields: []string{"stage", "nope"}}
			return g
		},
		want: []string{"unknown_field /nodes/0/config/fields/1"},
	},
	{
		name: "notify the assignee with no task before",
		graph: func() process.Graph {
			c := notifyOwner()
			c.Recipients = []process.Recipient{{Kind: process.ToAssignee}}
			return step(c)
		},
		want: []string{"needs_task /nodes/1/config/recipients/0/kind"},
	},
	{
		name: "notify the assignee's managers after a task",
		graph: func() process.Graph {
			c := notifyOwner()
			c.Recipients = []process.Recipient{{Kind: process.ToAssigneeManager, Levels: 3}}
			c.Message = bilingual("{{task.assignee_name}} has not called {{record.company}}",
				"{{task.assignee_name}} 尚未联系 {{record.company}}")
			return afterTask(c)
		},
		want: []string{},
	},
	{
		name: "notify too many levels up",
		graph: func() process.Graph {
			c := notifyOwner()
			c.Recipients = []process.Recipient{{Kind: process.ToOwnerManager, Levels: 11}}
			return step(c)
		},
		want: []string{"invalid_value /nodes/1/config/recipients/0/levels"},
	},
	{
		name:  "notify the owner without a record",
		graph: func() process.Graph { return scheduled(notifyOwner()) },
		want: []string{"unknown_template_field /nodes/1/config/message/en",
			"unknown_template_field /nodes/1/config/message/zh-CN",
			"needs_record /nodes/1/config/recipients/0/kind"},
	},
	{
		name: "notify with a broken placeholder",
		graph: func() process.Graph {
			c := notifyOwner()
			c.Message[i18n.English] = "Lead {{record.company needs a call"
			return step(c)
		},
		want: []string{"invalid_template /nodes/1/config/message/en"},
	},
	{
		name: "notify naming a missing field",
		graph: func() process.Graph {
			c := notifyOwner()
			c.Message[i18n.Chinese] = "线索 {{record.nope}} 需要跟进"
			return step(c)
		},
		want: []string{"unknown_template_field /nodes/1/config/message/zh-CN"},
	},
	{
		name: "notify in English only",
		graph: func() process.Graph {
			c := notifyOwner()
			delete(c.Message, i18n.Chinese)
			return step(c)
		},
		want: []string{"missing_locale /nodes/1/config/message/zh-CN"},
	},
	{
		name:  "notify with nothing",
		graph: func() process.Graph { return step(&process.NotifyConfig{}) },
		want: []string{"required /nodes/1/config/channel", "required /nodes/1/config/message",
			"required /nodes/1/config/recipients"},
	},
	{
		name: "set a field to the wrong type",
		graph: func() process.Graph {
			return step(&process.SetFieldsConfig{Assignments: map[string]string{
				"amount": "'a lot'", "region": "'east'"}})
		},
		want: []string{"expression_type /nodes/1/config/assignments/amount"},
	},
	{
		name: "set a field with a broken expression",
		graph: func() process.Graph {
			return step(&process.SetFieldsConfig{Assignments: map[string]string{
				"amount": "record.amount *"}})
		},
		want: []string{"invalid_expression /nodes/1/config/assignments/amount"},
	},
	{
		name: "set a whole number into a number field",
		graph: func() process.Graph {
			return step(&process.SetFieldsConfig{Assignments: map[string]string{"amount": "5"}})
		},
		want: []string{},
	},
	{
		name: "decision on a field the form lacks",
		graph: func() process.Graph {
			return decision(cond("e1", "gw", "a", "record.nope > 1"),
				byDefault("e2", "gw", "done"))
		},
		want: []string{"invalid_expression /edges/2/condition"},
	},
	{
		name: "decision on the task's form",
		graph: func() process.Graph {
			g := decision(cond("e1", "gw", "a", "task.result == 'reached' && "+
				"task.confirmed_at < now"), byDefault("e2", "gw", "done"))
			c := task()
			c.Form = "follow_up"
			g = with(g, []process.Node{node("call", c)})
			g.Edges[0].To = "call"
			return with(g, nil, edge("e3", "call", "gw"))
		},
		want: []string{},
	},
	{
		name:  "move to a stage the form lacks",
		graph: func() process.Graph { return step(&process.MoveStageConfig{Stage: "dreaming"}) },
		want:  []string{"unknown_stage /nodes/1/config/stage"},
	},
	{
		name: "points computed as text",
		graph: func() process.Graph {
			return step(&process.AwardPointsConfig{Ledger: "process_points",
				Points: process.Points{Expr: "record.company"}, To: process.PointsToOwner})
		},
		want: []string{"expression_type /nodes/1/config/points"},
	},
	{
		name: "points to nobody",
		graph: func() process.Graph {
			return step(&process.AwardPointsConfig{Ledger: "process_points",
				Points: process.Points{Value: 3}})
		},
		want: []string{"required /nodes/1/config/to"},
	},
	{
		name: "webhook over plain http",
		graph: func() process.Graph {
			return step(&process.CallActionConfig{Webhook: "http://example.com/hook"})
		},
		want: []string{"invalid_webhook_url /nodes/1/config/webhook"},
	},
	{
		name: "plugin and webhook at once",
		graph: func() process.Graph {
			return step(&process.CallActionConfig{Plugin: "kingdee", Action: "push_order",
				Webhook: "https://example.com/hook"})
		},
		want: []string{"conflicting_settings /nodes/1/config/webhook"},
	},
	{
		name: "action input that cannot be read",
		graph: func() process.Graph {
			return step(&process.CallActionConfig{Plugin: "kingdee", Action: "push_order",
				Input: map[string]string{"order-id": "record.id", "total": ""}})
		},
		want: []string{"invalid_value /nodes/1/config/input/order-id",
			"required /nodes/1/config/input/total"},
	},
	{
		name: "inbound event payload in inputs",
		graph: func() process.Graph {
			return chain(node("start", &process.TriggerConfig{On: process.OnInboundEvent,
				Event: "kingdee.order_paid"}),
				node("x", &process.SubProcessConfig{Process: "supervisor_intervention",
					Input: map[string]string{"order": "event.order_no"}}),
				node("done", end()))
		},
		want: []string{},
	},
}
