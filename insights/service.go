package insights

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
)

// Config tunes the service; the zero value means the defaults noted.
type Config struct {
	// Zone is the time zone days are cut in; nil means the default
	// calendar's zone (Asia/Shanghai).
	Zone *time.Location
	// BaselinePeriods is how many earlier periods a funnel learns its
	// baselines from when none is configured; zero means 3.
	BaselinePeriods int
}

func (c Config) withDefaults() Config {
	if c.Zone == nil {
		c.Zone = calendar.Default().Schedule().Location()
	}
	if c.BaselinePeriods <= 0 {
		c.BaselinePeriods = 3
	}
	return c
}

// Alerter delivers a funnel alert; the runtime hands it to the outbox as
// an in-app notification.
type Alerter interface {
	Alert(ctx context.Context, tenantID string, a Alert) error
}

// Service keeps and reads the rollups of every tenant.
type Service struct {
	store *mongo.Store
	defs  *designer.Service
	clock clock.Clock
	cfg   Config
	log   *slog.Logger
	cache *lru.Cache[string, *Board]
	// procs remembers the process key of instances by tenant and id: an
	// instance never changes process, and every task event needs it.
	procs   *lru.Cache[string, string]
	alerter Alerter
	// writes counts the rollup writes, for the upkeep's cost.
	writes atomic.Int64
	// feed applies record events off the request path; see feed.go.
	feed feed
	// months are the rollup documents last written; see rollup_cache.go.
	months *monthCache
}

// maxAttempts bounds the compare-and-set retries of one rollup write.
const maxAttempts = 16

// New returns the service.
func New(store *mongo.Store, defs *designer.Service, clk clock.Clock, cfg Config,
	log *slog.Logger) *Service {
	cache, _ := lru.New[string, *Board](1024)
	procs, _ := lru.New[string, string](4096)
	return &Service{store: store, defs: defs, clock: clk, cfg: cfg.withDefaults(),
		log: log.With("component", "insights"), cache: cache, procs: procs,
		months: newMonthCache()}
}

// Writes is how many rollup writes the service has made.
func (s *Service) Writes() int64 { return s.writes.Load() }

// SetAlerter sets where funnel alerts go; without one none are raised.
func (s *Service) SetAlerter(a Alerter) { s.alerter = a }

// EnsureIndexes creates the rollup collection and its month index. Run it
// at every start-up.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	idx := driver.IndexModel{Keys: bson.D{{Key: "tenant_id", Value: 1},
		{Key: "family", Value: 1}, {Key: "month", Value: 1}}}
	if err := s.store.EnsureCollection(ctx, RollupsCollection,
		[]driver.IndexModel{idx}); err != nil {
		return fmt.Errorf("ensuring insights indexes: %w", err)
	}
	return nil
}

func (s *Service) rollups(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(RollupsCollection)
}

// change reads the document of a tenant, family and month, decodes the
// day it is about ("" for none: a rebuild replaces whole metrics), lets
// fold change it and writes what changed with one update conditional on
// the revision read (one insert for a new month). A lost race reads
// again.
func (s *Service) change(ctx context.Context, tenantID, family, month, day string,
	fold func(*edit) bool) error {
	return s.changeDays(ctx, tenantID, family, month, []string{day}, fold)
}

// changeDays is change decoding the days listed ("" entries are none).
func (s *Service) changeDays(ctx context.Context, tenantID, family, month string,
	days []string, fold func(*edit) bool) error {
	id := docID(tenantID, family, month)
	for range maxAttempts {
		d, fresh, err := s.readMonth(ctx, tenantID, id)
		if err != nil {
			return err
		}
		d.Month = month
		if err := d.load(func(d string) bool { return slices.Contains(days, d) }); err != nil {
			return err
		}

		e := newEdit(&d)
		if !fold(e) || !e.changed() {
			return nil
		}

		done, err := s.write(ctx, tenantID, e, fresh, id, family)
		if err != nil || done {
			return err
		}
	}
	return fmt.Errorf("updating rollup %s: too many concurrent writers", id)
}

// write stores an edit; done is false when another writer came first.
func (s *Service) write(ctx context.Context, tenantID string, e *edit, fresh bool,
	id, family string) (bool, error) {
	s.writes.Add(1)
	if fresh {
		e.encodeAll()
		e.doc.ID, e.doc.Family, e.doc.Rev = id, family, 1
		err := s.rollups(tenantID).InsertOne(ctx, e.doc)
		s.written(e, nil, err == nil)
		if mongo.IsDuplicate(err) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("inserting rollup %s: %w", id, err)
		}
		return true, nil
	}
	update := e.update()
	ok, err := s.rollups(tenantID).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "rev", Value: e.doc.Rev}}, update)
	s.written(e, update, ok && err == nil)
	if err != nil {
		return false, fmt.Errorf("updating rollup %s: %w", id, err)
	}
	return ok, nil
}
