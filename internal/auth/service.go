package auth

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
)

// Config tunes sign-in and sessions. The zero value means the defaults noted
// on each field.
type Config struct {
	// SessionTTL is how long a sign-in lasts; zero means 7 days.
	SessionTTL time.Duration
	// LockoutThreshold is how many failed sign-ins in a row lock an account;
	// zero means 5.
	LockoutThreshold int
	// LockoutDuration is how long a locked account stays locked; zero means
	// 15 minutes.
	LockoutDuration time.Duration
}

func (c Config) withDefaults() Config {
	if c.SessionTTL <= 0 {
		c.SessionTTL = 7 * 24 * time.Hour
	}
	if c.LockoutThreshold <= 0 {
		c.LockoutThreshold = 5
	}
	if c.LockoutDuration <= 0 {
		c.LockoutDuration = 15 * time.Minute
	}
	return c
}

// Accounts is the accounts domain: tenants, users, sign-in and tokens.
type Accounts struct {
	store *mongo.Store
	clock clock.Clock
	ids   *ids.Generator
	cfg   Config
	log   *slog.Logger
	// audit records failed sign-ins, lockouts and password resets.
	audit *audit.Log
	// verify checks a password against a stored hash: CheckPassword, or a
	// counting stand-in in tests that compare the work done per address.
	verify func(hash, pw string) (bool, error)
	// resetMu makes counting an account's open reset links and adding one
	// a single step within the process, so that requests issued at once
	// cannot pass the limit together. Across processes the per-address
	// request limit bounds what a race could add.
	resetMu sync.Mutex
}

// NewAccounts returns the accounts service.
func NewAccounts(store *mongo.Store, c clock.Clock, cfg Config, log *slog.Logger) *Accounts {
	return &Accounts{
		store:  store,
		clock:  c,
		ids:    ids.NewGenerator(c),
		cfg:    cfg.withDefaults(),
		log:    log.With("component", "auth"),
		audit:  audit.New(store, c, log),
		verify: CheckPassword,
	}
}

// EnsureIndexes creates the collections and indexes this package relies on.
// It is idempotent and runs at every start-up.
func (s *Accounts) EnsureIndexes(ctx context.Context) error {
	specs := map[string][]driver.IndexModel{
		TenantsCollection: nil,
		UsersCollection: {
			{Keys: bson.D{{Key: "email", Value: 1}},
				Options: options.Index().SetUnique(true).SetName("email_unique")},
			{Keys: bson.D{{Key: "tenant_id", Value: 1}},
				Options: options.Index().SetName("tenant_id")},
		},
		TokensCollection: {
			{Keys: bson.D{{Key: "tenant_id", Value: 1}, {Key: "kind", Value: 1}},
				Options: options.Index().SetName("tenant_kind")},
		},
		LoginFailuresCollection: nil,
		ResetsCollection: {
			{Keys: bson.D{{Key: "tenant_id", Value: 1}, {Key: "user_id", Value: 1}},
				Options: options.Index().SetName("tenant_user")},
		},
	}
	for name, indexes := range specs {
		if err := s.store.EnsureCollection(ctx, name, indexes); err != nil {
			return fmt.Errorf("preparing %s: %w", name, err)
		}
	}
	return s.audit.EnsureIndexes(ctx)
}

func (s *Accounts) now() time.Time { return s.clock.Now() }
