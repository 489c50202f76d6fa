package timer

import (
	"context"
	"fmt"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/mongo"
)

// loader moves pending timers into Asynq as they come within the horizon.
// Each run reads only the slice of time that entered the horizon since the
// previous run (overlapping it by LoadEvery, for timers scheduled while the
// last run read); the first run reads everything up to the horizon.
type loader struct {
	s *Service

	mu   sync.Mutex
	upTo time.Time // end of the last window loaded; zero before the first
	w    *worker
}

func (l *loader) start(ctx context.Context) {
	l.w = startWorker(ctx, l.s.clk, l.s.cfg.LoadEvery, func(ctx context.Context) {
		if _, err := l.run(ctx); err != nil {
			l.s.log.WarnContext(ctx, "loading timers failed", "err", err)
		}
	})
}

func (l *loader) stop() {
	l.w.stop()
	l.w = nil
}

// run enqueues the pending timers that entered the horizon and reports how
// many it planned.
func (l *loader) run(ctx context.Context) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()

	until := l.s.clk.Now().Add(l.s.cfg.Horizon)
	window := bson.D{{Key: "$lte", Value: until}}
	if !l.upTo.IsZero() {
		from := l.upTo.Add(-l.s.cfg.LoadEvery)
		window = append(window, bson.E{Key: "$gt", Value: from})
	}

	filter := bson.D{{Key: "status", Value: StatusPending}, {Key: "due_at", Value: window}}
	n, err := l.s.planEach(ctx, filter)
	if err != nil {
		return n, fmt.Errorf("loading timers due by %s: %w", until.Format(time.RFC3339), err)
	}
	l.upTo = until
	return n, nil
}

// Load runs the loader once now, outside its schedule, and reports how many
// timers it planned.
func (s *Service) Load(ctx context.Context) (int, error) { return s.load.run(ctx) }

// planEach plans every timer matching filter, across tenants, in due order.
func (s *Service) planEach(ctx context.Context, filter bson.D) (int, error) {
	timers, err := s.findAll(ctx, filter)
	if err != nil {
		return 0, err
	}

	for i := range timers {
		if err := s.plan(ctx, &timers[i]); err != nil {
			return i, err
		}
	}
	return len(timers), nil
}

// findAll reads the timers matching filter across tenants, earliest first.
func (s *Service) findAll(ctx context.Context, filter bson.D) ([]Timer, error) {
	opts := options.Find().SetSort(bson.D{{Key: "due_at", Value: 1}, {Key: "_id", Value: 1}})
	cur, err := s.allTenants().Find(ctx, filter, opts)
	if err != nil {
		return nil, mongo.Classify(err)
	}

	var timers []Timer
	if err := cur.All(ctx, &timers); err != nil {
		return nil, mongo.Classify(err)
	}
	return timers, nil
}
