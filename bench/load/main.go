// Command load is Formwork's load tool: it builds the real binary, starts
// `formwork serve` on the chosen stores, seeds a tenant through the API
// (sign-up, the lead_followup pack, N reps) and drives HTTP with a fixed
// number of connections for a fixed time. Every figure is printed beside
// the raw store operation it is made of, measured in the same run on the
// same store, with the ratio; figures are medians over -runs runs.
//
//	go run ./bench/load                           # embedded stores, every scenario
//	go run ./bench/load -stores embedded,local -report docs/benchmarks.md
//	go run ./bench/load -mongo mongodb://h:27017/ -redis h:6379 -scenarios submit
//
// Bad input of the tool itself (an unknown scenario or store setup, an
// unreachable store, a bad duration) prints a message and exits with 2.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the tool; it returns the exit code: 0 done, 1 a measurement
// failed, 2 bad input.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseOptions(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "load:", err)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	rep, err := measureAll(ctx, &o, log)
	if err == nil && o.report != "" {
		err = writeReport(o.report, rep)
	}
	if err == nil {
		printReport(stdout, rep)
		return 0
	}
	fmt.Fprintln(stderr, "load:", err)
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// measureAll builds Formwork once and measures every store setup.
func measureAll(ctx context.Context, o *options, log *slog.Logger) (*report, error) {
	work, cleanup, err := tempDir("build")
	if err != nil {
		return nil, err
	}
	defer cleanup()
	bin := o.binary
	if bin == "" {
		log.Info("building formwork")
		if bin, err = buildFormwork(ctx, work); err != nil {
			return nil, err
		}
	}
	profiler := ""
	if o.has(scenarioProfile) {
		if profiler, err = buildProfiler(ctx, work); err != nil {
			return nil, err
		}
	}
	rep := newReport(o)
	for _, name := range o.targets {
		res, err := measureTarget(ctx, o, name, bin, log)
		if err != nil {
			return nil, fmt.Errorf("store setup %s: %w", name, err)
		}
		rep.targets = append(rep.targets, res)
		// Write what is measured so far: a later setup may fail or be stopped.
		if o.report != "" {
			rep.finished = time.Now()
			if err := writeReport(o.report, rep); err != nil {
				return nil, err
			}
		}
	}
	if o.has(scenarioProfile) {
		prof, err := profileSubmit(ctx, profiler, log)
		if err != nil {
			return nil, err
		}
		rep.profile = prof
	}
	rep.finished = time.Now()
	return rep, nil
}

// bench is one store setup being measured.
type bench struct {
	o   *options
	st  *stores
	fw  *formwork
	api *client
	ten *tenant
	log *slog.Logger
	dir string
	bin string
	res *targetResult
	// pprofAddr is the profiler listener of the server start ran.
	pprofAddr string
}

func measureTarget(ctx context.Context, o *options, name, bin string,
	log *slog.Logger) (*targetResult, error) {
	dir, cleanup, err := tempDir(name)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	log = log.With("stores", name)
	st, err := openStores(ctx, o, name, bin, dir, log)
	if err != nil {
		return nil, err
	}
	defer st.close()

	b := &bench{o: o, st: st, log: log, dir: dir, bin: bin,
		res: &targetResult{name: name, about: st.about, driven: map[string]summary{},
			records: map[int][]string{}}}
	if err := b.start(ctx); err != nil {
		return nil, err
	}
	// The memory scenario restarts Formwork: stop whichever runs at the end.
	defer func() { b.fw.stop() }()
	return b.res, b.scenarios(ctx)
}

// start runs Formwork and seeds the tenant every driven scenario uses.
func (b *bench) start(ctx context.Context) error {
	b.log.Info("starting formwork serve")
	pprofAddr, err := freeAddr()
	if err != nil {
		return err
	}
	b.pprofAddr = pprofAddr
	env := append(slices.Clone(b.st.env), "FORMWORK_PPROF_ADDR="+pprofAddr)
	fw, err := startFormwork(ctx, b.bin, b.dir, env)
	if err != nil {
		return err
	}
	b.fw = fw
	fw.onStop = b.res.addLogs
	b.api = newClient(fw.base, b.o.conns)
	b.log.Info("seeding", "reps", b.o.users)
	b.ten, err = seedTenant(ctx, b.api, b.st.name, b.o.users, "lead_followup",
		"commitment_center")
	return err
}

// scenarios runs the selected scenarios in order.
func (b *bench) scenarios(ctx context.Context) error {
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{scenarioServe, b.serveScenario},
		{scenarioHTTP, b.httpScenario},
		{scenarioSubmit, b.submitScenario},
		{scenarioActivity, b.activityScenario},
		{scenarioTimers, b.timersScenario},
		{scenarioMemory, b.memoryScenario},
		{scenarioDashboard, b.dashboardScenario},
		{scenarioInstall, b.installScenario},
	}
	for _, s := range steps {
		if !b.o.has(s.name) {
			continue
		}
		b.log.Info("scenario", "name", s.name)
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("scenario %s: %w", s.name, err)
		}
	}
	return nil
}

// measure drives f with repeat on -conns connections and keeps the median
// under name.
func (b *bench) measure(ctx context.Context, name string, f op) summary {
	return b.measureOn(ctx, name, b.o.conns, f)
}

// measureOn is measure on a given number of connections.
func (b *bench) measureOn(ctx context.Context, name string, conns int, f op) summary {
	med, runs := repeat(ctx, b.o, conns, f)
	b.res.driven[name] = med
	b.log.Info("measured", "what", name, "per_s", fmtRate(med.PerSec()),
		"p50", fmtDuration(med.P50), "p99", fmtDuration(med.P99), "errors", med.Errors,
		"runs", len(runs))
	if med.FirstErr != nil {
		b.log.Warn("errors while measuring", "what", name, "err", med.FirstErr)
	}
	return med
}
