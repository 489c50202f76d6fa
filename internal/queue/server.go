package queue

import (
	"context"
	"log/slog"
	"runtime"
	"time"

	"github.com/hibiken/asynq"
)

// Queue names, from most to least urgent.
const (
	// QueueCritical is for work a person is waiting on: SLA timers, escalations.
	QueueCritical = "critical"
	// QueueDefault is for ordinary background jobs.
	QueueDefault = "default"
	// QueueLow is for work that may lag: rollups, clean-up, exports.
	QueueLow = "low"
)

// defaultShutdownTimeout is how long a stopping server lets running tasks
// finish before it abandons them to be retried elsewhere.
const defaultShutdownTimeout = 10 * time.Second

// DefaultQueues returns the queue priorities servers use unless told
// otherwise: critical 6, default 3, low 1. Asynq picks a queue with
// probability proportional to its weight, so low work never starves.
func DefaultQueues() map[string]int {
	return map[string]int{QueueCritical: 6, QueueDefault: 3, QueueLow: 1}
}

// ServerConfig tunes a server built by Queue.Server. The zero value gives
// the defaults.
type ServerConfig struct {
	// Concurrency is how many tasks run at once. Zero means twice GOMAXPROCS:
	// handlers mostly wait on MongoDB and the network.
	Concurrency int
	// Queues maps queue names to priorities. Nil means DefaultQueues.
	Queues map[string]int
	// ShutdownTimeout is how long Shutdown waits for running tasks. Zero
	// means 10 seconds.
	ShutdownTimeout time.Duration
	// DelayedTaskCheckInterval is how often scheduled and retrying tasks
	// that came due are moved to their queue, which bounds how late a timer
	// fires. Zero means Asynq's default, 5 seconds.
	DelayedTaskCheckInterval time.Duration
}

// Server builds an Asynq server on this Redis with Formwork's defaults. It
// logs through log (quietly: warnings and errors only), reports failed
// tasks and failed Redis health checks as warnings, and has its own
// connection pool, released by its Shutdown.
func (q *Queue) Server(cfg ServerConfig, log *slog.Logger) *asynq.Server {
	log = log.With("component", "queue.server")
	return asynq.NewServer(q.RedisConnOpt(), serverConfig(cfg, log))
}

func serverConfig(cfg ServerConfig, log *slog.Logger) asynq.Config {
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 2 * runtime.GOMAXPROCS(0)
	}
	if cfg.Queues == nil {
		cfg.Queues = DefaultQueues()
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = defaultShutdownTimeout
	}

	return asynq.Config{
		Concurrency:              cfg.Concurrency,
		Queues:                   cfg.Queues,
		ShutdownTimeout:          cfg.ShutdownTimeout,
		DelayedTaskCheckInterval: cfg.DelayedTaskCheckInterval,
		Logger:                   logAdapter{log: log},
		LogLevel:                 asynq.WarnLevel,
		ErrorHandler:             taskFailureLogger(log),
		HealthCheckFunc:          healthCheckLogger(log),
	}
}

// taskFailureLogger reports a handler error, which Asynq itself does not.
func taskFailureLogger(log *slog.Logger) asynq.ErrorHandlerFunc {
	return func(ctx context.Context, task *asynq.Task, err error) {
		id, _ := asynq.GetTaskID(ctx)
		retried, _ := asynq.GetRetryCount(ctx)
		maxRetry, _ := asynq.GetMaxRetry(ctx)
		log.WarnContext(ctx, "task failed", "type", task.Type(), "task_id", id,
			"retried", retried, "max_retry", maxRetry, "err", err)
	}
}

// healthCheckLogger reports when the server's periodic Redis ping fails.
func healthCheckLogger(log *slog.Logger) func(error) {
	return func(err error) {
		if err != nil {
			log.Warn("redis health check failed", "err", err)
		}
	}
}
