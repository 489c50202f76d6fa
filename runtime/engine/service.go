package engine

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"
	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
)

// Collections of this package.
const (
	InstancesCollection = "instances"
	TasksCollection     = "tasks"
	CountersCollection  = "engine_counters"
)

// Service is the engine's shell: it keeps instances and tasks, feeds
// events to the core and applies the effects the core asks for.
type Service struct {
	store  *mongo.Store
	clock  clock.Clock
	log    *slog.Logger
	deps   Deps
	models *lru.Cache[string, *Model]
	forms  *form.Cache
	ids    *ids.Generator

	// hooks are told about closed tasks (OnTaskDone), createdHooks about
	// new ones (OnTaskCreated).
	hooksMu      sync.RWMutex
	hooks        []TaskHook
	createdHooks []TaskCreatedHook
}

// New returns the engine over store, reading time from clk.
func New(store *mongo.Store, clk clock.Clock, log *slog.Logger, deps Deps) (*Service, error) {
	if deps.Calendars == nil {
		deps.Calendars = DesignerCalendars{Definitions: deps.Definitions}
	}
	models, err := lru.New[string, *Model](256)
	if err != nil {
		return nil, fmt.Errorf("creating model cache: %w", err)
	}
	forms, err := form.NewCache(256)
	if err != nil {
		return nil, fmt.Errorf("creating form cache: %w", err)
	}
	s := &Service{store: store, clock: clk, log: log.With(slog.String("component", "engine")),
		deps: deps, models: models, forms: forms, ids: ids.NewGenerator(clk)}
	s.OnTaskCreated(s.countTaskCreated) // open-task counters: counter_open_tasks.go
	s.OnTaskDone(s.countTaskClosed)
	return s, nil
}

// EnsureIndexes creates the collections and the indexes the engine's
// queries use: instances by record and status, tasks by assignee, status
// and due time.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	idx := func(keys ...string) driver.IndexModel {
		d := bson.D{}
		for _, k := range keys {
			d = append(d, bson.E{Key: k, Value: 1})
		}
		return driver.IndexModel{Keys: d, Options: options.Index()}
	}
	sets := map[string][]driver.IndexModel{
		InstancesCollection: {idx("tenant_id", "record_id", "status"),
			idx("tenant_id", "process_key", "process_version", "status")},
		TasksCollection: {idx("tenant_id", "assignee_id", "status", "due_at"),
			idx("tenant_id", "status", "due_at"), idx("tenant_id", "instance_id")},
		CountersCollection: nil,
		LoadsCollection:    nil, // read by _id only
		// RecordInstancesCollection is read by _id only.
		RecordInstancesCollection: nil,
	}
	for _, name := range []string{InstancesCollection, TasksCollection, CountersCollection,
		LoadsCollection, RecordInstancesCollection} {
		if err := s.store.EnsureCollection(ctx, name, sets[name]); err != nil {
			return fmt.Errorf("ensuring engine collections: %w", err)
		}
	}
	return nil
}

func (s *Service) instances(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(InstancesCollection)
}

func (s *Service) tasks(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(TasksCollection)
}

// system is the principal the engine reads definitions as.
func system(tenantID string) auth.Principal {
	return auth.Principal{TenantID: tenantID, UserID: "system:engine",
		Roles: []auth.Role{auth.Admin}, Locale: i18n.Default}
}
