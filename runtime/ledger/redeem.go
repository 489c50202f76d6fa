package ledger

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Redeem spends the principal's points in ledger on reward rewardKey and
// returns the redemption's entry. It is refused with Conflict when the
// balance does not cover the cost or the stock is out, and changes nothing
// then. Concurrent redemptions never take a balance below zero.
func (s *Service) Redeem(ctx context.Context, p auth.Principal, ledger,
	rewardKey string) (*Entry, error) {
	if ledger == "" {
		ledger = DefaultLedger
	}
	r, err := s.reward(ctx, p.TenantID, rewardKey)
	if err != nil {
		return nil, err
	}

	if err := s.takeStock(ctx, r, -1); err != nil {
		return nil, err
	}
	if err := s.spend(ctx, p, ledger, r); err != nil {
		s.giveBack(ctx, r, nil)
		return nil, err
	}

	e, err := s.bookRedemption(ctx, p, ledger, r)
	if err != nil {
		s.giveBack(ctx, r, &Balance{Ledger: ledger, UserID: p.UserID, Points: r.Cost})
		return nil, err
	}

	return e, nil
}

// spend takes the reward's cost off the principal's balance, refusing
// when the balance does not cover it.
func (s *Service) spend(ctx context.Context, p auth.Principal, ledger string, r *Reward) error {
	ok, err := s.move(ctx, p.TenantID, ledger, p.UserID, -r.Cost, true)
	if err != nil || ok {
		return err
	}

	have, err := s.points(ctx, p.TenantID, ledger, p.UserID)
	if err != nil {
		return err
	}

	return problem.New(problem.Conflict, "ledger.balance_too_low",
		i18n.Params{"balance": have, "cost": r.Cost})
}

// takeStock moves a reward's stock by delta when it has one; taking from
// an empty stock is refused.
func (s *Service) takeStock(ctx context.Context, r *Reward, delta int64) error {
	if r.Stock == nil {
		return nil
	}

	filter := bson.D{{Key: "_id", Value: r.ID}}
	if delta < 0 {
		filter = append(filter, bson.E{Key: "stock", Value: bson.D{{Key: "$gte", Value: -delta}}})
	}
	update := bson.D{{Key: "$inc", Value: bson.D{{Key: "stock", Value: delta}}}}

	ok, err := s.rewards(r.TenantID).UpdateOne(ctx, filter, update)

	if err != nil {
		return fmt.Errorf("updating stock of reward %s: %w", r.Key, err)
	}
	if !ok {
		return problem.New(problem.Conflict, "ledger.out_of_stock", nil)
	}

	return nil
}

// bookRedemption writes the negative entry of a redemption.
func (s *Service) bookRedemption(ctx context.Context, p auth.Principal, ledger string,
	r *Reward) (*Entry, error) {
	id := s.ids.New()
	e := &Entry{
		ID: id, Ledger: ledger, UserID: p.UserID, Kind: KindRedemption, Points: -r.Cost,
		Reason: r.Name, Source: SourceRedemption, RewardKey: r.Key,
		DedupeKey: SourceRedemption + ":" + id, At: s.clock.Now(),
	}

	if err := s.entries(p.TenantID).InsertOne(ctx, e); err != nil {
		return nil, fmt.Errorf("booking redemption of %s: %w", r.Key, err)
	}

	s.booked(ctx, p.TenantID, e)
	return e, nil
}

// giveBack undoes the steps of a redemption that could not finish: the
// stock taken and, when refund is set, the points spent. Its failures are
// logged; Rebuild corrects a balance left wrong.
func (s *Service) giveBack(ctx context.Context, r *Reward, refund *Balance) {
	if err := s.takeStock(ctx, r, 1); err != nil {
		s.log.ErrorContext(ctx, "stock not given back", "reward", r.Key, "err", err)
	}
	if refund == nil {
		return
	}

	_, err := s.move(ctx, r.TenantID, refund.Ledger, refund.UserID, refund.Points, false)
	if err != nil {
		s.log.ErrorContext(ctx, "points not given back", "user_id", refund.UserID, "err", err)
	}
}
