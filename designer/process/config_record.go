package process

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// SetFieldsConfig configures a set-fields step: it writes fields of the
// record.
type SetFieldsConfig struct {
	// Assignments map a field name of the record's form to the expression
	// that computes its new value. Every expression reads the record as it
	// was before the step; all fields are then written at once.
	Assignments map[string]string `json:"assignments"`
}

// Kind returns KindSetFields.
func (*SetFieldsConfig) Kind() Kind { return KindSetFields }

// MoveStageConfig configures a move-stage step: it sets the record's stage.
type MoveStageConfig struct {
	// Stage is one of the stage values of the record's form.
	Stage string `json:"stage"`
}

// Kind returns KindMoveStage.
func (*MoveStageConfig) Kind() Kind { return KindMoveStage }

// AssignOwnerConfig configures an assign-owner step: it gives the record
// to one person, by the first route whose condition holds, else by
// Assignee. It is how leads are distributed without anyone dispatching
// them: round robin in a team, the least loaded rep, by region or size.
type AssignOwnerConfig struct {
	// Routes are tried in order; each has a condition over the record.
	Routes []AssignRoute `json:"routes,omitempty"`
	// Assignee is the rule when no route matches: owner_manager,
	// round_robin, least_loaded or user (a task's owner and role rules do
	// not name one person). Empty keeps the record with its owner — a lead
	// a rep entered stays theirs — and needs at least one route.
	Assignee Assignee `json:"assignee,omitzero"`
}

// AssignRoute is one conditional rule of an assign-owner step.
type AssignRoute struct {
	// When is a boolean expression over the record, e.g.
	// `record.region == "east"`.
	When string `json:"when"`
	// Assignee is the rule used when When holds.
	Assignee Assignee `json:"assignee"`
}

// Kind returns KindAssignOwner.
func (*AssignOwnerConfig) Kind() Kind { return KindAssignOwner }

// ownerRules are the assignee rules that name exactly one person.
var ownerRules = []AssigneeRule{AssignOwnerManager, AssignRoundRobin, AssignLeastLoaded,
	AssignUser}

// CreateTicketConfig configures a create-ticket step: it creates a record
// of a ticket form, linked to this instance's record when there is one,
// and assigns it.
type CreateTicketConfig struct {
	// Form is the key of the ticket form.
	Form string `json:"form"`
	// Title is the ticket's title per locale, a template with
	// {{record.field}} placeholders read from this instance's record.
	Title Text `json:"title"`
	// Assignee says who handles the ticket.
	Assignee Assignee `json:"assignee"`
}

// Kind returns KindCreateTicket.
func (*CreateTicketConfig) Kind() Kind { return KindCreateTicket }

// CreateRecordConfig configures a create-record step: it submits a new
// record of a form of the tenant, with data computed from this instance's
// record, such as a weekly history entry or a loss review to fill in. The
// record is created through the outbox with the step's dedupe key as the
// submission's idempotency key, so a retried delivery creates one record;
// data the form's published version refuses fails the delivery for good,
// with the field errors in the delivery's log.
type CreateRecordConfig struct {
	// Form is the key of the form of the new record.
	Form string `json:"form"`
	// Fields map a field of the new record to the expression that computes
	// its value from this instance's record, as set_fields reads it.
	Fields map[string]string `json:"fields"`
	// LinkField, when set, is a record_link field of the new record that
	// gets the id of this instance's record.
	LinkField string `json:"link_field,omitempty"`
	// Owner says who owns the new record: owner (this instance's record's
	// owner), owner_manager, round_robin, least_loaded or user. Empty means
	// owner.
	Owner Assignee `json:"owner,omitzero"`
}

// Kind returns KindCreateRecord.
func (*CreateRecordConfig) Kind() Kind { return KindCreateRecord }

// recordOwnerRules are the assignee rules that may own a created record:
// the rules that name one person, and the source record's owner.
var recordOwnerRules = append([]AssigneeRule{AssignOwner}, ownerRules...)

// PointsTo says who receives awarded points.
type PointsTo string

// The points recipients.
const (
	PointsToOwner    PointsTo = "owner"    // the record's owner
	PointsToAssignee PointsTo = "assignee" // the assignee of the latest user task
	PointsToUser     PointsTo = "user"     // one named user
)

var pointsTos = []PointsTo{PointsToOwner, PointsToAssignee, PointsToUser}

// AwardPointsConfig configures an award-points step: it books points to a
// person in a ledger (the process points bank). The booking goes through
// the outbox with a dedupe key, so a retried step books once.
type AwardPointsConfig struct {
	// Ledger is the key of the points ledger.
	Ledger string `json:"ledger"`
	// Points is how many points: a number, or an expression giving one.
	// Negative points take points away.
	Points Points `json:"points"`
	// To is owner, assignee or user.
	To PointsTo `json:"to"`
	// User is the user id, for user.
	User string `json:"user,omitempty"`
	// Reason is the entry's explanation per locale, a template with
	// {{record.field}} placeholders.
	Reason Text `json:"reason,omitempty"`
}

// Kind returns KindAwardPoints.
func (*AwardPointsConfig) Kind() Kind { return KindAwardPoints }

// Points is a number of points, written in JSON as a number (3) or as an
// expression string ("record.visits * 2").
type Points struct {
	// Value is the number, when Expr is empty.
	Value float64
	// Expr is the expression, when the points are computed.
	Expr string
}

// MarshalJSON writes the expression as a string, or else the number.
func (p Points) MarshalJSON() ([]byte, error) {
	if p.Expr != "" {
		return json.Marshal(p.Expr)
	}
	return json.Marshal(p.Value)
}

// UnmarshalJSON reads a number or an expression string.
func (p *Points) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		*p = Points{}
		return json.Unmarshal(b, &p.Expr)
	}
	if string(b) == "null" {
		return nil
	}

	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("reading points %s: %w", b, err)
	}
	*p = Points{Value: v}
	return nil
}
