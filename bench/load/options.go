package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Scenario names, in the order they run.
const (
	scenarioServe     = "serve"
	scenarioHTTP      = "http"
	scenarioSubmit    = "submit"
	scenarioActivity  = "activity"
	scenarioTimers    = "timers"
	scenarioMemory    = "memory"
	scenarioDashboard = "dashboard"
	scenarioInstall   = "install"
	scenarioProfile   = "profile"
)

// allScenarios lists every scenario in run order.
var allScenarios = []string{scenarioServe, scenarioHTTP, scenarioSubmit, scenarioActivity,
	scenarioTimers, scenarioMemory, scenarioDashboard, scenarioInstall, scenarioProfile}

// Store targets.
const (
	targetEmbedded = "embedded"
	targetLocal    = "local"
	targetExternal = "external"
)

// options are the load tool's settings. The zero value is not usable;
// parseOptions fills every default.
type options struct {
	// targets are the store setups to measure, in order.
	targets []string
	// mongoURI and redisAddr, when both set, name an external pair of
	// stores (target "external").
	mongoURI, redisAddr string
	// redisDB is the database the tool uses, and flushes, on a real Redis.
	redisDB int
	// postgres is the PostgreSQL server of the local FerretDB.
	postgres string
	// scenarios to run, in allScenarios order.
	scenarios []string
	// conns is the number of connections every driven scenario uses.
	conns int
	// duration is how long one driven run lasts.
	duration time.Duration
	// runs is how many times each driven scenario repeats; figures are
	// medians over runs.
	runs int
	// users is the number of sales reps seeded into the tenant.
	users int
	// timers is the number of timers of the burst (drain-rate) run.
	timers int
	// memoryTimers is the number of pending timers of the memory scenario.
	memoryTimers int
	// report, when set, is the Markdown file the results are written to.
	report string
	// binary is a prebuilt formwork binary; empty builds ./cmd/formwork.
	binary string
	// peers runs the BullMQ peer where Node is available.
	peers bool
	// dashboardRecords and dashboardActivities, when set, size the
	// dashboard scenario's own data: leads and calls written straight into
	// Formwork's database, their rollups rebuilt (seed.go); zero reads
	// what the earlier scenarios left.
	dashboardRecords, dashboardActivities int
}

// usageError is bad input of the tool itself: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// parseOptions reads the command line. Any bad value is a usageError that
// names the flag and what it accepts.
func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	var targets, scenarios string
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&targets, "stores", targetEmbedded,
		"store setups, comma-separated: embedded, local")
	fs.StringVar(&o.mongoURI, "mongo", "", "MongoDB URI of an external store (with -redis)")
	fs.StringVar(&o.redisAddr, "redis", "", "Redis host:port of an external store (with -mongo)")
	fs.IntVar(&o.redisDB, "redis-db", 12, "Redis database the tool uses and flushes")
	fs.StringVar(&o.postgres, "postgres", "postgres://postgres@127.0.0.1:5432/postgres",
		"PostgreSQL server of the local FerretDB")
	fs.StringVar(&scenarios, "scenarios", "all",
		"scenarios, comma-separated: all or "+strings.Join(allScenarios, ", "))
	fs.IntVar(&o.conns, "conns", 64, "connections of every driven scenario")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "length of one driven run")
	fs.IntVar(&o.runs, "runs", 3, "runs of each driven scenario (figures are medians)")
	fs.IntVar(&o.users, "users", 20, "sales reps seeded into the tenant")
	fs.IntVar(&o.timers, "timers", 200, "timers of the burst run of the timers scenario")
	fs.IntVar(&o.memoryTimers, "memory-timers", 1_000_000,
		"pending timers of the memory scenario")
	fs.StringVar(&o.report, "report", "", "write the results as Markdown to this file")
	fs.StringVar(&o.binary, "binary", "", "prebuilt formwork binary (default: build it)")
	fs.BoolVar(&o.peers, "peers", true, "run the BullMQ peer when Node is installed")
	fs.IntVar(&o.dashboardRecords, "dashboard-records", 0,
		"leads the dashboard scenario seeds straight into the store (0: use what is there)")
	fs.IntVar(&o.dashboardActivities, "dashboard-activities", 0,
		"calls on those leads the dashboard scenario seeds (needs -dashboard-records)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, err
		}
		return o, &usageError{msg: err.Error()}
	}
	if fs.NArg() > 0 {
		return o, usagef("unexpected argument %q: every setting is a flag (-h lists them)",
			fs.Arg(0))
	}
	return o, o.finish(targets, scenarios)
}

// finish splits the lists and checks every value.
func (o *options) finish(targets, scenarios string) error {
	var err error
	if o.targets, err = parseTargets(targets, o.mongoURI, o.redisAddr); err != nil {
		return err
	}
	if o.scenarios, err = parseScenarios(scenarios); err != nil {
		return err
	}
	if err := o.checkNumbers(); err != nil {
		return err
	}
	return o.checkScale()
}

func parseTargets(list, mongoURI, redisAddr string) ([]string, error) {
	if (mongoURI == "") != (redisAddr == "") {
		return nil, usagef("-mongo and -redis go together: give both or neither")
	}
	if mongoURI != "" {
		return []string{targetExternal}, nil
	}
	var out []string
	for _, t := range splitList(list) {
		if t != targetEmbedded && t != targetLocal {
			return nil, usagef("unknown store setup %q in -stores: use embedded or local, "+
				"or -mongo URI -redis ADDR", t)
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil, usagef("-stores is empty: use embedded, local or both")
	}
	return out, nil
}

func parseScenarios(list string) ([]string, error) {
	names := splitList(list)
	if len(names) == 1 && names[0] == "all" {
		return slices.Clone(allScenarios), nil
	}
	for _, n := range names {
		if !slices.Contains(allScenarios, n) {
			return nil, usagef("unknown scenario %q: use all or %s", n,
				strings.Join(allScenarios, ", "))
		}
	}
	if len(names) == 0 {
		return nil, usagef("-scenarios is empty")
	}
	var out []string
	for _, n := range allScenarios {
		if slices.Contains(names, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

func (o *options) checkNumbers() error {
	switch {
	case o.duration < 100*time.Millisecond || o.duration > time.Hour:
		return usagef("-duration %s is out of range: use 100ms to 1h", o.duration)
	case o.conns < 1 || o.conns > 4096:
		return usagef("-conns %d is out of range: use 1 to 4096", o.conns)
	case o.runs < 1 || o.runs > 100:
		return usagef("-runs %d is out of range: use 1 to 100", o.runs)
	case o.users < 1 || o.users > 10_000:
		return usagef("-users %d is out of range: use 1 to 10000", o.users)
	case o.timers < 1 || o.timers > 1_000_000:
		return usagef("-timers %d is out of range: use 1 to 1000000", o.timers)
	case o.memoryTimers < 1000 || o.memoryTimers > 10_000_000:
		return usagef("-memory-timers %d is out of range: use 1000 to 10000000",
			o.memoryTimers)
	case o.redisDB < 1 || o.redisDB > 15:
		return usagef("-redis-db %d is out of range: use 1 to 15 (0 is shared)", o.redisDB)
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// has reports whether scenario name is selected.
func (o *options) has(name string) bool { return slices.Contains(o.scenarios, name) }
