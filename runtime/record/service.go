package record

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// Sizes of the in-memory caches. Both hold derived data only: losing them
// costs a recompile or one more view activity, never correctness.
const (
	formCacheSize = 512
	viewCacheSize = 65536
)

// Service is the records domain: records, their activity log and journey.
// It is safe for concurrent use.
type Service struct {
	store    *mongo.Store
	designer *designer.Service
	clock    clock.Clock
	ids      *ids.Generator
	log      *slog.Logger
	forms    *form.Cache
	views    *lru.Cache[string, *Activity] // last counted view per user and record

	mu      sync.RWMutex
	subs    []Subscriber
	sources []TimelineSource
}

// New returns the records service over store, reading published forms
// through d.
func New(store *mongo.Store, d *designer.Service, clk clock.Clock, log *slog.Logger) *Service {
	forms, err := form.NewCache(formCacheSize)
	if err != nil {
		panic(fmt.Sprintf("record: %v", err)) // only a non-positive size fails
	}
	views, err := lru.New[string, *Activity](viewCacheSize)
	if err != nil {
		panic(fmt.Sprintf("record: %v", err))
	}

	return &Service{store: store, designer: d, clock: clk, ids: ids.NewGenerator(clk),
		log: log.With(slog.String("component", "record")), forms: forms, views: views}
}

// EnsureIndexes creates the collections and the indexes behind the list
// filters and the activity log. It is idempotent and runs at every start-up.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	specs := map[string][]driver.IndexModel{
		RecordsCollection: {
			recordIndex("form_owner", "owner_id"),
			recordIndex("form_stage", "stage"),
			recordIndex("form_last_activity", "last_activity_at"),
			recordIndex("form_created", "created_at"),
			recordIndex("form_updated", "updated_at"),
		},
		ActivitiesCollection: {
			{Keys: bson.D{{Key: mongo.TenantField, Value: 1}, {Key: "record_id", Value: 1},
				{Key: "at", Value: 1}}, Options: options.Index().SetName("record_at")},
		},
		KeysCollection: nil, // read by _id only
	}
	for _, name := range []string{RecordsCollection, ActivitiesCollection, KeysCollection} {
		if err := s.store.EnsureCollection(ctx, name, specs[name]); err != nil {
			return fmt.Errorf("preparing %s: %w", name, err)
		}
	}

	return nil
}

// recordIndex is an index on tenant, form and one more field.
func recordIndex(name, field string) driver.IndexModel {
	return driver.IndexModel{
		Keys: bson.D{{Key: mongo.TenantField, Value: 1}, {Key: "form", Value: 1},
			{Key: field, Value: 1}},
		Options: options.Index().SetName(name),
	}
}

// AddTimelineSource makes src contribute entries to every journey.
func (s *Service) AddTimelineSource(src TimelineSource) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sources = append(s.sources, src)
}

func (s *Service) now() time.Time { return s.clock.Now() }

func (s *Service) records(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(RecordsCollection)
}

func (s *Service) activities(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(ActivitiesCollection)
}

// notFound is the refusal for a record that is absent, deleted or in
// another tenant: all three look the same to the caller.
func notFound() error { return problem.NotFoundf("record.not_found") }

// load reads a record of the principal's tenant, deleted or not.
func (s *Service) load(ctx context.Context, p auth.Principal, id string) (*Record, error) {
	if !ids.Valid(id) {
		return nil, notFound()
	}

	var r Record
	err := s.records(p).FindByID(ctx, id, &r)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, notFound()
	}
	if err != nil {
		return nil, fmt.Errorf("reading record %s: %w", id, err)
	}
	r.Data = plainData(r.Data)

	return &r, nil
}

// Get returns a live record of the principal's tenant.
func (s *Service) Get(ctx context.Context, p auth.Principal, id string) (*Record, error) {
	r, err := s.load(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if r.Deleted {
		return nil, notFound()
	}

	return r, nil
}

// Open returns a live record like Get and logs that the principal viewed
// it. Views are throttled (see Log), and a failure to log one is logged
// here rather than refusing the read.
func (s *Service) Open(ctx context.Context, p auth.Principal, id string) (*Record, error) {
	r, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}

	if _, err := s.logOn(ctx, p, r, ActivityInput{Kind: Viewed}); err != nil {
		s.log.WarnContext(ctx, "view not logged", slog.String("tenant_id", p.TenantID),
			slog.String("record_id", id), slog.Any("error", err))
	}

	return r, nil
}
