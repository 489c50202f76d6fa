package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/config"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
)

// stores are the opened system of record and queue of one process.
type stores struct {
	mongo *mongo.Store
	queue *queue.Queue
}

// openStores opens MongoDB and (when withQueue) Redis, each embedded unless
// configured, logs which mode each is in, and prepares the indexes.
func openStores(ctx context.Context, cfg config.Config, withQueue bool,
	log *slog.Logger) (*stores, error) {
	st := &stores{}
	m, err := mongo.Open(ctx, mongo.Options{URI: cfg.MongoURI, Database: cfg.MongoDatabase,
		DataDir: cfg.DataDir}, log)
	if err != nil {
		return nil, fmt.Errorf("opening MongoDB: %w", err)
	}
	st.mongo = m
	logStore(log, "mongodb", string(m.Mode), m.Addr, cfg.DataDir)

	if withQueue {
		queue.RouteRedisLogs(log)
		q, err := queue.Open(ctx, queue.Options{Addr: cfg.RedisAddr,
			Password: cfg.RedisPassword, DB: cfg.RedisDB}, log)
		if err != nil {
			st.close(ctx, log)
			return nil, fmt.Errorf("opening Redis: %w", err)
		}
		st.queue = q
		logStore(log, "redis", string(q.Mode), q.Addr, "")
	}
	return st, nil
}

func logStore(log *slog.Logger, name, mode, addr, dataDir string) {
	if mode == string(mongo.ModeEmbedded) {
		log.Info("store ready: embedded mode is for one machine; "+
			"set FORMWORK_MONGO_URI / FORMWORK_REDIS_ADDR for production",
			"store", name, "mode", mode, "addr", addr, "data_dir", dataDir)
		return
	}
	log.Info("store ready", "store", name, "mode", mode, "addr", addr)
}

// ensureIndexes creates every collection and index, idempotently.
func ensureIndexes(ctx context.Context, m *mongo.Store, c clock.Clock, log *slog.Logger,
	extra ...func(context.Context) error) error {
	accounts := auth.NewAccounts(m, c, auth.Config{}, log)
	definitions := designer.New(m, c, log)
	steps := append([]func(context.Context) error{accounts.EnsureIndexes,
		definitions.EnsureIndexes}, extra...)
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return fmt.Errorf("preparing indexes: %w", err)
		}
	}
	return nil
}

func (st *stores) close(ctx context.Context, log *slog.Logger) {
	var errs []error
	if st.queue != nil {
		errs = append(errs, st.queue.Close())
	}
	if st.mongo != nil {
		errs = append(errs, st.mongo.Close(ctx))
	}
	if err := errors.Join(errs...); err != nil {
		log.Warn("closing stores", "err", err)
	}
}

// newLogger builds the process logger: text on a terminal, JSON otherwise.
func newLogger(cfg config.Config, out io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	format := cfg.LogFormat
	if format == "auto" {
		format = "json"
		if f, ok := out.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(out, opts))
	}
	return slog.New(slog.NewJSONHandler(out, opts))
}
