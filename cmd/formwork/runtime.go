package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/config"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/plugins"
	_ "github.com/formworkhq/formwork/plugins/builtin"
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

// running is the runtime of a process with its plugins and data hub.
type running struct {
	rt      *fwruntime.Runtime
	plugins *plugins.Service
	hub     *datahub.Service
	stop    func()
}

// startRuntime builds the runtime and the plugins on the opened stores,
// prepares their indexes, connects the plugins' channels to the outbox and
// starts the job handlers and background workers.
func startRuntime(ctx context.Context, cfg config.Config, st *stores, defs *designer.Service,
	clk clock.Clock, log *slog.Logger) (*running, error) {
	rt, err := fwruntime.New(st.mongo, st.queue, defs, clk,
		fwruntime.Config{PublicURL: cfg.PublicURL}, log)
	if err != nil {
		return nil, err
	}
	ps := plugins.New(plugins.Config{Store: st.mongo, Clock: clk, Log: log,
		SecretKey: cfg.SecretKey})
	defs.SetPluginActions(actionNames(ps))
	hub := datahub.New(st.mongo, rt.Records, clk, datahub.Config{
		Dir: filepath.Join(cfg.DataDir, "imports"), Queue: st.queue}, log)
	for _, ensure := range []func(context.Context) error{rt.EnsureIndexes,
		ps.EnsureIndexes, hub.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			return nil, fmt.Errorf("preparing indexes: %w", err)
		}
	}
	if err := fwruntime.RegisterPluginChannels(ctx, rt.Outbox, ps, st.mongo, ""); err != nil {
		return nil, fmt.Errorf("connecting plugin channels: %w", err)
	}

	mux := asynq.NewServeMux()
	rt.Register(mux)
	hub.Register(mux)
	workers := st.queue.Server(queue.ServerConfig{Concurrency: cfg.WorkerConcurrency,
		DelayedTaskCheckInterval: timer.RecommendedCheckInterval}, log)
	if err := workers.Start(mux); err != nil {
		return nil, fmt.Errorf("starting workers: %w", err)
	}
	rt.Start(ctx)
	imports := hub.NewReconciler()
	imports.Start(ctx)
	stop := func() {
		// Imports hand their leases back before Asynq stops, for the next
		// process to resume them at once.
		imports.Shutdown()
		hub.Shutdown()
		// Asynq first: no delivery reaches the releaser once it hands its
		// held timers back (timer.Service.Shutdown).
		workers.Shutdown()
		rt.Shutdown()
	}
	return &running{rt: rt, plugins: ps, hub: hub, stop: stop}, nil
}

// actionNames lets the process lint know the registered plugins' actions.
func actionNames(ps *plugins.Service) func(string) ([]string, bool) {
	return func(name string) ([]string, bool) {
		specs, ok := ps.Actions(name)
		if !ok {
			return nil, false
		}
		out := make([]string, 0, len(specs))
		for _, a := range specs {
			out = append(out, a.Name)
		}
		return out, true
	}
}
