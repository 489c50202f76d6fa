package engine

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/periodic"
)

// DefaultRecoverEvery is how often the recoverer looks for instances a
// crash left half-moved.
const DefaultRecoverEvery = 5 * time.Minute

// recoverBatch bounds the instances one sweep resumes.
const recoverBatch = 500

// Recoverer books the next runs of scheduled processes (EnsureSchedules)
// and resumes, at start-up and then periodically, the running
// instances of every tenant that were not touched for a while: a process
// that stopped between writing a transition and applying its effects, or
// between completing a task and moving its instance, leaves such
// instances behind. Resuming a healthy instance changes nothing, so the
// sweep is safe to run on every worker.
type Recoverer struct {
	svc   *Service
	every time.Duration
	loop  periodic.Loop
}

// NewRecoverer returns a recoverer sweeping every interval (zero:
// DefaultRecoverEvery).
func (s *Service) NewRecoverer(every time.Duration) *Recoverer {
	if every <= 0 {
		every = DefaultRecoverEvery
	}
	return &Recoverer{svc: s, every: every}
}

// Start sweeps once in the background and then every interval until
// Shutdown.
func (r *Recoverer) Start(ctx context.Context) { r.loop.Go(ctx, r.every, r.sweep) }

// sweep resumes stuck instances and books scheduled runs, logging what
// failed.
func (r *Recoverer) sweep(ctx context.Context) {
	if _, err := r.svc.Recover(ctx, r.every); err != nil && ctx.Err() == nil {
		r.svc.log.WarnContext(ctx, "recovering instances", "err", err)
	}
	if _, err := r.svc.EnsureSchedules(ctx); err != nil && ctx.Err() == nil {
		r.svc.log.WarnContext(ctx, "booking scheduled runs", "err", err)
	}
}

// Shutdown stops the sweeps and waits for the one running.
func (r *Recoverer) Shutdown() { r.loop.Stop() }

// Recover resumes the running instances of every tenant last updated more
// than quiet ago and reports how many it resumed.
func (s *Service) Recover(ctx context.Context, quiet time.Duration) (int, error) {
	before := s.clock.Now().Add(-quiet)
	// Unscoped: the sweep serves every tenant; each instance is then
	// resumed through its own tenant's scope.
	cur, err := s.store.Unscoped(InstancesCollection).Find(ctx,
		bson.D{{Key: "status", Value: StatusRunning},
			{Key: "updated_at", Value: bson.D{{Key: "$lt", Value: before}}}},
		options.Find().SetLimit(recoverBatch).
			SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: "tenant_id", Value: 1}}))
	if err != nil {
		return 0, err
	}
	var refs []struct {
		ID       string `bson:"_id"`
		TenantID string `bson:"tenant_id"`
	}
	if err := cur.All(ctx, &refs); err != nil {
		return 0, err
	}
	n := 0
	for _, ref := range refs {
		if err := s.Resume(ctx, ref.TenantID, ref.ID); err != nil {
			s.log.WarnContext(ctx, "resuming instance", "instance_id", ref.ID,
				"tenant_id", ref.TenantID, "err", err)
			continue
		}
		n++
	}
	return n, nil
}
