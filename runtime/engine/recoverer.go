package engine

import (
	"context"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
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

	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
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
func (r *Recoverer) Start(ctx context.Context) {
	ctx, r.cancel = context.WithCancel(context.WithoutCancel(ctx))
	r.done = make(chan struct{})
	go r.run(ctx)
}

func (r *Recoverer) run(ctx context.Context) {
	defer close(r.done)
	ticker := time.NewTicker(r.every)
	defer ticker.Stop()
	for {
		if _, err := r.svc.Recover(ctx, r.every); err != nil && ctx.Err() == nil {
			r.svc.log.WarnContext(ctx, "recovering instances", "err", err)
		}
		if _, err := r.svc.EnsureSchedules(ctx); err != nil && ctx.Err() == nil {
			r.svc.log.WarnContext(ctx, "booking scheduled runs", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// Shutdown stops the sweeps and waits for the one running.
func (r *Recoverer) Shutdown() {
	r.once.Do(func() {
		if r.cancel != nil {
			r.cancel()
			<-r.done
		}
	})
}

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
