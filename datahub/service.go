package datahub

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/record"
)

// Service is the data hub: import jobs and exports. It is safe for
// concurrent use.
type Service struct {
	store   *mongo.Store
	records *record.Service
	clock   clock.Clock
	ids     *ids.Generator
	log     *slog.Logger
	cfg     Config

	ctx    context.Context // cancelled by Shutdown
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	running map[string]chan struct{} // job id → closed when its pass ends
}

// New returns the data hub over store, importing through records.
func New(store *mongo.Store, records *record.Service, clk clock.Clock, cfg Config,
	log *slog.Logger) *Service {
	ctx, cancel := context.WithCancel(context.Background())
	return &Service{store: store, records: records, clock: clk, ids: ids.NewGenerator(clk),
		log: log.With(slog.String("component", "datahub")), cfg: cfg.withDefaults(),
		ctx: ctx, cancel: cancel, running: map[string]chan struct{}{}}
}

// EnsureIndexes creates the collections and removes the temporary copies
// of workbooks older than Config.FileTTL that a process which died left
// in Config.Dir. Jobs, file chunks and issue chunks are read by _id only;
// the reconciler's scan of running jobs reads the jobs collection, which
// holds one small document per upload.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	for _, name := range []string{ImportsCollection, IssuesCollection, FilesCollection} {
		if err := s.store.EnsureCollection(ctx, name, nil); err != nil {
			return fmt.Errorf("preparing %s: %w", name, err)
		}
	}
	s.sweepCopies()
	return nil
}

// sweepCopies removes the files in Config.Dir older than Config.FileTTL.
func (s *Service) sweepCopies() {
	entries, err := os.ReadDir(s.cfg.Dir)
	if err != nil {
		return
	}
	cutoff := time.Now().Add(-s.cfg.FileTTL) // file times are the OS's, not the clock's
	for _, e := range entries {
		info, err := e.Info()
		if err == nil && info.Mode().IsRegular() && info.ModTime().Before(cutoff) {
			_ = os.Remove(filepath.Join(s.cfg.Dir, e.Name()))
		}
	}
}

// Shutdown stops the passes running in this process and waits for them;
// their jobs stay running with their leases handed back, for the next
// worker to resume.
func (s *Service) Shutdown() {
	s.cancel()
	s.wg.Wait()
}

// Wait blocks until the pass running in this process for job id, if any,
// has ended.
func (s *Service) Wait(id string) {
	s.mu.Lock()
	done, ok := s.running[id]
	s.mu.Unlock()
	if ok {
		<-done
	}
}

// dispatch hands the tenant's job id to a worker: as an Asynq task when
// the service has a queue, else to a goroutine of this process. A failed
// enqueue is logged: the job is safe in the store and the Reconciler puts
// it back.
func (s *Service) dispatch(ctx context.Context, tenantID, id string) {
	if s.cfg.Queue == nil {
		s.runLocal(tenantID, id)
		return
	}
	if err := s.enqueue(ctx, tenantID, id); err != nil {
		s.log.WarnContext(ctx, "import not enqueued; the reconciler will",
			slog.String("tenant_id", tenantID), slog.String("import_id", id),
			slog.Any("error", err))
	}
}

// runLocal runs Process for job id in the background, unless it already
// runs here. Its context ends only with Shutdown.
func (s *Service) runLocal(tenantID, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.running[id]; ok || s.ctx.Err() != nil {
		return
	}
	done := make(chan struct{})
	s.running[id] = done

	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer func() {
			s.mu.Lock()
			delete(s.running, id)
			s.mu.Unlock()
			close(done)
		}()
		if err := s.Process(s.ctx, tenantID, id); err != nil && s.ctx.Err() == nil {
			s.log.Warn("import pass failed", slog.String("import_id", id),
				slog.Any("error", err))
		}
	}()
}

// Process runs what is left of the tenant's job id, if it is running and
// no live worker holds it: it takes the job's lease and goes on after the
// last row whose write landed. It does nothing for a job at rest, gone or
// held by another worker, and returns an error only when the store
// failed, for the task to be tried again. It is the body of the import
// task.
func (s *Service) Process(ctx context.Context, tenantID, id string) error {
	var j Job
	err := s.store.Scope(tenantID).C(ImportsCollection).FindByID(ctx, id, &j)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading import %s: %w", id, err)
	}
	ok, err := s.take(ctx, &j)
	if err != nil || !ok {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(s.ctx, cancel)
	defer stop()
	return s.execute(ctx, &j)
}

func (s *Service) jobs(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(ImportsCollection)
}

func (s *Service) issueChunks(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(IssuesCollection)
}

func (s *Service) files(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(FilesCollection)
}

func notFound() error { return problem.NotFoundf("import.not_found") }

// load reads a job of the principal's tenant.
func (s *Service) load(ctx context.Context, p auth.Principal, id string) (*Job, error) {
	if !ids.Valid(id) {
		return nil, notFound()
	}
	var j Job
	err := s.jobs(p).FindByID(ctx, id, &j)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, notFound()
	}
	if err != nil {
		return nil, fmt.Errorf("reading import %s: %w", id, err)
	}
	return &j, nil
}
