package engine

import (
	"context"
	"time"

	"github.com/formworkhq/formwork/designer/process"
)

// Keys of a create-record message's payload, read by the records side
// that submits the record.
const (
	// PayloadForm is the key of the new record's form.
	PayloadForm = "form"
	// PayloadData is the new record's data, an object of JSON values.
	PayloadData = "data"
	// PayloadOwnerID is the user who owns the new record; empty means the
	// process itself.
	PayloadOwnerID = "owner_id"
	// PayloadLinkField is the field of the new record that gets the id of
	// the message's record (OutboxMessage.RecordID).
	PayloadLinkField = "link_field"
)

// createRecord computes the data of the record a create-record step asks
// for from the token's record as it is now. The record itself is created
// when the outbox delivers the message, never during an advance.
func (r *run) createRecord(tok *Token, c *process.CreateRecordConfig) (*Effect, error) {
	data, err := r.evalAll(tok, c.Fields)
	if err != nil {
		return nil, err
	}
	loc := r.in.calendarOf("").Schedule().Location()
	for k, v := range data {
		data[k] = jsonValue(v, loc)
	}
	return r.message(tok, &MessageSpec{Kind: MessageCreateRecord, Form: c.Form, Data: data,
		LinkField: c.LinkField, Assignee: c.Owner}), nil
}

// jsonValue turns an expression's result into the value a record stores:
// a time becomes RFC 3339 text in loc, the default calendar's zone, so that
// the records side can cut a date field's value to the local day; lists
// and objects are converted throughout.
func jsonValue(v any, loc *time.Location) any {
	switch x := v.(type) {
	case time.Time:
		return x.In(loc).Format(time.RFC3339Nano)
	case time.Duration:
		return x.String()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e, loc)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e, loc)
		}
		return out
	}
	return v
}

// createRecordPayload resolves the owner of the record m asks for and
// fills the outbox message that asks the records side to submit it. The
// owner rule defaults to the instance's record's owner, who also stands in
// when the rule finds nobody (an empty team).
func (s *Service) createRecordPayload(ctx context.Context, a *applying, m *MessageSpec,
	owner string, out *OutboxMessage) error {
	rule := m.Assignee
	if rule.Rule == "" {
		rule = process.Assignee{Rule: process.AssignOwner}
	}
	user, _, err := s.assign(ctx, a, rule, owner)
	if err != nil {
		return err
	}
	if user == "" {
		user = owner
	}

	out.Payload = map[string]any{PayloadForm: m.Form, PayloadData: m.Data,
		PayloadOwnerID: user}
	if m.LinkField != "" {
		out.Payload[PayloadLinkField] = m.LinkField
	}
	return nil
}
