package record

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
)

// SubmitInput is a new record as a client sends it.
type SubmitInput struct {
	// Form is the key ("lead") or definition id of the form.
	Form string `json:"form"`
	// Data is the JSON object of field values.
	Data json.RawMessage `json:"data"`
	// OwnerID is the user responsible for the record; empty means the
	// submitter.
	OwnerID string `json:"owner_id,omitempty"`
	// IdempotencyKey, when set, makes the submission happen once in the
	// tenant: the same key submitted again returns the record it created,
	// as it is now, without validating again. A process step's delivery
	// sets it to its outbox message's dedupe key.
	IdempotencyKey string `json:"-"`
}

// Submit validates in.Data against the latest published version of the
// form, pins that version and stores the record with one insert.
//
// Invalid data is refused with the form's own *problem.Error, unchanged: it
// lists every failing field by a JSON pointer into the data
// ("/budget_cycle"). An unknown or never-published form is an Invalid
// refusal on "/form"; an owner who is not an active user of the tenant, on
// "/owner_id". Nothing is written unless everything is valid.
func (s *Service) Submit(ctx context.Context, p auth.Principal, in SubmitInput) (*Record, error) {
	if err := checkSubmitInput(in); err != nil {
		return nil, err
	}
	if in.IdempotencyKey != "" {
		return s.submitOnce(ctx, p, in)
	}
	r, fileIDs, err := s.prepare(ctx, p, in)
	if err != nil {
		return nil, err
	}
	if err := s.records(p).InsertOne(ctx, r); err != nil {
		return nil, fmt.Errorf("storing record: %w", err)
	}
	s.created(ctx, p, r, fileIDs)

	return r, nil
}

// prepare validates a submission against its form's latest published
// version and returns the record to store, with the files its data links.
func (s *Service) prepare(ctx context.Context, p auth.Principal, in SubmitInput) (*Record,
	[]string, error) {
	cf, pin, err := s.latestForm(ctx, p, in.Form)
	if err != nil {
		return nil, nil, err
	}
	clean, err := cf.Validate(ctx, in.Data, resolver{s: s, p: p})
	if err != nil {
		return nil, nil, err
	}
	owner, err := s.ownerOf(ctx, p, in.OwnerID)
	if err != nil {
		return nil, nil, err
	}
	return s.newRecord(p, pin, clean, owner), cf.FileIDs(clean), nil
}

// created tells the subscribers of a stored record and logs the files it
// links.
func (s *Service) created(ctx context.Context, p auth.Principal, r *Record, fileIDs []string) {
	s.emit(ctx, versionEvent(EventCreated, r, p.UserID, nil))
	s.logFiles(ctx, p, r, fileIDs, nil)
}

// checkSubmitInput refuses a submission without a form or data.
func checkSubmitInput(in SubmitInput) error {
	var c problem.Collector
	if in.Form == "" {
		c.AddField(fieldErr("/form", "required", nil))
	}
	if len(in.Data) == 0 {
		c.AddField(fieldErr("/data", "required", nil))
	}

	return c.Err()
}

// ownerOf returns the owner of a new record: id when it names an active
// user of the tenant, the submitter when it is empty.
func (s *Service) ownerOf(ctx context.Context, p auth.Principal, id string) (string, error) {
	if id == "" || id == p.UserID {
		return p.UserID, nil
	}

	ok, err := s.userActive(ctx, p, id)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", problem.Fields(fieldErr("/owner_id", "unknown_user", nil))
	}

	return id, nil
}

// newRecord assembles a record at version 1.
func (s *Service) newRecord(p auth.Principal, pin pinned, data map[string]any,
	owner string) *Record {
	now := s.now()

	return &Record{ID: s.ids.New(), Form: pin.key, FormID: pin.id, FormVersion: pin.version,
		Data: data, OwnerID: owner, Stage: stageOf(data), CreatedAt: now, CreatedBy: p.UserID,
		UpdatedAt: now, UpdatedBy: p.UserID, LastActivityAt: now, Version: 1}
}
