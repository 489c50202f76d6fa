package process_test

import (
	"testing"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
)

// review is a create-record step opening a loss review linked to the lead.
func review() *process.CreateRecordConfig {
	return &process.CreateRecordConfig{Form: "loss_review", LinkField: "lead",
		Fields: map[string]string{"reason": "'lost: ' + record.company",
			"lost_amount": "record.amount", "reviewed_on": "now"}}
}

// createRecordCases cover the settings of create-record steps.
var createRecordCases = []lintCase{
	{
		name:  "open a loss review linked to the lead",
		graph: func() process.Graph { return step(review()) },
		want:  []string{},
	},
	{
		name: "open a review owned by the owner's manager, after a task",
		graph: func() process.Graph {
			c := review()
			c.Owner = process.Assignee{Rule: process.AssignOwnerManager}
			return afterTask(c)
		},
		want: []string{},
	},
	{
		name:  "create a record with nothing",
		graph: func() process.Graph { return step(&process.CreateRecordConfig{}) },
		want:  []string{"required /nodes/1/config/fields", "required /nodes/1/config/form"},
	},
	{
		name: "create a record of an unknown form",
		graph: func() process.Graph {
			c := review()
			c.Form = "loss_report"
			return step(c)
		},
		want: []string{"unknown_form /nodes/1/config/form"},
	},
	{
		name: "fields the form lacks, of the wrong type or not compiling",
		graph: func() process.Graph {
			return step(&process.CreateRecordConfig{Form: "loss_review",
				Fields: map[string]string{"nope": "1", "lost_amount": "record.company",
					"reason": "record.amount *", "reviewed_on": ""}})
		},
		want: []string{"expression_type /nodes/1/config/fields/lost_amount",
			"unknown_field /nodes/1/config/fields/nope",
			"invalid_expression /nodes/1/config/fields/reason",
			"required /nodes/1/config/fields/reviewed_on"},
	},
	{
		name: "link field that is text",
		graph: func() process.Graph {
			c := review()
			c.LinkField = "reason"
			return step(c)
		},
		want: []string{"conflicting_settings /nodes/1/config/fields/reason",
			"field_not_record_link /nodes/1/config/link_field"},
	},
	{
		name: "link field the form lacks",
		graph: func() process.Graph {
			c := review()
			c.LinkField = "customer"
			return step(c)
		},
		want: []string{"unknown_field /nodes/1/config/link_field"},
	},
	{
		name: "owner by a role, or a team that does not exist",
		graph: func() process.Graph {
			a, b := review(), review()
			a.Owner = process.Assignee{Rule: process.AssignRole, Role: "sales"}
			b.Owner = process.Assignee{Rule: process.AssignRoundRobin, Team: "west"}
			return chain(node("start", onLead()), node("x", a), node("y", b),
				node("done", end()))
		},
		want: []string{"invalid_value /nodes/1/config/owner/rule",
			"unknown_team /nodes/2/config/owner/team"},
	},
	{
		name: "weekly record without a source record",
		graph: func() process.Graph {
			return scheduled(&process.CreateRecordConfig{Form: "loss_review",
				LinkField: "lead", Fields: map[string]string{"reviewed_on": "now"}})
		},
		want: []string{"needs_record /nodes/1/config/link_field",
			"required /nodes/1/config/owner"},
	},
	{
		name: "weekly record owned by a named user",
		graph: func() process.Graph {
			return scheduled(&process.CreateRecordConfig{Form: "loss_review",
				Fields: map[string]string{"reviewed_on": "now"},
				Owner:  process.Assignee{Rule: process.AssignUser, User: "u_wang"}})
		},
		want: []string{},
	},
}

// TestDiffNamesCreateRecordSettings checks that a change of a
// create-record step's fields is named as the new record's fields, not as
// a trigger's fields to watch.
func TestDiffNamesCreateRecordSettings(t *testing.T) {
	old := step(review())
	new := step(review())
	c := config[*process.CreateRecordConfig](new, 1)
	c.Fields = map[string]string{"reason": "'lost'"}
	c.Owner = process.Assignee{Rule: process.AssignOwnerManager}

	changes := process.Diff(old, new)
	if len(changes) != 1 {
		t.Fatalf("changes = %+v, want one", changes)
	}
	want := "Changed the record creation “x”: settings (fields of the new record, " +
		"owner of the new record)."
	if got := changes[0].Message(i18n.English); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}
