package timer

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hibiken/asynq"
	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
)

// RecommendedCheckInterval is the Asynq DelayedTaskCheckInterval that
// workers running Register's handler should use (queue.ServerConfig): with
// it, Asynq delivers a task at most about 2.5 s after its ProcessAt, well
// inside the default Lead.
const RecommendedCheckInterval = time.Second

// Config tunes a Service. The zero value gives the defaults noted per field.
type Config struct {
	// Horizon is how far ahead timers live in Redis; later ones are
	// documents only until the loader brings them. Zero means one hour.
	Horizon time.Duration
	// LoadEvery is how often the loader moves timers that came within the
	// horizon into Asynq. Zero means one minute.
	LoadEvery time.Duration
	// ReconcileEvery is how often the reconciler restores missing Asynq
	// tasks and fires overdue timers. Zero means five minutes.
	ReconcileEvery time.Duration
	// FlushCheckEvery is how often a worker checks that Redis still holds
	// the timer horizon (a sentinel key) and restores it when Redis was
	// flushed or restarted empty. Zero means five seconds.
	FlushCheckEvery time.Duration
	// Lead is how long before DueAt Asynq delivers a timer to a worker,
	// whose releaser then waits for DueAt itself. It must exceed the
	// worker's DelayedTaskCheckInterval plus 1.5 s (Asynq's idle polling).
	// Zero means 4 s, which fits RecommendedCheckInterval.
	Lead time.Duration
	// HandlerTimeout bounds one handler call; a firing claim is leased for
	// twice as long. Zero means one minute.
	HandlerTimeout time.Duration
	// Concurrency is how many timers the releaser fires at once. Zero means
	// four times GOMAXPROCS: handlers mostly wait on the store.
	Concurrency int
	// BacklogConcurrency is how many overdue timers (a restart's or an
	// outage's backlog) fire at once, on a pool apart from the releaser's,
	// so that timers coming due meanwhile do not wait behind them. Zero
	// means one on the embedded store, whose writes serialise (two at once
	// fired 18 a second where one fired 67, BenchmarkLeadTimersOverdue),
	// and GOMAXPROCS on a server.
	BacklogConcurrency int
	// Queue is the Asynq queue of timer tasks. Empty means
	// queue.QueueCritical.
	Queue string
}

// withDefaults fills every zero field of c.
func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.Horizon, time.Hour)
	def(&c.LoadEvery, time.Minute)
	def(&c.ReconcileEvery, 5*time.Minute)
	def(&c.FlushCheckEvery, 5*time.Second)
	def(&c.Lead, 4*time.Second)
	def(&c.HandlerTimeout, time.Minute)

	if c.Concurrency <= 0 {
		c.Concurrency = 4 * runtime.GOMAXPROCS(0)
	}
	if c.Queue == "" {
		c.Queue = queue.QueueCritical
	}
	return c
}

// withBacklogDefault fills a zero BacklogConcurrency for store.
func withBacklogDefault(c Config, store *mongo.Store) Config {
	switch {
	case c.BacklogConcurrency > 0:
	case store.Mode == mongo.ModeEmbedded:
		c.BacklogConcurrency = 1
	default:
		c.BacklogConcurrency = runtime.GOMAXPROCS(0)
	}
	return c
}

// Service schedules, cancels and fires durable timers. It is safe for
// concurrent use.
type Service struct {
	store *mongo.Store
	q     *queue.Queue
	clk   clock.Clock
	cfg   Config
	log   *slog.Logger
	ids   *ids.Generator
	stats *metrics

	mu       sync.RWMutex
	handlers map[string]HandlerFunc
	// firedHooks are told about recorded firings (OnFired); guarded by mu.
	firedHooks []FiredHook

	rel    *releaser
	claims claimCost
	back   *backlog
	load   *loader
	rec    *reconciler
	fw     *flushWatch
	run    lifecycle

	// fireMu serializes the batch firings (FireDue, AdvanceManual, inline
	// deliveries without a releaser), so that timers fire in due order.
	fireMu sync.Mutex
	// stepping is set while AdvanceManual moves the clock itself, so that
	// the manual-clock listener leaves the firing to it.
	stepping atomic.Bool
}

// New returns a timer service on store and q that reads time from clk.
func New(store *mongo.Store, q *queue.Queue, clk clock.Clock, cfg Config,
	log *slog.Logger) *Service {
	s := &Service{
		store:    store,
		q:        q,
		clk:      clk,
		cfg:      withBacklogDefault(cfg.withDefaults(), store),
		log:      log.With("component", "timer"),
		ids:      ids.NewGenerator(clk),
		stats:    newMetrics(),
		handlers: map[string]HandlerFunc{},
	}
	s.rel = newReleaser(s)
	s.back = newBacklog(s)
	s.load = &loader{s: s}
	s.rec = &reconciler{s: s}
	s.fw = &flushWatch{s: s}
	return s
}

// EnsureIndexes creates the timers collection and the index the loader and
// the reconciler read by.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	idx := driver.IndexModel{
		Keys: bson.D{{Key: "status", Value: 1}, {Key: "due_at", Value: 1}},
	}
	if err := s.store.EnsureCollection(ctx, Collection, []driver.IndexModel{idx}); err != nil {
		return fmt.Errorf("ensuring timer indexes: %w", err)
	}
	return nil
}

// Handle registers fn for timers of kind, replacing any earlier handler.
// Register handlers before Start.
func (s *Service) Handle(kind string, fn HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[kind] = fn
}

// handler returns the handler of kind.
func (s *Service) handler(kind string) (HandlerFunc, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	fn, ok := s.handlers[kind]
	return fn, ok
}

// Register adds the Asynq handler of timer tasks to mux. Every process
// whose Asynq server uses mux must also Start the service: the handler
// passes timers to its releaser.
func (s *Service) Register(mux *asynq.ServeMux) {
	mux.HandleFunc(TaskType, s.processTask)
}

// coll returns the timers of one tenant.
func (s *Service) coll(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(Collection)
}

// allTenants returns the timers collection across tenants. Only the
// background workers use it: the loader, the reconciler and FireDue serve
// every tenant at once and address each timer through its own Scope after.
func (s *Service) allTenants() *driver.Collection {
	return s.store.Unscoped(Collection)
}
