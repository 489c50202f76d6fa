package datahub

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/periodic"
)

// reconcileBatch is the most jobs one round hands out or expires.
const reconcileBatch = 200

// Reconciler makes the store, not a process, the owner of a job: at start
// and then every Config.ReconcileEvery it hands every running job whose
// lease is free or ran out to a worker (its own died, or its task was
// lost with a flushed Redis), and it removes the files of jobs nobody
// finished within Config.FileTTL.
type Reconciler struct {
	svc  *Service
	loop periodic.Loop
}

// NewReconciler returns a reconciler for s; Start runs it.
func (s *Service) NewReconciler() *Reconciler { return &Reconciler{svc: s} }

// Start reconciles once, before it returns, and then in the background
// until Shutdown. A failed round is logged and tried again at the next.
func (r *Reconciler) Start(ctx context.Context) {
	r.loop.Start(ctx, r.svc.cfg.ReconcileEvery, r.round)
}

func (r *Reconciler) round(ctx context.Context) {
	if err := r.svc.Reconcile(ctx); err != nil && ctx.Err() == nil {
		r.svc.log.WarnContext(ctx, "import reconcile failed", slog.Any("error", err))
	}
}

// Shutdown stops the reconciler and waits for a running round to end.
func (r *Reconciler) Shutdown() { r.loop.Stop() }

// jobHead is the part of a job a reconcile round reads.
type jobHead struct {
	ID       string    `bson:"_id"`
	TenantID string    `bson:"tenant_id"`
	Status   Status    `bson:"status"`
	Chunks   int       `bson:"chunks"`
	Lease    Lease     `bson:"lease"`
	Updated  time.Time `bson:"updated_at"`
}

// Reconcile runs one round: it dispatches the running jobs whose lease is
// free or ran out, and expires the files of jobs at rest (or still
// receiving) that have not moved for Config.FileTTL.
func (s *Service) Reconcile(ctx context.Context) error {
	now := s.clock.Now()
	stale, err := s.heads(ctx, bson.D{
		{Key: "status", Value: bson.D{{Key: "$in", Value: []Status{StatusChecking,
			StatusImporting}}}},
		{Key: "lease.until", Value: bson.D{{Key: "$lte", Value: now}}}})
	if err != nil {
		return err
	}
	for _, h := range stale {
		s.dispatch(ctx, h.TenantID, h.ID)
	}

	cutoff := bson.D{{Key: "$lte", Value: now.Add(-s.cfg.FileTTL)}}
	for _, filter := range []bson.D{
		{{Key: "status", Value: StatusReceiving}, {Key: "updated_at", Value: cutoff}},
		{{Key: "status", Value: bson.D{{Key: "$in", Value: idle}}},
			{Key: "chunks", Value: bson.D{{Key: "$gt", Value: 0}}},
			{Key: "updated_at", Value: cutoff}},
	} {
		old, err := s.heads(ctx, filter)
		if err != nil {
			return err
		}
		for _, h := range old {
			s.expire(ctx, h)
		}
	}
	return nil
}

// heads reads up to a batch of jobs across tenants. Unscoped: the
// reconciler serves every tenant, and each job it finds is handled under
// its own tenant id.
func (s *Service) heads(ctx context.Context, filter bson.D) ([]jobHead, error) {
	cur, err := s.store.Unscoped(ImportsCollection).Find(ctx, filter,
		options.Find().SetLimit(reconcileBatch))
	if err != nil {
		return nil, fmt.Errorf("reconciling imports: %w", mongo.Classify(err))
	}
	var out []jobHead
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("reconciling imports: %w", mongo.Classify(err))
	}
	return out, nil
}

// expire removes the file of an abandoned job. The job is marked first,
// so that a check or run started meanwhile is refused (file gone), not
// half-read. An upload that never finished receiving (its process died)
// loses its chunks, however many were stored, and its job.
func (s *Service) expire(ctx context.Context, h jobHead) {
	p := auth.Principal{TenantID: h.TenantID}
	if h.Status == StatusReceiving {
		s.removeFile(ctx, s.files(p), h.ID, -1)
		_, _ = s.jobs(p).DeleteOne(ctx, bson.D{{Key: "_id", Value: h.ID},
			{Key: "status", Value: StatusReceiving}})
		return
	}
	filter := bson.D{{Key: "_id", Value: h.ID}, {Key: "status", Value: h.Status},
		{Key: "updated_at", Value: h.Updated}}
	ok, err := s.jobs(p).UpdateOne(ctx, filter,
		bson.D{{Key: "$set", Value: bson.D{{Key: "chunks", Value: 0}}}})
	if err == nil && ok {
		s.removeFile(ctx, s.files(p), h.ID, h.Chunks)
	}
}
