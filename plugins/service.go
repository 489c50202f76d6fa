package plugins

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/plugins/httpx"
)

// Config is what New needs.
type Config struct {
	Store *mongo.Store
	Clock clock.Clock
	Log   *slog.Logger
	// SecretKey is the 32-byte key of FORMWORK_SECRET_KEY; without it,
	// settings marked secret are refused.
	SecretKey []byte
	// Registry is where plugins are looked up; nil means Builtin.
	Registry *Registry
	// HTTP dials vendors and user-configured URLs; nil means an httpx
	// client allowing AllowHosts.
	HTTP *http.Client
	// AllowHosts are hosts the default client may reach on private
	// addresses.
	AllowHosts []string
}

// Service configures plugin instances per tenant and builds their senders.
// It is safe for concurrent use.
type Service struct {
	store    *mongo.Store
	clock    clock.Clock
	ids      *ids.Generator
	log      *slog.Logger
	registry *Registry
	sealer   *Sealer
	http     *http.Client
}

// New returns a service. A key that is not 32 bytes is treated as no key
// (config.Load refuses such a key before this is reached) and logged.
func New(cfg Config) *Service {
	log := cfg.Log.With(slog.String("component", "plugins"))
	sealer, err := NewSealer(cfg.SecretKey)
	if err != nil {
		log.Error("secret settings disabled", slog.String("reason", err.Error()))
		sealer = &Sealer{}
	}

	s := &Service{store: cfg.Store, clock: cfg.Clock, ids: ids.NewGenerator(cfg.Clock),
		log: log, registry: cfg.Registry, sealer: sealer, http: cfg.HTTP}
	if s.registry == nil {
		s.registry = Builtin
	}
	if s.http == nil {
		s.http = httpx.NewClient(httpx.Options{Allow: cfg.AllowHosts})
	}

	return s
}

// Env is the client and clock the service dials vendors and
// user-configured URLs with, for senders built outside an instance (the
// webhook calls of call_action steps).
func (s *Service) Env() Env { return Env{HTTP: s.http, Clock: s.clock} }

// Logger is the service's logger, for the runtime parts that deliver
// through its instances.
func (s *Service) Logger() *slog.Logger { return s.log }

// Plugins lists the registered plugins.
func (s *Service) Plugins() []Info { return s.registry.List() }

// EnsureIndexes creates the instances collection and its indexes. Run it
// at every start-up.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	idx := []driver.IndexModel{{
		Keys:    bson.D{{Key: "tenant_id", Value: 1}, {Key: "key", Value: 1}},
		Options: options.Index().SetName("key_unique").SetUnique(true),
	}}
	if err := s.store.EnsureCollection(ctx, InstancesCollection, idx); err != nil {
		return fmt.Errorf("ensuring plugin instance indexes: %w", err)
	}
	if err := s.store.EnsureCollection(ctx, SigningKeysCollection, nil); err != nil {
		return fmt.Errorf("ensuring the signing key collection: %w", err)
	}

	return nil
}

// instances is the tenant's instances collection.
func (s *Service) instances(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(InstancesCollection)
}
