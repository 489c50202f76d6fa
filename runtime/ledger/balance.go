package ledger

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
)

// move adds delta to the balance of user in ledger, creating the balance
// when it is missing. With covered, it only takes points the balance has:
// the update then matches only while points >= -delta, and move reports
// false when it did not. Every move is one conditional update (plus an
// insert for a person's first booking).
func (s *Service) move(ctx context.Context, tenantID, ledger, user string, delta int64,
	covered bool) (bool, error) {
	id := balanceID(tenantID, ledger, user)
	filter := bson.D{{Key: "_id", Value: id}}
	if covered {
		filter = append(filter, bson.E{Key: "points", Value: bson.D{{Key: "$gte", Value: -delta}}})
	}

	ok, err := s.inc(ctx, tenantID, id, filter, delta)
	if err != nil || ok || covered {
		return ok, err
	}

	return s.create(ctx, tenantID, ledger, user, delta)
}

// inc applies $inc delta to the balance matching filter.
func (s *Service) inc(ctx context.Context, tenantID, id string, filter bson.D,
	delta int64) (bool, error) {
	update := bson.D{
		{Key: "$inc", Value: bson.D{{Key: "points", Value: delta}}},
		{Key: "$set", Value: bson.D{{Key: "updated_at", Value: s.clock.Now()}}},
	}

	ok, err := s.balances(tenantID).UpdateOne(ctx, filter, update)
	if err != nil {
		return false, fmt.Errorf("updating balance %s: %w", id, err)
	}

	return ok, nil
}

// create inserts a person's first balance with points; when another call
// created it first, it adds to that one instead.
func (s *Service) create(ctx context.Context, tenantID, ledger, user string,
	points int64) (bool, error) {
	id := balanceID(tenantID, ledger, user)
	b := &Balance{ID: id, Ledger: ledger, UserID: user, Points: points, UpdatedAt: s.clock.Now()}

	err := s.balances(tenantID).InsertOne(ctx, b)
	if mongo.IsDuplicate(err) {
		return s.inc(ctx, tenantID, id, bson.D{{Key: "_id", Value: id}}, points)
	}
	if err != nil {
		return false, fmt.Errorf("creating balance %s: %w", id, err)
	}

	return true, nil
}

// BalanceOf returns the points of user in the tenant's ledger (empty:
// DefaultLedger); someone who was never awarded anything has zero.
func (s *Service) BalanceOf(ctx context.Context, p auth.Principal, ledger,
	user string) (int64, error) {
	if ledger == "" {
		ledger = DefaultLedger
	}

	return s.points(ctx, p.TenantID, ledger, user)
}

// points reads a balance, zero when missing.
func (s *Service) points(ctx context.Context, tenantID, ledger, user string) (int64, error) {
	var b Balance
	err := s.balances(tenantID).FindByID(ctx, balanceID(tenantID, ledger, user), &b)
	if errors.Is(err, mongo.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("reading balance: %w", err)
	}

	return b.Points, nil
}
