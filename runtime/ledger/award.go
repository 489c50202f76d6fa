package ledger

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// Award is a booking asked for by a process step (or an admin).
type Award struct {
	// Ledger is the ledger key; empty means DefaultLedger.
	Ledger string
	UserID string
	// Points is non-zero; negative takes points away and may leave the
	// balance below zero (a penalty is booked in full).
	Points int64
	Reason Text
	// Source says where the points come from, e.g. "<instance>/<node>".
	Source string
	// DedupeKey is unique per tenant: a second award with the same key
	// books nothing and returns the first entry.
	DedupeKey string
}

// Award books a to the tenant's ledger and moves the person's balance. It
// reports whether it booked a new entry (false: the dedupe key was used).
func (s *Service) Award(ctx context.Context, tenantID string, a Award) (*Entry, bool, error) {
	if a.Ledger == "" {
		a.Ledger = DefaultLedger
	}
	if err := a.validate(); err != nil {
		return nil, false, err
	}

	e := &Entry{
		ID: s.ids.New(), Ledger: a.Ledger, UserID: a.UserID, Kind: KindAward, Points: a.Points,
		Reason: a.Reason, Source: a.Source, DedupeKey: a.DedupeKey, At: s.clock.Now(),
	}
	err := s.entries(tenantID).InsertOne(ctx, e)
	if mongo.IsDuplicate(err) {
		first, err := s.entryByKey(ctx, tenantID, a.DedupeKey)
		return first, false, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("booking points: %w", err)
	}
	s.booked(ctx, tenantID, e)

	if _, err := s.move(ctx, tenantID, a.Ledger, a.UserID, a.Points, false); err != nil {
		return nil, false, fmt.Errorf("booking points: entry %s written, balance not: %w", e.ID, err)
	}

	return e, true, nil
}

// validate names every missing or wrong field.
func (a Award) validate() error {
	var c problem.Collector
	if a.UserID == "" {
		c.Add("/user_id", "required", nil)
	}
	if a.Points == 0 {
		c.AddField(fieldError("/points", "zero", "ledger.zero_points"))
	}
	if a.DedupeKey == "" {
		c.Add("/dedupe_key", "required", nil)
	}

	return c.Err()
}

// entryByKey returns the entry booked with dedupe key key.
func (s *Service) entryByKey(ctx context.Context, tenantID, key string) (*Entry, error) {
	var e Entry
	filter := bson.D{{Key: "dedupe_key", Value: key}}
	if err := s.entries(tenantID).FindOne(ctx, filter, &e); err != nil {
		return nil, fmt.Errorf("reading entry by dedupe key: %w", err)
	}

	return &e, nil
}
