package outbox

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
)

// Defaults applied by New to zero-valued Config fields.
const (
	DefaultMaxAttempts   = 8
	DefaultBaseDelay     = 30 * time.Second
	DefaultMaxDelay      = 6 * time.Hour
	DefaultSendTimeout   = 30 * time.Second
	DefaultSweepInterval = time.Minute
	DefaultSweepBatch    = 500
	// DefaultEarlySlack is how early a task may fire and still deliver:
	// Asynq schedules in whole seconds and may run a task up to a second
	// before its time.
	DefaultEarlySlack = 2 * time.Second
)

// Config tunes a Service. The zero value gives the defaults above.
type Config struct {
	// MaxAttempts is how many deliveries a message gets before it is dead.
	// Zero means 8.
	MaxAttempts int
	// BaseDelay is the wait after the first failure; each further failure
	// doubles it. Zero means 30 seconds.
	BaseDelay time.Duration
	// MaxDelay caps the wait between attempts. Zero means 6 hours.
	MaxDelay time.Duration
	// SendTimeout bounds one call of a Sender; a claim's lease lasts twice
	// as long. Zero means 30 seconds.
	SendTimeout time.Duration
	// SweepInterval is how often the Sweeper looks for due messages. Zero
	// means one minute.
	SweepInterval time.Duration
	// SweepBatch is the most messages one sweep re-enqueues. Zero means 500.
	SweepBatch int
	// EarlySlack is how early a delivery task may run and still deliver.
	// Zero means 2 seconds.
	EarlySlack time.Duration
	// Random returns numbers in [0, 1) for the backoff's jitter. Nil means
	// math/rand/v2's Float64; tests inject a fixed source.
	Random func() float64
	// Queue is the Asynq queue of delivery tasks. Empty means "default".
	Queue string
}

// withDefaults returns c with every zero field filled in.
func (c Config) withDefaults() Config {
	c.MaxAttempts = orInt(c.MaxAttempts, DefaultMaxAttempts)
	c.SweepBatch = orInt(c.SweepBatch, DefaultSweepBatch)
	c.BaseDelay = orDuration(c.BaseDelay, DefaultBaseDelay)
	c.MaxDelay = orDuration(c.MaxDelay, DefaultMaxDelay)
	c.SendTimeout = orDuration(c.SendTimeout, DefaultSendTimeout)
	c.SweepInterval = orDuration(c.SweepInterval, DefaultSweepInterval)
	c.EarlySlack = orDuration(c.EarlySlack, DefaultEarlySlack)

	if c.Random == nil {
		c.Random = rand.Float64
	}
	if c.Queue == "" {
		c.Queue = queue.QueueDefault
	}

	return c
}

func orInt(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

func orDuration(v, def time.Duration) time.Duration {
	if v <= 0 {
		return def
	}
	return v
}

// Service adds outbox messages and delivers them. It is safe for
// concurrent use.
type Service struct {
	store *mongo.Store
	queue *queue.Queue
	clock clock.Clock
	ids   *ids.Generator
	cfg   Config
	log   *slog.Logger
	inApp *InApp

	mu       sync.RWMutex
	channels map[string]*channel
}

// New returns a service on store and q. The in_app channel is registered.
func New(store *mongo.Store, q *queue.Queue, clk clock.Clock, cfg Config,
	log *slog.Logger) *Service {
	s := &Service{
		store:    store,
		queue:    q,
		clock:    clk,
		ids:      ids.NewGenerator(clk),
		cfg:      cfg.withDefaults(),
		log:      log.With(slog.String("component", "outbox")),
		channels: map[string]*channel{},
	}

	s.inApp = newInApp(store, clk, s.ids)
	s.RegisterSender(ChannelInApp, s.inApp)

	return s
}

// InApp returns the built-in in-app channel, for reading notifications.
func (s *Service) InApp() *InApp { return s.inApp }

// EnsureIndexes creates the collections and indexes of the outbox, of
// in-app notifications and of incidents. Run it at every start-up.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	outbox := []driver.IndexModel{
		index("dedupe_unique", true, "tenant_id", "dedupe_key"),
		index("due", false, "status", "next_attempt_at"),
		index("record", false, "tenant_id", "record_id", "_id"),
	}
	if err := s.store.EnsureCollection(ctx, Collection, outbox); err != nil {
		return fmt.Errorf("ensuring outbox indexes: %w", err)
	}

	if err := s.store.EnsureCollection(ctx, TasksCollection, nil); err != nil {
		return fmt.Errorf("ensuring the outbox task index: %w", err)
	}

	notes := []driver.IndexModel{
		index("message_user_unique", true, "tenant_id", "message_id", "user_id"),
		index("user", false, "tenant_id", "user_id", "_id"),
	}
	if err := s.store.EnsureCollection(ctx, NotificationsCollection, notes); err != nil {
		return fmt.Errorf("ensuring notification indexes: %w", err)
	}

	incidents := []driver.IndexModel{index("recent", false, "tenant_id", "created_at")}
	if err := s.store.EnsureCollection(ctx, IncidentsCollection, incidents); err != nil {
		return fmt.Errorf("ensuring incident indexes: %w", err)
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

// messages is the tenant's view of the outbox.
func (s *Service) messages(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(Collection)
}
