package ledger

import (
	"context"
	"fmt"
	"sort"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Correction is a balance Rebuild found wrong and set right.
type Correction struct {
	UserID string `json:"user_id"`
	Was    int64  `json:"was"`
	Now    int64  `json:"now"`
}

// Rebuild recomputes every balance of the tenant's ledger from its entries
// and corrects those that disagree, returning the corrections by user id.
// Balances normally agree; a disagreement means a crash between an
// entry's insert and its balance update. Bookings made while Rebuild runs
// can be counted twice, so run it when the ledger is quiet.
func (s *Service) Rebuild(ctx context.Context, tenantID, ledger string) ([]Correction, error) {
	if ledger == "" {
		ledger = DefaultLedger
	}

	truth, err := s.sums(ctx, tenantID, []bson.D{
		{{Key: "$match", Value: bson.D{{Key: "ledger", Value: ledger}}}},
		{{Key: "$group", Value: bson.D{
			{Key: "_id", Value: "$user_id"},
			{Key: "points", Value: bson.D{{Key: "$sum", Value: "$points"}}},
		}}},
	})
	if err != nil {
		return nil, fmt.Errorf("rebuilding ledger %s: %w", ledger, err)
	}

	stored, err := s.storedBalances(ctx, tenantID, ledger)
	if err != nil {
		return nil, err
	}

	return s.correct(ctx, tenantID, ledger, truth, stored)
}

// storedBalances returns the ledger's balances by user id.
func (s *Service) storedBalances(ctx context.Context, tenantID, ledger string) (
	map[string]int64, error) {
	var all []Balance
	filter := bson.D{{Key: "ledger", Value: ledger}}
	if err := s.balances(tenantID).FindAll(ctx, filter, &all); err != nil {
		return nil, fmt.Errorf("reading balances of %s: %w", ledger, err)
	}

	out := make(map[string]int64, len(all))
	for _, b := range all {
		out[b.UserID] = b.Points
	}

	return out, nil
}

// correct moves every stored balance that differs from truth to it.
func (s *Service) correct(ctx context.Context, tenantID, ledger string, truth []userSum,
	stored map[string]int64) ([]Correction, error) {
	want := make(map[string]int64, len(truth))
	for _, u := range truth {
		want[u.UserID] = u.Points
	}
	for user := range stored {
		if _, ok := want[user]; !ok {
			want[user] = 0
		}
	}

	var out []Correction
	for user, points := range want {
		if have, ok := stored[user]; ok && have == points {
			continue
		}
		if _, err := s.move(ctx, tenantID, ledger, user, points-stored[user], false); err != nil {
			return nil, fmt.Errorf("correcting balance of %s: %w", user, err)
		}
		out = append(out, Correction{UserID: user, Was: stored[user], Now: points})
	}

	sort.Slice(out, func(i, j int) bool { return out[i].UserID < out[j].UserID })

	return out, nil
}
