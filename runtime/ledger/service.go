package ledger

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
)

// Service books, redeems and ranks points. It is safe for concurrent use.
type Service struct {
	store *mongo.Store
	clock clock.Clock
	ids   *ids.Generator
	log   *slog.Logger

	// hooks are told about booked entries (OnEntry).
	hooksMu sync.RWMutex
	hooks   []EntryHook
}

// New returns a service on store.
func New(store *mongo.Store, clk clock.Clock, log *slog.Logger) *Service {
	return &Service{
		store: store,
		clock: clk,
		ids:   ids.NewGenerator(clk),
		log:   log.With(slog.String("component", "ledger")),
	}
}

// EnsureIndexes creates the collections and indexes of ledgers. Run it at
// every start-up.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	all := map[string][]driver.IndexModel{
		EntriesCollection: {
			index("dedupe_unique", true, "tenant_id", "dedupe_key"),
			index("period", false, "tenant_id", "ledger", "at"),
			index("user", false, "tenant_id", "ledger", "user_id", "_id"),
		},
		BalancesCollection: {index("ledger", false, "tenant_id", "ledger", "user_id")},
		RewardsCollection:  {index("key", false, "tenant_id", "key")},
	}
	for _, name := range []string{EntriesCollection, BalancesCollection, RewardsCollection} {
		if err := s.store.EnsureCollection(ctx, name, all[name]); err != nil {
			return fmt.Errorf("ensuring ledger indexes: %w", err)
		}
	}

	return nil
}

// index returns an ascending index on keys.
func index(name string, unique bool, keys ...string) driver.IndexModel {
	d := make(bson.D, 0, len(keys))
	for _, k := range keys {
		d = append(d, bson.E{Key: k, Value: 1})
	}

	opts := options.Index().SetName(name)
	if unique {
		opts.SetUnique(true)
	}

	return driver.IndexModel{Keys: d, Options: opts}
}

func (s *Service) entries(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(EntriesCollection)
}

func (s *Service) balances(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(BalancesCollection)
}

func (s *Service) rewards(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(RewardsCollection)
}
