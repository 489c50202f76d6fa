// Package queue owns Formwork's connection to the Redis behind Asynq: the
// scheduled timers and background jobs of the runtime.
//
// Redis is never the only copy of anything. A timer or job is written to
// MongoDB first and only then enqueued, with the document id as the Asynq
// task id, so enqueueing twice is harmless and a flushed or restarted Redis
// loses nothing: the reconciler puts pending documents back. This package
// makes that cheap to do right: [Queue.Enqueue] treats "already enqueued" as
// success.
//
// Two modes exist. With an address (FORMWORK_REDIS_ADDR) the queue talks to
// an external Redis 7 and refuses one that would evict keys. Without one it
// starts an embedded, in-process Redis (miniredis) on a loopback port, which
// is enough for a single machine: evaluation, small teams and tests. The
// embedded server keeps everything in memory and dies with the process,
// which the MongoDB-first rule makes safe.
package queue
