package mongo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// DefaultListen is the address ServeFerretDB listens on when none is given.
const DefaultListen = "127.0.0.1:27017"

// ServerOptions configures ServeFerretDB.
type ServerOptions struct {
	// Backend is "postgresql" or "sqlite".
	Backend string
	// PostgreSQLURL is the PostgreSQL connection string of the postgresql
	// backend, e.g. postgres://127.0.0.1:5432/ferretdb.
	PostgreSQLURL string
	// SQLiteDir is the directory of the sqlite backend's files; it is
	// created if missing.
	SQLiteDir string
	// Listen is the TCP address to serve on; empty means 127.0.0.1:27017.
	Listen string
}

// ServeFerretDB runs a standalone FerretDB server until ctx ends. It lets
// tests and CI exercise the external-URI path over a real network socket.
func ServeFerretDB(ctx context.Context, opts ServerOptions, log *slog.Logger) error {
	log = log.With(slog.String("component", "ferretdb-server"))

	cfg, err := opts.ferretConfig(ctx, minLevelLogger(log, slog.LevelInfo))
	if err != nil {
		return fmt.Errorf("configuring ferretdb server: %w", err)
	}

	f, err := ferretdb.New(cfg)
	if err != nil {
		return fmt.Errorf("starting ferretdb server: %w", err)
	}

	log.InfoContext(ctx, "ferretdb server listening",
		slog.String("addr", hostOf(f.MongoDBURI())), slog.String("backend", opts.Backend))

	return f.Run(ctx)
}

// ferretConfig checks opts and turns them into FerretDB's configuration.
func (opts ServerOptions) ferretConfig(
	ctx context.Context, log *slog.Logger,
) (*ferretdb.Config, error) {
	listen := opts.Listen
	if listen == "" {
		listen = DefaultListen
	}

	cfg := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: listen},
		Logger:   log,
		Handler:  opts.Backend,
	}

	switch opts.Backend {
	case "postgresql":
		if opts.PostgreSQLURL == "" {
			return nil, errors.New("backend postgresql needs a PostgreSQL URL")
		}
		cfg.PostgreSQLURL = opts.PostgreSQLURL
	case "sqlite":
		dir, err := prepareSQLiteDir(ctx, opts.SQLiteDir)
		if err != nil {
			return nil, err
		}
		cfg.SQLiteURL = sqliteURL(dir)
	default:
		return nil, fmt.Errorf("unknown backend %q: want postgresql or sqlite", opts.Backend)
	}

	return cfg, nil
}

// prepareSQLiteDir creates dir if needed and adds the `_id` index fix to
// every collection already in it; it returns dir made absolute.
func prepareSQLiteDir(ctx context.Context, dir string) (string, error) {
	if dir == "" {
		return "", errors.New("backend sqlite needs a directory")
	}

	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolving sqlite directory: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return "", fmt.Errorf("creating sqlite directory: %w", err)
	}

	files, err := filepath.Glob(filepath.Join(abs, "*"+ferretFileExt))
	if err != nil {
		return "", fmt.Errorf("listing sqlite files: %w", err)
	}

	for _, file := range files {
		fix := &sqliteFix{file: file}
		if err := fix.ensureAll(ctx); err != nil {
			return "", err
		}
	}

	return abs, nil
}
