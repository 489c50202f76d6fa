package designer

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// kindSpec is what the store needs to know about one kind of content.
type kindSpec interface {
	// check decodes and lints content and returns it in canonical form,
	// with the findings that do not refuse it (warnings). Pointers in
	// findings are relative to the request body. refs resolves the other
	// definitions of the tenant that content names.
	check(ctx context.Context, meta Meta, content json.RawMessage, refs *Refs) (
		json.RawMessage, []problem.FieldError, error)
	// diff lists what changed from old to new; both passed check.
	diff(old, new json.RawMessage) []Change
}

// Service is the designer domain: definitions, versions and packs.
type Service struct {
	store *mongo.Store
	clock clock.Clock
	ids   *ids.Generator
	log   *slog.Logger
	specs map[Kind]kindSpec
	// versionCache holds versions read by id; see published_index.go.
	versionCache *lru.Cache[string, *Version]
	publishHooks []PublishHook
	// pluginActions names the actions of a registered plugin; see
	// SetPluginActions.
	pluginActions func(name string) ([]string, bool)
}

// SetPluginActions tells the process lint which plugins are registered and
// the actions each offers, so call_action steps can name them. It is set
// once while the process starts; the designer does not depend on plugins.
func (s *Service) SetPluginActions(fn func(name string) ([]string, bool)) {
	s.pluginActions = fn
}

// New returns the designer service.
func New(store *mongo.Store, c clock.Clock, log *slog.Logger) *Service {
	s := &Service{store: store, clock: c, ids: ids.NewGenerator(c),
		log: log.With("component", "designer")}
	s.specs = s.kindSpecs()
	s.versionCache, _ = lru.New[string, *Version](versionCacheSize)
	return s
}

// EnsureIndexes creates the collections and indexes this package relies on.
// It is idempotent and runs at every start-up.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	specs := map[string][]driver.IndexModel{
		DefinitionsCollection: {
			{Keys: bson.D{{Key: "tenant_id", Value: 1}, {Key: "kind", Value: 1},
				{Key: "key", Value: 1}},
				Options: options.Index().SetUnique(true).SetName("tenant_kind_key")},
		},
		VersionsCollection: {
			{Keys: bson.D{{Key: "tenant_id", Value: 1}, {Key: "definition_id", Value: 1},
				{Key: "number", Value: 1}},
				Options: options.Index().SetUnique(true).SetName("definition_number")},
		},
		KeysCollection: nil,
		AppsCollection: {
			{Keys: bson.D{{Key: "tenant_id", Value: 1}, {Key: "key", Value: 1}},
				Options: options.Index().SetUnique(true).SetName("tenant_key")},
		},
	}
	for name, indexes := range specs {
		if err := s.store.EnsureCollection(ctx, name, indexes); err != nil {
			return fmt.Errorf("preparing %s: %w", name, err)
		}
	}
	return s.backfillKeys(ctx)
}

func (s *Service) now() time.Time { return s.clock.Now() }

func (s *Service) definitions(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(DefinitionsCollection)
}

func (s *Service) versions(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(VersionsCollection)
}

func (s *Service) spec(k Kind) (kindSpec, error) {
	sp, ok := s.specs[k]
	if !ok {
		return nil, fmt.Errorf("designer: no spec for kind %q", k)
	}
	return sp, nil
}

// canWrite reports whether p may see drafts and change definitions.
func canWrite(p auth.Principal) bool { return p.Can(auth.WriteDefinitions) }
