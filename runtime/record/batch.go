package record

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// fieldName is what a key field's name looks like: a plain identifier,
// never an operator or a dotted path.
var fieldName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// MaxBatch is the most events one LogBatch call takes.
const MaxBatch = 500

// DefaultBatchSource is the source of batch events that name none.
const DefaultBatchSource = "batch"

// BatchEvent is one behaviour event another system reports: a call's
// duration, a document opened, a contract edited. It names its record by
// id, or by a key field's value (Form, KeyField, Key), and carries the
// sender's own EventID, which makes a resent event a duplicate.
type BatchEvent struct {
	// EventID is the sender's id of the event, unique per source in the
	// tenant; required, at most 128 characters.
	EventID string `json:"event_id"`
	// RecordID names the record directly.
	RecordID string `json:"record_id,omitempty"`
	// Form, KeyField and Key name the record by a key field's value
	// instead ("customer", "customer_id", "C-1001").
	Form     string `json:"form,omitempty"`
	KeyField string `json:"key_field,omitempty"`
	Key      string `json:"key,omitempty"`
	// Kind, At, DurationS, Note, Source and Name are as for one activity;
	// Source defaults to "batch".
	Kind      ActivityKind `json:"kind"`
	At        time.Time    `json:"at,omitzero"`
	DurationS int          `json:"duration_s,omitempty"`
	Note      string       `json:"note,omitempty"`
	Source    string       `json:"source,omitempty"`
	Name      string       `json:"name,omitempty"`
}

// BatchStatus is what became of one event of a batch.
type BatchStatus string

// The outcomes of an event.
const (
	BatchLogged    BatchStatus = "logged"
	BatchDuplicate BatchStatus = "duplicate"
	BatchError     BatchStatus = "error"
)

// BatchResult is the outcome of one event, in the order of the batch.
type BatchResult struct {
	EventID    string
	Status     BatchStatus
	RecordID   string
	ActivityID string
	// Err is the refusal of an event in error, an *problem.Error for bad
	// input or a missing record.
	Err error
}

// LogBatch logs each event on its record as Log does (one insert and the
// one update that moves last_activity_at), independently: a bad event is
// reported and the others are still logged. An event whose source and
// event id were logged before is a duplicate and writes nothing. A batch
// over MaxBatch events, or empty, is refused whole. A store failure stops
// the batch; events before it keep their outcome, and resending the batch
// is safe because the logged ones come back as duplicates.
func (s *Service) LogBatch(ctx context.Context, p auth.Principal,
	events []BatchEvent) ([]BatchResult, error) {
	if len(events) == 0 || len(events) > MaxBatch {
		return nil, problem.Fields(fieldErr("/events", "batch_size",
			i18n.Params{"max": MaxBatch}))
	}

	out := make([]BatchResult, 0, len(events))
	for _, e := range events {
		res, err := s.logEvent(ctx, p, e)
		if _, refused := problem.As(err); err != nil && !refused {
			return out, err
		}
		out = append(out, res)
	}
	return out, nil
}

// logEvent logs one event of a batch; a refusal comes back in the result.
func (s *Service) logEvent(ctx context.Context, p auth.Principal,
	e BatchEvent) (BatchResult, error) {
	res := BatchResult{EventID: e.EventID, Status: BatchError}
	in := batchInput(e)
	if err := checkEvent(e, in, s); err != nil {
		res.Err = err
		return res, err
	}

	r, err := s.eventRecord(ctx, p, e)
	if err != nil {
		res.Err = err
		return res, err
	}
	res.RecordID = r.ID

	a, dup, err := s.logOnce(ctx, p, r, in)
	if err != nil {
		res.Err = err
		return res, err
	}
	res.ActivityID, res.Status = a.ID, BatchLogged
	if dup {
		res.Status = BatchDuplicate
	}
	return res, nil
}

// batchInput is the activity an event logs; its event id is the external id.
func batchInput(e BatchEvent) ActivityInput {
	src := e.Source
	if src == "" {
		src = DefaultBatchSource
	}

	return ActivityInput{Kind: e.Kind, At: e.At, DurationS: e.DurationS, Note: e.Note,
		Source: src, Name: e.Name, ExternalID: e.EventID}
}

// checkEvent validates the event's reference and activity together.
func checkEvent(e BatchEvent, in ActivityInput, s *Service) error {
	var c problem.Collector
	if e.EventID == "" {
		c.AddField(fieldErr("/event_id", "required", nil))
	}
	byKey := e.Form != "" || e.KeyField != "" || e.Key != ""
	switch {
	case e.RecordID != "" && byKey:
		c.AddField(fieldErr("/record_id", "record_ref", nil))
	case e.RecordID == "" && (e.Form == "" || e.KeyField == "" || e.Key == ""):
		c.AddField(fieldErr("/record_id", "record_ref", nil))
	}
	if err := validateActivity(in, s.now()); err != nil {
		pe, _ := problem.As(err)
		for _, f := range pe.Fields {
			c.AddField(f)
		}
	}

	return c.Err()
}

// eventRecord finds the live record an event names.
func (s *Service) eventRecord(ctx context.Context, p auth.Principal,
	e BatchEvent) (*Record, error) {
	if e.RecordID != "" {
		return s.Get(ctx, p, e.RecordID)
	}

	_, pin, err := s.latestForm(ctx, p, e.Form)
	if err != nil {
		return nil, err
	}
	t, err := s.resolveKey(ctx, p, pin.key, e.KeyField, e.Key)
	if err != nil {
		return nil, err
	}
	if t.record != nil {
		return t.record, nil
	}
	return s.byField(ctx, p, pin.key, e.KeyField, e.Key)
}

// byField finds a live record of a form by a field's value when it has no
// key entry yet (a record submitted by hand). It filters on the data field,
// which scans on the embedded store; batches are small and AdoptKeys makes
// later lookups reads by _id.
func (s *Service) byField(ctx context.Context, p auth.Principal, formKey, field,
	value string) (*Record, error) {
	if !fieldName.MatchString(field) {
		return nil, notFound()
	}
	var r Record
	err := s.records(p).FindOne(ctx, bson.D{{Key: "form", Value: formKey},
		{Key: "data." + field, Value: value}, {Key: "deleted", Value: false}}, &r)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, notFound()
	}
	if err != nil {
		return nil, fmt.Errorf("finding record by %s: %w", field, err)
	}
	r.Data = plainData(r.Data)
	return &r, nil
}

// logOnce inserts the activity and moves the record's last activity; an
// activity already stored under the event's id is reported as a duplicate
// and writes nothing.
func (s *Service) logOnce(ctx context.Context, p auth.Principal, r *Record,
	in ActivityInput) (*Activity, bool, error) {
	a := s.newActivity(p, r.ID, in)
	if err := s.activities(p).InsertOne(ctx, a); err != nil {
		if mongo.IsDuplicate(err) {
			prev, err := s.counted(ctx, p, a)
			return prev, err == nil, err
		}
		return nil, false, fmt.Errorf("logging activity: %w", err)
	}
	if err := s.touch(ctx, p, r, a); err != nil {
		return nil, false, err
	}

	s.emit(ctx, Event{ID: a.ID, Kind: EventActivity, TenantID: p.TenantID, ActorID: p.UserID,
		At: a.At, Record: r.clone(), Activity: a})
	return a, false, nil
}
