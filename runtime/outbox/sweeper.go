package outbox

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/periodic"
)

// Sweeper re-enqueues the messages whose next attempt is due: at start and
// then every SweepInterval. It is what makes Redis a cache of the outbox
// rather than its only copy: after a flushed or restarted Redis, or an Add
// whose enqueue failed, the next sweep puts every due message back.
type Sweeper struct {
	svc  *Service
	loop periodic.Loop
}

// NewSweeper returns a sweeper for svc; Start runs it.
func (s *Service) NewSweeper() *Sweeper { return &Sweeper{svc: s} }

// Start sweeps once, before it returns, and then keeps sweeping in the
// background until Shutdown. A failed sweep is logged and tried again at
// the next tick.
func (w *Sweeper) Start(ctx context.Context) {
	w.loop.Start(ctx, w.svc.cfg.SweepInterval, w.sweep)
}

// sweep runs one sweep and logs its failure.
func (w *Sweeper) sweep(ctx context.Context) {
	if _, err := w.svc.Sweep(ctx); err != nil && ctx.Err() == nil {
		w.svc.log.WarnContext(ctx, "outbox sweep failed", slog.Any("err", err))
	}
}

// Shutdown stops the sweeper and waits for a running sweep to end.
func (w *Sweeper) Shutdown() { w.loop.Stop() }

// dueMessage is the part of a message a sweep reads.
type dueMessage struct {
	ID            string    `bson:"_id"`
	TenantID      string    `bson:"tenant_id"`
	NextAttemptAt time.Time `bson:"next_attempt_at"`
	Version       int64     `bson:"version"`
}

// Sweep enqueues, across tenants, up to SweepBatch messages that are
// pending, failed or stuck in sending past their lease and due by now, the
// longest waiting first. It returns how many it enqueued.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	now := s.clock.Now()
	filter := bson.D{
		{Key: "status", Value: bson.D{{Key: "$in", Value: []Status{
			StatusPending, StatusFailed, StatusSending,
		}}}},
		{Key: "next_attempt_at", Value: bson.D{{Key: "$lte", Value: now}}},
	}
	opts := options.Find().SetSort(bson.D{{Key: "next_attempt_at", Value: 1}}).
		SetLimit(int64(s.cfg.SweepBatch))

	// Unscoped: the sweeper serves every tenant and knows none in advance;
	// each message it finds is enqueued under its own tenant id.
	cur, err := s.store.Unscoped(Collection).Find(ctx, filter, opts)
	if err != nil {
		return 0, fmt.Errorf("sweeping outbox: %w", mongo.Classify(err))
	}

	var due []dueMessage
	if err := cur.All(ctx, &due); err != nil {
		return 0, fmt.Errorf("sweeping outbox: %w", mongo.Classify(err))
	}

	for _, d := range due {
		m := Message{ID: d.ID, NextAttemptAt: d.NextAttemptAt, Version: d.Version}
		m.TenantID = d.TenantID
		s.enqueue(ctx, &m)
	}

	if err := s.raiseMissedIncidents(ctx); err != nil {
		return len(due), err
	}

	return len(due), nil
}

// raiseMissedIncidents raises the incidents of dead messages that have
// none: their worker died between recording the death and raising it.
func (s *Service) raiseMissedIncidents(ctx context.Context) error {
	filter := bson.D{
		{Key: "status", Value: StatusDead},
		{Key: "incident_id", Value: bson.D{{Key: "$exists", Value: false}}},
	}
	opts := options.Find().SetLimit(int64(s.cfg.SweepBatch))
	// Unscoped as Sweep: each message found keeps its own tenant id.
	cur, err := s.store.Unscoped(Collection).Find(ctx, filter, opts)
	if err != nil {
		return fmt.Errorf("sweeping dead outbox messages: %w", mongo.Classify(err))
	}
	var dead []Message
	if err := cur.All(ctx, &dead); err != nil {
		return fmt.Errorf("sweeping dead outbox messages: %w", mongo.Classify(err))
	}

	for i := range dead {
		if err := s.raiseIncident(ctx, &dead[i]); err != nil {
			return err
		}
	}

	return nil
}
