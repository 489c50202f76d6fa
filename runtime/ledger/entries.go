package ledger

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
)

// Entries returns up to limit (1 to 200; zero means 50) entries of user
// in ledger, newest first, after the entry id cursor when one is given.
// It also reports whether there are more.
func (s *Service) Entries(ctx context.Context, p auth.Principal, ledger, user, cursor string,
	limit int) ([]Entry, bool, error) {
	if ledger == "" {
		ledger = DefaultLedger
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}

	filter := bson.D{{Key: "ledger", Value: ledger}, {Key: "user_id", Value: user}}
	if cursor != "" {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$lt", Value: cursor}}})
	}
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(limit + 1))

	out := []Entry{}
	if err := s.entries(p.TenantID).FindAll(ctx, filter, &out, opts); err != nil {
		return nil, false, fmt.Errorf("listing entries: %w", err)
	}
	if len(out) > limit {
		return out[:limit], true, nil
	}

	return out, false, nil
}
