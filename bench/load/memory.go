package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/oklog/ulid/v2"
	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/runtime/timer"
)

// The memory scenario spreads its timers over memorySpan starting
// memoryStart ahead, so that none fires while the tool runs but those
// within Formwork's one-hour horizon are loaded into Redis.
const (
	memorySpan      = 30 * 24 * time.Hour
	memoryStart     = 10 * time.Minute
	memoryKind      = "bench_memory"
	memoryBatch     = 1000
	memoryInserters = 4
	rawAsynqTasks   = 20_000
	rawAsynqQueue   = "bench_raw"
	memoryAsynqKey  = "asynq:{" + rawAsynqQueue + "}:"
)

// memoryResult is the memory scenario of one setup.
type memoryResult struct {
	timers int
	// keysBefore/After sum MEMORY USAGE over the keys of the tool's
	// database; usedDelta is INFO memory's used_memory change, which the
	// other users of a shared Redis also move.
	keysBefore, keysAfter int64
	usedDelta             int64
	inRedis               int64
	insertTook            time.Duration
	// rawPerTask is the Redis bytes of one raw Asynq task scheduled with
	// ProcessAt, measured on rawAsynqTasks of them.
	rawPerTask float64
	note       string
}

// memoryScenario writes o.memoryTimers pending timer documents, due over 30
// days, into Formwork's store, restarts Formwork so its loader and
// reconciler run at start-up, and measures what Redis holds.
func (b *bench) memoryScenario(ctx context.Context) error {
	if !b.st.realRedis {
		b.res.memory = &memoryResult{note: "not measured: miniredis keeps Go maps, " +
			"so its memory says nothing about Redis; see the local setup"}
		return nil
	}
	r := &memoryResult{timers: b.o.memoryTimers}
	var err error
	if r.keysBefore, err = keyBytes(ctx, b.st.redis); err != nil {
		return err
	}
	used0, err := usedMemory(ctx, b.st.redis)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := b.insertTimers(ctx, b.o.memoryTimers); err != nil {
		return err
	}
	r.insertTook = time.Since(start)
	b.log.Info("memory timers inserted", "timers", r.timers,
		"took", r.insertTook.Round(time.Second),
		"how", fmt.Sprintf("InsertMany, %d a batch, %d at once", memoryBatch, memoryInserters))
	if err := b.restart(ctx); err != nil {
		return err
	}
	if err := b.waitLoaded(ctx); err != nil {
		return err
	}
	if r.keysAfter, err = keyBytes(ctx, b.st.redis); err != nil {
		return err
	}
	used1, err := usedMemory(ctx, b.st.redis)
	if err != nil {
		return err
	}
	r.usedDelta = used1 - used0
	r.inRedis, err = scheduledTasks(ctx, b.st.redis)
	if err != nil {
		return err
	}
	if r.rawPerTask, err = b.rawAsynqBytes(ctx); err != nil {
		return err
	}
	b.res.memory = r
	b.log.Info("memory", "timers", r.timers, "key_bytes", r.keysAfter-r.keysBefore,
		"raw_per_task", r.rawPerTask)
	if err := b.removeTimers(ctx, r.timers); err != nil {
		// The figures stand; the timers are a kind no handler knows and the
		// next run drops the database.
		b.log.Warn("leaving the memory scenario's timers", "err", err)
	}
	return nil
}

// removeTimers takes the memory scenario's n timers out again before the
// scenarios after it run. When none follows they are left for the next
// run's drop of the database: at a million timers on FerretDB/PostgreSQL
// a delete group took a minute or two while the server ran (its loader
// and reconciler read every pending timer, which FerretDB does not narrow
// by due time), so Formwork is stopped while they go and started again.
func (b *bench) removeTimers(ctx context.Context, n int) error {
	if b.o.scenarios[len(b.o.scenarios)-1] == scenarioMemory {
		b.log.Info("memory timers left for the next run's drop", "timers", n)
		return nil
	}
	b.fw.stop()
	start := time.Now()
	err := b.deleteTimers(ctx, n)
	b.log.Info("memory timers removed", "took", time.Since(start).Round(time.Second), "err", err)
	if rerr := b.restart(ctx); rerr != nil {
		return rerr
	}
	return err
}

// waitLoaded waits until the restarted server's loader has put the timers
// of the horizon into Redis: until the scheduled set stops growing, for at
// most loadWait.
func (b *bench) waitLoaded(ctx context.Context) error {
	// The first loader run reads every pending timer: a minute and a half,
	// and a minute per 300,000 timers more.
	loadWait := 90*time.Second + time.Duration(b.o.memoryTimers)*time.Minute/300_000
	deadline := time.Now().Add(loadWait)
	last := int64(-1)
	for time.Now().Before(deadline) {
		n, err := scheduledTasks(ctx, b.st.redis)
		if err != nil {
			return err
		}
		if n > 0 && n == last {
			return nil
		}
		last = n
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(3 * time.Second):
		}
	}
	return nil
}

// insertTimers writes n pending timers of a kind no handler knows, spread
// evenly over memorySpan, straight into the store with InsertMany in
// batches of memoryBatch on memoryInserters connections: through the API a
// million timers would take hours. Each carries its deletion group in
// Ref.RecordID (see deleteTimers).
func (b *bench) insertTimers(ctx context.Context, n int) error {
	coll := b.st.raw.Client.Database(appDatabase).Collection(timer.Collection)
	now := time.Now()
	step := memorySpan / time.Duration(n)
	batches := make(chan int)
	errs := make(chan error, memoryInserters)
	for range memoryInserters {
		go func() {
			var err error
			for first := range batches {
				if err == nil {
					last := min(first+memoryBatch, n)
					err = insertBatch(ctx, coll, b.ten.id, now, step, first, last)
				}
			}
			errs <- err
		}()
	}
	for first := 0; first < n && ctx.Err() == nil; first += memoryBatch {
		batches <- first
		if first%(100*memoryBatch) == 0 && first > 0 {
			b.log.Info("memory timers inserted", "done", first, "of", n)
		}
	}
	close(batches)
	var first error
	for range memoryInserters {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// insertBatch inserts the memory timers numbered from to to.
func insertBatch(ctx context.Context, coll *driver.Collection, tenantID string, now time.Time,
	step time.Duration, from, to int) error {
	docs := make([]any, 0, to-from)
	for i := from; i < to; i++ {
		docs = append(docs, timer.Timer{ID: ulid.Make().String(),
			Tenanted: mongo.Tenanted{TenantID: tenantID}, Kind: memoryKind,
			Ref:    timer.Ref{RecordID: deleteGroup(i)},
			DueAt:  now.Add(memoryStart + time.Duration(i)*step).Truncate(time.Millisecond),
			Status: timer.StatusPending, Version: 1, CreatedAt: now})
	}
	if _, err := coll.InsertMany(ctx, docs); err != nil {
		return fmt.Errorf("inserting timers: %w", err)
	}
	return nil
}

// deleteBatch bounds one delete: FerretDB on PostgreSQL deletes the
// documents a filter matched by listing their ids as parameters, and
// refuses more than 65,535 of them ("extended protocol limited to 65535
// parameters").
const deleteBatch = 50_000

// deleteGroup names the deletion group of memory timer i.
func deleteGroup(i int) string { return "bench-memory-" + strconv.Itoa(i/deleteBatch) }

// deleteTimers removes the memory scenario's timers one deletion group at
// a time. The filter is equalities only, which FerretDB on PostgreSQL
// hands to SQL; an $in of ids it evaluates itself, over every document,
// which at a million timers took longer than inserting them.
func (b *bench) deleteTimers(ctx context.Context, n int) error {
	coll := b.st.raw.Client.Database(appDatabase).Collection(timer.Collection)
	for g := 0; g*deleteBatch < n; g++ {
		filter := bson.D{{Key: "kind", Value: memoryKind},
			{Key: "ref.record_id", Value: deleteGroup(g * deleteBatch)}}
		if _, err := coll.DeleteMany(ctx, filter); err != nil {
			return fmt.Errorf("removing the memory scenario's timers: %w", err)
		}
	}
	return nil
}

// restart stops Formwork and starts it again on the same stores.
func (b *bench) restart(ctx context.Context) error {
	b.fw.stop()
	fw, err := startFormwork(ctx, b.bin, b.dir, b.st.env)
	if err != nil {
		return err
	}
	b.fw = fw
	fw.onStop = b.res.addLogs
	b.api = newClient(fw.base, b.o.conns)
	// The loader runs when the runtime starts; give it a moment to finish.
	time.Sleep(3 * time.Second)
	return nil
}

// keyBytes sums MEMORY USAGE over every key of the client's database.
func keyBytes(ctx context.Context, rc *redis.Client) (int64, error) {
	var total int64
	iter := rc.Scan(ctx, 0, "*", 1000).Iterator()
	for iter.Next(ctx) {
		n, err := rc.MemoryUsage(ctx, iter.Val(), 0).Result()
		if err != nil && err != redis.Nil {
			return 0, fmt.Errorf("MEMORY USAGE %s: %w", iter.Val(), err)
		}
		total += n
	}
	return total, iter.Err()
}

// usedMemory is INFO memory's used_memory of the whole server.
func usedMemory(ctx context.Context, rc *redis.Client) (int64, error) {
	info, err := rc.Info(ctx, "memory").Result()
	if err != nil {
		return 0, fmt.Errorf("INFO memory: %w", err)
	}
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "used_memory:"); ok {
			return strconv.ParseInt(v, 10, 64)
		}
	}
	return 0, fmt.Errorf("INFO memory has no used_memory")
}

// rawAsynqBytes schedules rawAsynqTasks plain Asynq tasks over 30 days in
// a queue of its own and returns the Redis bytes per task; then removes
// them.
func (b *bench) rawAsynqBytes(ctx context.Context) (float64, error) {
	opts := b.st.redis.Options()
	cl := asynq.NewClient(asynq.RedisClientOpt{Addr: opts.Addr, DB: opts.DB})
	defer cl.Close()
	before, err := queueBytes(ctx, b.st.redis)
	if err != nil {
		return 0, err
	}
	now := time.Now()
	for i := range rawAsynqTasks {
		at := now.Add(memoryStart + time.Duration(i)*(memorySpan/rawAsynqTasks))
		task := asynq.NewTask(timer.TaskType, []byte(`{"id":"`+ulid.Make().String()+`"}`))
		if _, err := cl.EnqueueContext(ctx, task, asynq.Queue(rawAsynqQueue),
			asynq.ProcessAt(at)); err != nil {
			return 0, fmt.Errorf("enqueueing raw Asynq tasks: %w", err)
		}
	}
	after, err := queueBytes(ctx, b.st.redis)
	if err != nil {
		return 0, err
	}
	return float64(after-before) / rawAsynqTasks, deleteQueue(ctx, b.st.redis)
}

func queueBytes(ctx context.Context, rc *redis.Client) (int64, error) {
	var total int64
	iter := rc.Scan(ctx, 0, memoryAsynqKey+"*", 1000).Iterator()
	for iter.Next(ctx) {
		n, err := rc.MemoryUsage(ctx, iter.Val(), 0).Result()
		if err != nil && err != redis.Nil {
			return 0, err
		}
		total += n
	}
	return total, iter.Err()
}

func deleteQueue(ctx context.Context, rc *redis.Client) error {
	iter := rc.Scan(ctx, 0, memoryAsynqKey+"*", 1000).Iterator()
	for iter.Next(ctx) {
		if err := rc.Del(ctx, iter.Val()).Err(); err != nil {
			return err
		}
	}
	return rc.SRem(ctx, "asynq:queues", rawAsynqQueue).Err()
}

// scheduledTasks counts the members of every Asynq queue's scheduled set
// in the tool's database, whatever the queues are called.
func scheduledTasks(ctx context.Context, rc *redis.Client) (int64, error) {
	var total int64
	iter := rc.Scan(ctx, 0, "asynq:{*}:scheduled", 1000).Iterator()
	for iter.Next(ctx) {
		if strings.HasPrefix(iter.Val(), memoryAsynqKey) {
			continue
		}
		n, err := rc.ZCard(ctx, iter.Val()).Result()
		if err != nil {
			return 0, fmt.Errorf("reading %s: %w", iter.Val(), err)
		}
		total += n
	}
	return total, iter.Err()
}
