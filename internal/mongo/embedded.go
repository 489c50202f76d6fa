package mongo

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// embedded is an in-process FerretDB serving SQLite files on a loopback port.
type embedded struct {
	dir    string // absolute directory holding the SQLite files
	uri    string // MongoDB URI of the loopback listener
	cancel context.CancelFunc
	done   chan error // receives FerretDB's Run result
	lock   *dirLock
	fix    *sqliteFix
}

// openEmbedded starts FerretDB under opts.DataDir/mongo and connects to it.
// ferretLog receives FerretDB's own log records.
func openEmbedded(
	ctx context.Context, opts Options, log, ferretLog *slog.Logger,
) (*Store, error) {
	e, err := startEmbedded(ctx, filepath.Join(opts.DataDir, "mongo"), ferretLog)
	if err != nil {
		return nil, fmt.Errorf("starting embedded store: %w", err)
	}

	addr := hostOf(e.uri)
	client, err := connect(ctx, options.Client().ApplyURI(e.uri).SetMonitor(opts.Monitor),
		opts.ConnectTimeout)
	if err != nil {
		_ = e.stop()
		uerr := &UnavailableError{Addr: addr, Err: err, hint: "embedded FerretDB did not answer"}
		return nil, fmt.Errorf("starting embedded store in %s: %w", e.dir, uerr)
	}

	s := newStore(client, opts.Database, ModeEmbedded, addr, log)
	s.embedded = e
	s.locks = newDocLocks()
	s.reads = newReadCache(opts.CacheTTL)
	e.fix = newSQLiteFix(e.dir, opts.Database)

	if err := e.fix.ensureAll(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, fmt.Errorf("starting embedded store in %s: %w", e.dir, err)
	}

	log.InfoContext(ctx, "mongodb store opened", slog.String("mode", string(ModeEmbedded)),
		slog.String("addr", addr), slog.String("dir", e.dir))

	return s, nil
}

// startEmbedded locks dir, creating it if needed, and runs FerretDB on it
// until stop is called.
func startEmbedded(ctx context.Context, dir string, ferretLog *slog.Logger) (*embedded, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("resolving data directory: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("creating data directory: %w", err)
	}

	lock, err := lockDir(abs)
	if err != nil {
		return nil, err
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Logger:    ferretLog,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL(abs),
	})
	if err != nil {
		lock.release()
		return nil, fmt.Errorf("creating ferretdb in %s: %w", abs, err)
	}

	return runEmbedded(ctx, f, abs, lock), nil
}

// runEmbedded runs f in the background, detached from ctx's cancellation.
func runEmbedded(ctx context.Context, f *ferretdb.FerretDB, dir string, lock *dirLock) *embedded {
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan error, 1)

	go func() { done <- f.Run(runCtx) }()

	return &embedded{dir: dir, uri: f.MongoDBURI(), cancel: cancel, done: done, lock: lock}
}

// stop stops FerretDB, waits until it has closed its files, and unlocks the
// directory.
func (e *embedded) stop() error {
	e.cancel()
	err := <-e.done
	e.lock.release()

	return err
}

// hostOf returns the host:port of a MongoDB URI without credentials.
func hostOf(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "unknown"
	}

	return u.Host
}
