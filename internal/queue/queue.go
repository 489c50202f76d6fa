package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// Mode says where the queue's Redis lives.
type Mode string

const (
	// ModeExternal is a Redis server reached over the network.
	ModeExternal Mode = "external"
	// ModeEmbedded is an in-process miniredis on a loopback port.
	ModeEmbedded Mode = "embedded"
)

// defaultDialTimeout bounds how long Open waits for Redis before giving up.
const defaultDialTimeout = 5 * time.Second

// Options says which Redis to use. The zero value starts an embedded Redis.
type Options struct {
	// Addr is host:port of an external Redis (FORMWORK_REDIS_ADDR). Empty
	// means embedded mode.
	Addr string
	// Password authenticates to an external Redis (FORMWORK_REDIS_PASSWORD).
	// Empty means no AUTH. Ignored in embedded mode, which makes its own.
	Password string
	// DB is the Redis database number. Zero is database 0.
	DB int
	// DialTimeout bounds connecting and the first ping in Open. Zero means
	// 5 seconds.
	DialTimeout time.Duration
}

func (o Options) withDefaults() Options {
	if o.DialTimeout <= 0 {
		o.DialTimeout = defaultDialTimeout
	}
	return o
}

// Queue is an open connection to the Redis behind Asynq. Its exported
// fields are set by Open and must not be changed. It is safe for concurrent
// use.
type Queue struct {
	// Mode says whether Redis is external or embedded.
	Mode Mode
	// Addr is the address actually used: the configured one, or the
	// loopback address of the embedded server.
	Addr string
	// Client enqueues tasks. Prefer Enqueue, which sets the task id. It
	// shares the Queue's connection pool: close the Queue, not the Client.
	Client *asynq.Client
	// Inspector lists and manages queues and tasks. It shares the Queue's
	// connection pool: close the Queue, not the Inspector.
	Inspector *asynq.Inspector

	opt       asynq.RedisClientOpt
	rdb       redis.UniversalClient
	mini      *miniredis.Miniredis // nil in external mode
	log       *slog.Logger
	closeOnce sync.Once
	closeErr  error
}

// Open connects to the Redis that opts name, or starts an embedded one when
// opts.Addr is empty, and checks that it answers within opts.DialTimeout.
// An external Redis whose maxmemory-policy evicts keys is refused. Errors
// say which address failed and what to check, and wrap ErrUnavailable.
func Open(ctx context.Context, opts Options, log *slog.Logger) (*Queue, error) {
	opts = opts.withDefaults()
	log = log.With("component", "queue")

	if opts.Addr == "" {
		return openEmbedded(ctx, opts, log)
	}
	return openExternal(ctx, opts, log)
}

func openExternal(ctx context.Context, opts Options, log *slog.Logger) (*Queue, error) {
	q := newQueue(ModeExternal, opts, log)
	if err := q.ping(ctx, opts.DialTimeout); err != nil {
		_ = q.Close()
		return nil, err
	}

	if err := checkEvictionPolicy(ctx, q.rdb, q.Addr, log); err != nil {
		_ = q.Close()
		return nil, err
	}

	log.Info("redis connected", "mode", q.Mode, "addr", q.Addr, "db", opts.DB)
	return q, nil
}

// newQueue builds the clients for the Redis at opts.Addr. Nothing is dialled
// yet. The Asynq client and inspector share the raw client's pool.
func newQueue(mode Mode, opts Options, log *slog.Logger) *Queue {
	opt := asynq.RedisClientOpt{
		Addr:        opts.Addr,
		Password:    opts.Password,
		DB:          opts.DB,
		DialTimeout: opts.DialTimeout,
	}
	rdb := redis.NewClient(&redis.Options{
		Addr:        opts.Addr,
		Password:    opts.Password,
		DB:          opts.DB,
		DialTimeout: opts.DialTimeout,
	})

	return &Queue{
		Mode:      mode,
		Addr:      opts.Addr,
		Client:    asynq.NewClientFromRedisClient(rdb),
		Inspector: asynq.NewInspectorFromRedisClient(rdb),
		opt:       opt,
		rdb:       rdb,
		log:       log,
	}
}

// RedisConnOpt returns the connection options of this Redis, for
// asynq.NewServer, asynq.NewScheduler and the like. Each caller that builds
// from it gets its own connection pool and closes it itself.
func (q *Queue) RedisConnOpt() asynq.RedisConnOpt { return q.opt }

// Redis returns the raw client, for metrics and checks. It is closed by
// Close; callers must not close it.
func (q *Queue) Redis() redis.UniversalClient { return q.rdb }

// Ping checks that Redis answers. A failure wraps ErrUnavailable.
func (q *Queue) Ping(ctx context.Context) error {
	if err := q.rdb.Ping(ctx).Err(); err != nil {
		return connError(q.Addr, err)
	}
	return nil
}

// ping is Ping bounded by timeout, so that Open fails fast.
func (q *Queue) ping(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return q.Ping(ctx)
}

// Close closes the connection pool and, in embedded mode, stops the embedded
// server, dropping what it held. Servers built with Server must be shut down
// first. Close is idempotent.
func (q *Queue) Close() error {
	q.closeOnce.Do(func() {
		if err := q.rdb.Close(); err != nil {
			q.closeErr = fmt.Errorf("closing redis client: %w", err)
		}
		if q.mini != nil {
			q.mini.Close()
			q.log.Info("embedded redis stopped", "addr", q.Addr)
		}
	})
	return q.closeErr
}

// isRedisReply reports whether err is an error reply from the server, as
// opposed to a network failure or a timeout.
func isRedisReply(err error) bool {
	var reply redis.Error
	return errors.As(err, &reply)
}
