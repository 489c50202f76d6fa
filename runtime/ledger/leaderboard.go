package ledger

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
)

// MaxTop is the largest leaderboard.
const MaxTop = 100

// Standing is one person's place on a leaderboard.
type Standing struct {
	// Rank is 1 for the most points; people with equal points share a rank
	// and the next rank skips (1, 2, 2, 4).
	Rank   int    `json:"rank"`
	UserID string `json:"user_id"`
	Points int64  `json:"points"`
}

// Leaderboard ranks the people of ledger by the points awarded to them in
// [from, to): redemptions do not lower a standing. Ties are broken by user
// id, so the order is stable. top is 1 to 100; zero means 10.
func (s *Service) Leaderboard(ctx context.Context, p auth.Principal, ledger string,
	from, to time.Time, top int) ([]Standing, error) {
	if ledger == "" {
		ledger = DefaultLedger
	}
	top = clampTop(top)

	pipeline := []bson.D{
		{{Key: "$match", Value: bson.D{
			{Key: "ledger", Value: ledger}, {Key: "kind", Value: KindAward},
			{Key: "at", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lt", Value: to}}},
		}}},
		{{Key: "$group", Value: bson.D{
			{Key: "_id", Value: "$user_id"},
			{Key: "points", Value: bson.D{{Key: "$sum", Value: "$points"}}},
		}}},
		{{Key: "$sort", Value: bson.D{{Key: "points", Value: -1}, {Key: "_id", Value: 1}}}},
		{{Key: "$limit", Value: top}},
	}
	sums, err := s.sums(ctx, p.TenantID, pipeline)
	if err != nil {
		return nil, fmt.Errorf("ranking ledger %s: %w", ledger, err)
	}

	return rank(sums), nil
}

// clampTop bounds a leaderboard's size.
func clampTop(top int) int {
	if top <= 0 {
		return 10
	}

	return min(top, MaxTop)
}

// userSum is one group of a per-user sum.
type userSum struct {
	UserID string `bson:"_id"`
	Points int64  `bson:"points"`
}

// sums runs a pipeline that groups points by user.
func (s *Service) sums(ctx context.Context, tenantID string, pipeline []bson.D) ([]userSum, error) {
	cur, err := s.entries(tenantID).Aggregate(ctx, pipeline)
	if err != nil {
		return nil, err
	}

	var out []userSum
	if err := cur.All(ctx, &out); err != nil {
		return nil, err
	}

	return out, nil
}

// rank numbers sorted sums, equal points sharing a rank.
func rank(sums []userSum) []Standing {
	out := make([]Standing, 0, len(sums))
	for i, u := range sums {
		r := i + 1
		if i > 0 && u.Points == sums[i-1].Points {
			r = out[i-1].Rank
		}
		out = append(out, Standing{Rank: r, UserID: u.UserID, Points: u.Points})
	}

	return out
}
