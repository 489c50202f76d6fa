package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/config"
	"github.com/formworkhq/formwork/runtime/attachment"
	"github.com/formworkhq/formwork/server"
	"github.com/formworkhq/formwork/web"
)

// shutdownGrace bounds how long in-flight requests and jobs may finish.
const shutdownGrace = 10 * time.Second

func loadConfig(name string, args []string, e env) (config.Config, error) {
	fs := flag.NewFlagSet("formwork "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg, err := config.Load(fs, args, e.getenv)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		return cfg, fmt.Errorf("configuration: %w", err)
	}
	return cfg, err
}

// serve runs the API, the web app and the background workers in one process.
func serve(ctx context.Context, args []string, e env) error {
	cfg, err := loadConfig("serve", args, e)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	clk := newClock(cfg, log)
	stopPprof, err := startPprof(cfg.PprofAddr, log)
	if err != nil {
		return err
	}
	defer stopPprof()

	st, err := openStores(ctx, cfg, true, log)
	if err != nil {
		return err
	}
	defer st.close(context.WithoutCancel(ctx), log)

	accounts := auth.NewAccounts(st.mongo, clk, auth.Config{SessionTTL: cfg.SessionTTL}, log)
	defs := designer.New(st.mongo, clk, log)
	if err := ensureIndexes(ctx, st.mongo, clk, log); err != nil {
		return err
	}
	run, err := startRuntime(ctx, cfg, st, defs, clk, log)
	if err != nil {
		return err
	}
	defer run.stop()
	rt, hub := run.rt, run.hub

	files := attachment.New(st.mongo, clk,
		attachment.Config{MaxBytes: int64(cfg.AttachmentMaxBytes)}, log)
	if err := files.EnsureIndexes(ctx); err != nil {
		return fmt.Errorf("preparing attachments: %w", err)
	}

	deps := server.Deps{Store: st.mongo, Queue: st.queue, Accounts: accounts, Designer: defs,
		Records: rt.Records, Engine: rt.Engine, Outbox: rt.Outbox, Ledger: rt.Ledger,
		Insights: rt.Insights, Intake: rt.Intake, DataHub: hub, Clock: clk, Log: log,
		Web: web.Dist(), Plugins: run.plugins, Attachments: files}
	deps.Templates, err = serveTemplates(st, defs, rt.Records, rt.Ledger, run.plugins)
	if err != nil {
		return err
	}
	if cfg.ManualClock() {
		deps.AdvanceClock = rt.AdvanceClock
	}
	srv := server.New(deps, serverOptions(cfg))
	srv.Registry().MustRegister(rt.Collectors()...)
	if err := srv.EnsureIndexes(ctx); err != nil {
		return fmt.Errorf("preparing indexes: %w", err)
	}
	return listen(ctx, cfg, srv, e, log)
}

func serverOptions(cfg config.Config) server.Options {
	return server.Options{BodyLimit: cfg.BodyLimit, SignupClosed: !cfg.SignupOpen(),
		AuthRateLimit: cfg.AuthRateLimit, SecureCookies: cfg.SecureCookies,
		TrustProxy: cfg.TrustProxy, Version: version, PublicURL: cfg.PublicURL}
}

// listen serves HTTP until ctx ends, then drains in-flight requests.
func listen(ctx context.Context, cfg config.Config, srv *server.Server, e env,
	log *slog.Logger) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w (is another process using the port? "+
			"set FORMWORK_ADDR)", cfg.Addr, err)
	}
	log.Info("formwork is serving", "addr", ln.Addr().String(), "url", browserURL(ln.Addr()),
		"version", version)
	if e.ready != nil {
		e.ready(ln.Addr().String())
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving HTTP: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Warn("HTTP shutdown", "err", err)
	}
	return nil
}

func browserURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		return fmt.Sprintf("http://localhost:%d/", portOf(a))
	}
	return "http://" + a.String() + "/"
}

func portOf(a net.Addr) int {
	if tcp, ok := a.(*net.TCPAddr); ok {
		return tcp.Port
	}
	return 0
}

// worker runs only the background workers, for scale-out.
func worker(ctx context.Context, args []string, e env) error {
	cfg, err := loadConfig("worker", args, e)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	clk := newClock(cfg, log)
	stopPprof, err := startPprof(cfg.PprofAddr, log)
	if err != nil {
		return err
	}
	defer stopPprof()

	st, err := openStores(ctx, cfg, true, log)
	if err != nil {
		return err
	}
	defer st.close(context.WithoutCancel(ctx), log)
	if err := ensureIndexes(ctx, st.mongo, clk, log); err != nil {
		return err
	}
	run, err := startRuntime(ctx, cfg, st, designer.New(st.mongo, clk, log), clk, log)
	if err != nil {
		return err
	}

	log.Info("formwork worker is running")
	<-ctx.Done()
	log.Info("shutting down")
	run.stop()
	return nil
}
