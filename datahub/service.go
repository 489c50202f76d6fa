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

// EnsureIndexes creates the collections and the directory of uploads, and
// removes uploads older than Config.FileTTL. Jobs and issue chunks are
// read by _id only.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	for _, name := range []string{ImportsCollection, IssuesCollection} {
		if err := s.store.EnsureCollection(ctx, name, nil); err != nil {
			return fmt.Errorf("preparing %s: %w", name, err)
		}
	}
	if err := os.MkdirAll(s.cfg.Dir, 0o700); err != nil {
		return fmt.Errorf("preparing the import directory: %w", err)
	}
	s.sweepFiles()
	return nil
}

// sweepFiles removes uploads no import finished within Config.FileTTL.
func (s *Service) sweepFiles() {
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

// Shutdown stops running passes and waits for them; their jobs are left
// failed, and a re-run is safe.
func (s *Service) Shutdown() {
	s.cancel()
	s.wg.Wait()
}

// Wait blocks until the pass running for job id, if any, has ended.
func (s *Service) Wait(id string) {
	s.mu.Lock()
	done, ok := s.running[id]
	s.mu.Unlock()
	if ok {
		<-done
	}
}

// start runs fn in the background for job id. Its context keeps the
// request's values but ends only with Shutdown.
func (s *Service) start(reqCtx context.Context, id string, fn func(ctx context.Context)) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(reqCtx))
	stop := context.AfterFunc(s.ctx, cancel)
	done := make(chan struct{})
	s.mu.Lock()
	s.running[id] = done
	s.mu.Unlock()

	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer func() {
			stop()
			cancel()
			s.mu.Lock()
			delete(s.running, id)
			s.mu.Unlock()
			close(done)
		}()
		fn(ctx)
	}()
}

func (s *Service) isRunning(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.running[id]
	return ok
}

func (s *Service) jobs(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(ImportsCollection)
}

func (s *Service) issueChunks(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(IssuesCollection)
}

// filePath is where job id's upload is kept.
func (s *Service) filePath(id string) string { return filepath.Join(s.cfg.Dir, id+".upload") }

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
