package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/outbox"
	"github.com/formworkhq/formwork/runtime/record"
)

// CreateRecordChannel is the outbox channel of the records a process's
// create_record steps ask for: its Sender is the records service itself.
const CreateRecordChannel = "create_record"

// recordCreator delivers create-record messages by submitting the record
// with the message's dedupe key as the idempotency key, so that a delivery
// tried again after a lost outcome returns the record the first one made.
// Data the form's published version refuses is a permanent failure whose
// error lists every failing field; a store that fails is retried.
type recordCreator struct{ records *record.Service }

var _ outbox.Sender = recordCreator{}

// Send submits m's record and returns its id as the vendor id.
func (c recordCreator) Send(ctx context.Context, m *outbox.Message) (string, error) {
	p := system(m.TenantID)
	in, err := c.submission(ctx, p, m)
	if err != nil {
		return "", err
	}
	r, err := c.records.Submit(ctx, p, in)
	if err != nil {
		return "", refusal(in.Form, err)
	}
	return r.ID, nil
}

// createRecordPayload is what the engine puts in a create-record message.
type createRecordPayload struct {
	Form      string         `json:"form"`
	Data      map[string]any `json:"data"`
	OwnerID   string         `json:"owner_id"`
	LinkField string         `json:"link_field"`
}

// submission reads m's payload into the submission of its record: the
// computed data, the link to the message's record and dates cut to the
// day for the form's date fields.
func (c recordCreator) submission(ctx context.Context, p auth.Principal,
	m *outbox.Message) (record.SubmitInput, error) {
	pl, err := payloadOf(m)
	if err != nil {
		return record.SubmitInput{}, outbox.Permanent(err)
	}
	if pl.LinkField != "" {
		if m.RecordID == "" {
			return record.SubmitInput{}, outbox.Permanent(errors.New("no record to link to"))
		}
		pl.Data[pl.LinkField] = m.RecordID
	}

	fields, _, err := c.records.FormFields(ctx, p, pl.Form)
	if err != nil {
		return record.SubmitInput{}, refusal(pl.Form, err)
	}
	for _, f := range fields {
		if f.Kind == "date" {
			pl.Data[f.Name] = localDay(pl.Data[f.Name])
		}
	}

	data, err := json.Marshal(pl.Data)
	if err != nil {
		return record.SubmitInput{}, outbox.Permanent(fmt.Errorf("encoding the data: %w", err))
	}
	return record.SubmitInput{Form: pl.Form, Data: data, OwnerID: pl.OwnerID,
		IdempotencyKey: m.DedupeKey}, nil
}

// payloadOf decodes a create-record payload as the store gave it back.
func payloadOf(m *outbox.Message) (createRecordPayload, error) {
	raw, err := json.Marshal(record.PlainData(m.Payload))
	if err != nil {
		return createRecordPayload{}, fmt.Errorf("reading the payload: %w", err)
	}
	var pl createRecordPayload
	if err := json.Unmarshal(raw, &pl); err != nil {
		return createRecordPayload{}, fmt.Errorf("reading the payload: %w", err)
	}
	if pl.Form == "" {
		return createRecordPayload{}, errors.New("the payload names no form")
	}
	if pl.Data == nil {
		pl.Data = map[string]any{}
	}
	return pl, nil
}

// localDay cuts a time the engine wrote (RFC 3339 in the calendar's zone)
// to its day, "2026-12-04", as a date field stores it; any other value is
// left for validation to judge.
func localDay(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return v
	}
	return t.Format(time.DateOnly)
}

// refusal classifies a failed submission: input the records side refuses
// cannot pass on a retry, anything else (a store down) may.
func refusal(form string, err error) error {
	pe, ok := problem.As(err)
	if !ok {
		return outbox.Retryable(err)
	}
	switch pe.Kind {
	case problem.Invalid, problem.BadRequest, problem.NotFound, problem.Forbidden:
		return outbox.Permanent(fmt.Errorf("submitting the %s record: %w: %s", form, err,
			refusalText(pe)))
	}
	return outbox.Retryable(err)
}

// refusalText lists a refusal's field errors as "/week (required): …",
// or gives its detail when it has none.
func refusalText(pe *problem.Error) string {
	if len(pe.Fields) == 0 {
		return i18n.T(i18n.English, pe.Code, pe.Params)
	}
	parts := make([]string, len(pe.Fields))
	for i, f := range pe.Fields {
		parts[i] = fmt.Sprintf("%s (%s): %s", f.Pointer, f.Code, f.Message(i18n.English))
	}
	return strings.Join(parts, "; ")
}

// isCreateRecord reports whether m asks for a record, which goes to
// CreateRecordChannel whatever channel the step named.
func isCreateRecord(m engine.OutboxMessage) bool {
	return m.Kind == engine.MessageCreateRecord
}
