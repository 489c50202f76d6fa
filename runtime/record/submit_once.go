package record

import (
	"context"
	"errors"
	"fmt"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
)

// submitKeyField is the Field of the KeysCollection entries that stand for
// idempotency keys of submissions.
const submitKeyField = "idempotency_key"

// submitKeyID is the _id of the entry of a submission's idempotency key.
func submitKeyID(tenantID, key string) string {
	return derivedID("s", tenantID, key)
}

// submitOnce is Submit for an input with an IdempotencyKey. The key's
// entry in KeysCollection names the id of the record the key creates; it
// is written before the record, so a submission that died between the two
// writes is finished by the next one under the id it promised, and the
// record's unique _id decides between two submissions racing with one key.
// A key whose record exists returns it as it is now, validating nothing:
// the submission happened.
func (s *Service) submitOnce(ctx context.Context, p auth.Principal,
	in SubmitInput) (*Record, error) {
	prior, promised, err := s.submittedFor(ctx, p, in.IdempotencyKey)
	if prior != nil || err != nil {
		return prior, err
	}

	r, fileIDs, err := s.prepare(ctx, p, in)
	if err != nil {
		return nil, err
	}
	if r.ID, err = s.claimSubmitKey(ctx, p, in.IdempotencyKey, r.ID, promised); err != nil {
		return nil, err
	}
	err = s.records(p).InsertOne(ctx, r)
	if mongo.IsDuplicate(err) {
		return s.load(ctx, p, r.ID) // the racing submission stored it
	}
	if err != nil {
		return nil, fmt.Errorf("storing record: %w", err)
	}

	s.created(ctx, p, r, fileIDs)
	return r, nil
}

// submittedFor returns the record key created, or else the id its entry
// promised to a record that was never stored ("" without an entry).
func (s *Service) submittedFor(ctx context.Context, p auth.Principal,
	key string) (*Record, string, error) {
	var k recordKey
	err := s.keys(p).FindByID(ctx, submitKeyID(p.TenantID, key), &k)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("reading idempotency key: %w", err)
	}

	r, err := s.load(ctx, p, k.RecordID)
	if isNotFound(err) {
		return nil, k.RecordID, nil
	}
	return r, "", err
}

// claimSubmitKey returns the id the record of key is stored under: the one
// promised already, else id once key's entry names it, else the id of an
// entry another submission wrote meanwhile.
func (s *Service) claimSubmitKey(ctx context.Context, p auth.Principal, key, id,
	promised string) (string, error) {
	if promised != "" {
		return promised, nil
	}

	k := &recordKey{ID: submitKeyID(p.TenantID, key), Field: submitKeyField, Value: key,
		RecordID: id}
	err := s.keys(p).InsertOne(ctx, k)
	if mongo.IsDuplicate(err) {
		if err := s.keys(p).FindByID(ctx, k.ID, k); err != nil {
			return "", fmt.Errorf("reading idempotency key: %w", err)
		}
		return k.RecordID, nil
	}
	if err != nil {
		return "", fmt.Errorf("claiming idempotency key: %w", err)
	}
	return id, nil
}
