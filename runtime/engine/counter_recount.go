package engine

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/periodic"
)

// The open-task counters (counter_open_tasks.go) follow the tasks by one
// $inc after each task write, so a process that stops in between, or a
// hook heard twice, leaves a counter off for good. The recounter sets
// every counter back from a count of its person's open tasks, nightly and
// once shortly after start-up.
//
// A recount must not lose a concurrent +1 or -1, nor count one twice. A
// task's write and its $inc are two writes, so between them the count of
// tasks already sees a change the counter does not yet. Every $inc also
// moves the counter's ops field, and a recount of one counter goes:
//
//  1. read the counter (n, ops);
//  2. count the person's open tasks (one grouped count per tenant);
//  3. when the two agree, stop; otherwise wait Settle, which lets the
//     $inc of every task written before step 2 land;
//  4. count the person's open tasks again; if the count moved, skip the
//     counter (a task changed meanwhile and its $inc may still be on its
//     way; the next round tries again);
//  5. set n to the count with a conditional write on ops unchanged since
//     step 1: an $inc that landed at any point since fails the write, and
//     the counter is left as the $inc made it.
//
// What this cannot tell from a crash is a task write whose $inc lags it
// by more than Settle: the recount then counts that task and the late $inc
// counts it again, one off until the next round, which sees the drift
// and sets it right.

// Defaults of RecountConfig.
const (
	// DefaultRecountEvery is how often the open-task counters are recounted.
	DefaultRecountEvery = 24 * time.Hour
	// DefaultRecountStagger bounds the random wait before the first recount
	// after start-up, so that processes started together do not recount
	// together.
	DefaultRecountStagger = 10 * time.Minute
	// DefaultRecountSettle is how long a counter found off is left to settle
	// before it is corrected (see step 3 above).
	DefaultRecountSettle = 30 * time.Second
)

// RecountConfig tunes a Recounter; the zero value means the defaults.
type RecountConfig struct {
	// Every is the time between rounds (zero: DefaultRecountEvery).
	Every time.Duration
	// Stagger bounds the random wait before the first round (zero:
	// DefaultRecountStagger; negative: no wait).
	Stagger time.Duration
	// Settle is the wait of step 3 (zero: DefaultRecountSettle; negative:
	// no wait, for tests).
	Settle time.Duration
}

// withDefaults fills in the zero fields of c.
func (c RecountConfig) withDefaults() RecountConfig {
	if c.Every <= 0 {
		c.Every = DefaultRecountEvery
	}
	if c.Stagger == 0 {
		c.Stagger = DefaultRecountStagger
	}
	if c.Settle == 0 {
		c.Settle = DefaultRecountSettle
	}
	return c
}

// Recounter recounts the open-task counters of every tenant in the
// background: once a random while after Start, then every interval.
type Recounter struct {
	svc     *Service
	cfg     RecountConfig
	loop    periodic.Loop
	started bool // the first round waited its stagger; read by rounds only
}

// NewRecounter returns a recounter with cfg; Start runs it.
func (s *Service) NewRecounter(cfg RecountConfig) *Recounter {
	return &Recounter{svc: s, cfg: cfg.withDefaults()}
}

// Start runs the rounds in the background until Shutdown.
func (r *Recounter) Start(ctx context.Context) { r.loop.Go(ctx, r.cfg.Every, r.round) }

// Shutdown stops the rounds and waits for the one running.
func (r *Recounter) Shutdown() { r.loop.Stop() }

// round runs one recount, after the stagger on the first, and logs the
// outcome.
func (r *Recounter) round(ctx context.Context) {
	if !r.started {
		r.started = true
		if r.cfg.Stagger > 0 && !sleep(ctx, rand.N(r.cfg.Stagger)) {
			return
		}
	}

	n, err := r.svc.RecountOpenTasks(ctx, r.cfg.Settle)
	switch {
	case err != nil && ctx.Err() == nil:
		r.svc.log.WarnContext(ctx, "recounting open tasks", "corrected", n, "err", err)
	case n > 0:
		r.svc.log.InfoContext(ctx, "open-task counters corrected", "corrected", n)
	}
}

// sleep waits d on the wall clock (a settling write is a real-time
// matter, whatever clock the engine reads) and reports whether ctx is
// still live.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// loadDrift is a counter that disagreed with the count of its tasks.
type loadDrift struct {
	seen  loadSeen
	count int
}

// loadSeen is a counter as step 1 read it; Ops is nil on a counter from
// before the field, which no $inc has moved since.
type loadSeen struct {
	ID       string `bson:"_id"`
	TenantID string `bson:"tenant_id"`
	UserID   string `bson:"user_id"`
	N        int    `bson:"n"`
	Ops      *int64 `bson:"ops"`
}

// RecountOpenTasks sets every open-task counter that disagrees with its
// person's open tasks to their count, waiting settle between finding and
// correcting (see the top of this file), and reports how many it set.
func (s *Service) RecountOpenTasks(ctx context.Context, settle time.Duration) (int, error) {
	drifts, err := s.loadDrifts(ctx)
	if err != nil || len(drifts) == 0 {
		return 0, err
	}
	if !sleep(ctx, settle) {
		return 0, ctx.Err()
	}

	n := 0
	var errs []error
	for _, d := range drifts {
		ok, err := s.correctLoad(ctx, d)
		if ok {
			n++
		}
		errs = append(errs, err)
	}
	return n, errors.Join(errs...)
}

// loadDrifts reads every counter (steps 1 and 2) and returns those that
// disagree with the count of their person's open tasks.
func (s *Service) loadDrifts(ctx context.Context) ([]loadDrift, error) {
	// Unscoped: the recount serves every tenant; the collection holds one
	// document per person, and each tenant's tasks are counted in its scope.
	cur, err := s.store.Unscoped(LoadsCollection).Find(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("reading open-task counters: %w", err)
	}
	var seen []loadSeen
	if err := cur.All(ctx, &seen); err != nil {
		return nil, fmt.Errorf("reading open-task counters: %w", err)
	}

	tallies := map[string]map[string]int{}
	var drifts []loadDrift
	for _, c := range seen {
		tally, ok := tallies[c.TenantID]
		if !ok {
			if tally, err = s.openTaskTally(ctx, c.TenantID); err != nil {
				return nil, err
			}
			tallies[c.TenantID] = tally
		}
		if tally[c.UserID] != c.N {
			drifts = append(drifts, loadDrift{seen: c, count: tally[c.UserID]})
		}
	}
	return drifts, nil
}

// openTaskTally counts the tenant's open tasks per assignee, in one
// grouped aggregate.
func (s *Service) openTaskTally(ctx context.Context, tenantID string) (map[string]int,
	error) {
	cur, err := s.tasks(tenantID).Aggregate(ctx, []bson.D{
		{{Key: "$match", Value: bson.D{{Key: "status", Value: TaskOpen}}}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$assignee_id"},
			{Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}}}}},
	})
	if err != nil {
		return nil, fmt.Errorf("counting the open tasks of tenant %s: %w", tenantID, err)
	}
	var rows []struct {
		UserID string `bson:"_id"`
		N      int    `bson:"n"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return nil, fmt.Errorf("counting the open tasks of tenant %s: %w", tenantID, err)
	}

	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.N
	}
	return out, nil
}

// correctLoad runs steps 4 and 5 for d and reports whether it set the
// counter.
func (s *Service) correctLoad(ctx context.Context, d loadDrift) (bool, error) {
	c := d.seen
	n, err := s.tasks(c.TenantID).Count(ctx, bson.D{{Key: "assignee_id", Value: c.UserID},
		{Key: "status", Value: TaskOpen}})
	if err != nil {
		return false, fmt.Errorf("counting the open tasks of %s: %w", c.UserID, err)
	}
	if int(n) != d.count {
		return false, nil // a task changed meanwhile: the next round sees
	}

	var ops any // nil matches a counter without the field
	if c.Ops != nil {
		ops = *c.Ops
	}
	set, err := s.loads(c.TenantID).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: c.ID}, {Key: "ops", Value: ops}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "n", Value: d.count}}},
			{Key: "$inc", Value: bson.D{{Key: "ops", Value: 1}}}})
	if err != nil {
		return false, fmt.Errorf("correcting the open-task counter of %s: %w", c.UserID, err)
	}
	if set {
		s.log.InfoContext(ctx, "open-task counter corrected", "tenant_id", c.TenantID,
			"user_id", c.UserID, "was", c.N, "now", d.count)
	}
	return set, nil
}
