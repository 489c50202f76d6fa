package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/config"
	"github.com/formworkhq/formwork/internal/queue"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/runtime/timer"
)

// newClock is the process clock: real, or manual when configured.
func newClock(cfg config.Config, log *slog.Logger) clock.Clock {
	if !cfg.ManualClock() {
		return clock.Real{}
	}
	log.Warn("the clock is manual: time stands still until an owner moves it " +
		"(POST /api/v1/debug/clock); never use this in production")
	return clock.NewManual(clock.Real{}.Now())
}

// startRuntime builds the runtime on the opened stores, prepares its
// indexes and starts its job handlers and background workers.
func startRuntime(ctx context.Context, cfg config.Config, st *stores, defs *designer.Service,
	clk clock.Clock, log *slog.Logger) (*fwruntime.Runtime, func(), error) {
	rt, err := fwruntime.New(st.mongo, st.queue, defs, clk, fwruntime.Config{}, log)
	if err != nil {
		return nil, nil, err
	}
	if err := rt.EnsureIndexes(ctx); err != nil {
		return nil, nil, fmt.Errorf("preparing indexes: %w", err)
	}

	mux := asynq.NewServeMux()
	rt.Register(mux)
	workers := st.queue.Server(queue.ServerConfig{Concurrency: cfg.WorkerConcurrency,
		DelayedTaskCheckInterval: timer.RecommendedCheckInterval}, log)
	if err := workers.Start(mux); err != nil {
		return nil, nil, fmt.Errorf("starting workers: %w", err)
	}
	rt.Start(ctx)
	stop := func() {
		rt.Shutdown()
		workers.Shutdown()
	}
	return rt, stop, nil
}
