// Package timer owns Formwork's durable timers: task due dates, SLA
// escalations, timer nodes, silence watches and promise deadlines. The
// runtime registers one handler per timer kind; this package makes sure
// each timer reaches its handler once in effect, never early and, on a
// healthy worker, within milliseconds of its due time.
//
// # MongoDB first, Redis second
//
// A timer is a document in the "timers" collection before it is anything
// else (DESIGN.md invariant 2). Schedule inserts it (an existing id is left
// alone, so retries are harmless) and only then, if it is due within the
// horizon (Config.Horizon, one hour by default), enqueues an Asynq task
// whose id is the timer id. Timers due later are documents only: the loader
// moves them into Asynq as they come near, so Redis holds the next hour,
// not months of SLAs. The reconciler, at start-up and every
// Config.ReconcileEvery, re-enqueues pending timers within the horizon
// whose task Redis lacks (a flushed or restarted Redis) and fires the
// overdue ones (see the backlog below).
//
// # Once in effect
//
// Firing is a compare-and-set: pending at the version read becomes firing,
// with a lease of twice Config.HandlerTimeout and the id of the claiming
// process, and only the caller whose update matched calls the handler.
// Success marks the timer fired; an error (or a panic) puts it back to
// pending after a doubling backoff with the error in LastError, so a
// failure is visible and retried, never lost. A process that dies while
// firing leaves a claim whose lease runs out; the reconciler fires it
// again. On the embedded store, which one process alone can open, a claim
// of another process is dead at once, so a restart after a crash does not
// wait for the lease. Duplicate deliveries, cancelled timers and stale
// deliveries of rescheduled timers find nothing to claim and do nothing.
// Handlers still check their own state (is the instance waiting for this
// timer?), because a handler that ran may be run again after a crash:
// at-least-once, effectively once (invariant 3). Two updates per firing
// are the price of that lease; the happy path writes nothing else. The
// mark of a firing is conditional on the claim's version, so that a
// handler rescheduling its own timer keeps that change; on the embedded
// store, where that condition costs a read, the process knows whether any
// change met the firing (inFlight) and marks it by _id alone otherwise.
//
// # The backlog
//
// Overdue timers — a restart's, an outage's — fire oldest first on a pool
// of Config.BacklogConcurrency goroutines apart from the releaser's, so
// the timers coming due meanwhile keep their precision instead of waiting
// behind the backlog. A reconcile restores the Asynq tasks of the horizon
// first, then drains what is overdue; a delivery that reaches the releaser
// for a timer due before that reconcile (or the start) goes there too.
//
// # The last second
//
// Asynq keeps ProcessAt in whole seconds and moves due tasks only every
// DelayedTaskCheckInterval, then idles up to 1.5 s between polls of an
// empty queue: alone it fires seconds late, or early when tuned. So Asynq
// only has to be roughly right, and early: a timer's task is scheduled at
// DueAt - Config.Lead. The worker that receives it does not fire it; it
// hands it to its releaser, an in-process min-heap of held timers with one
// clock alarm set for the earliest. The alarm rings a claim ahead of DueAt
// (three times the recent mean claim, at most 250 ms, while at least half
// the pool is free): the releaser claims the timer then, on a pool of
// Config.Concurrency goroutines, waits for DueAt and calls the handler, so
// that the claim's read and update are not part of the lateness (on a
// FerretDB server under load they were tens of milliseconds). A claimed timer that this process cancels or
// reschedules before DueAt is not called. Timers scheduled due sooner
// than Lead go straight to the local releaser as well as to Asynq (which
// would deliver too late). The Go runtime's timers never ring early and
// stored due times are rounded up to the millisecond, so no handler runs
// before DueAt; lateness is the wake-up of the goroutine waiting for it. Workers should run
// Asynq with RecommendedCheckInterval so that the default Lead of 4 s
// covers Asynq's own delay. The releaser holds timers in memory for at most
// about Lead; a graceful Shutdown hands them back to Asynq, and if its
// process dies they are still pending documents, fired by the reconciler.
//
// # Time
//
// Every wait goes through the injected clock (clock.AtFunc), so the same
// code runs on a clock.Manual: its alarms ring inside Advance, and Start
// hooks FireDue to every Advance, which fires everything due by the new
// time, in due order, as it would have. That is what tests, the simulator
// and `formwork serve --clock manual` rely on.
//
// # Metrics
//
// Collector exposes formwork_timer_pending, formwork_timer_fired_total by
// kind and result, and formwork_timer_lateness_seconds with buckets down
// to 1 ms.
package timer
