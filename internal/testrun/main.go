// Command testrun runs every test of Formwork, the one test command of the
// README: `go run ./internal/testrun`.
//
// It runs `go vet` and then the Go tests in passes, one per store setup, so
// that the same integration tests cover each way Formwork reaches its
// stores:
//
//  1. embedded: the in-process FerretDB on SQLite and miniredis, as
//     `formwork serve` runs with no settings;
//  2. external: a real Redis (FORMWORK_TEST_REDIS_ADDR, default
//     127.0.0.1:6379) and a separate FerretDB server on the local
//     PostgreSQL (started here through the same ferretdb package the
//     embedded store uses), reached over the network through
//     FORMWORK_TEST_MONGO_URI.
//
// The external pass runs when those servers answer and says so when they do
// not. Flags:
//
//	-long      also run the long fault and load suites (FORMWORK_TEST_LONG=1)
//	-pass P    run only pass P: embedded, external or fuzz (-long only)
//	-run RE    passed to go test -run
//	-pkg LIST  packages to test (default ./...)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/formworkhq/formwork/internal/mongo"
)

// Defaults for the external pass.
const (
	defaultRedis    = "127.0.0.1:6379"
	defaultPostgres = "postgres://postgres@127.0.0.1:5432/postgres"
	testDatabase    = "formwork_test"
	probeTimeout    = 2 * time.Second
)

type options struct {
	long bool
	pass string
	run  string
	pkgs []string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	var o options
	var pkgs string
	flag.BoolVar(&o.long, "long", false, "also run the long fault and load suites")
	flag.StringVar(&o.pass, "pass", "", "run only this pass: embedded or external")
	flag.StringVar(&o.run, "run", "", "go test -run pattern")
	flag.StringVar(&pkgs, "pkg", "./...", "space-separated packages to test")
	flag.Parse()
	o.pkgs = strings.Fields(pkgs)

	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "testrun:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	started := time.Now()
	if err := goCmd(ctx, nil, append([]string{"vet"}, o.pkgs...)...); err != nil {
		return fmt.Errorf("go vet: %w", err)
	}

	var failed []string
	var why []string
	for _, p := range passes(o) {
		step("pass %s: %s", p.name, p.about)
		if err := p.run(ctx, o); err != nil {
			fmt.Fprintf(os.Stderr, "testrun: pass %s: %v\n", p.name, err)
			failed = append(failed, p.name)
			why = append(why, fmt.Sprintf("testrun: pass %s: %v", p.name, err))
		}
	}

	step("done in %s", time.Since(started).Round(time.Second))
	if len(failed) > 0 {
		// Repeated at the end, where a reader of a long log looks first.
		fmt.Fprintln(os.Stderr, strings.Join(why, "\n"))
		return fmt.Errorf("failed passes: %s", strings.Join(failed, ", "))
	}
	return nil
}

type pass struct {
	name, about string
	run         func(context.Context, options) error
}

func passes(o options) []pass {
	all := []pass{
		{"embedded", "in-process FerretDB on SQLite and miniredis", embeddedPass},
		{"external", "real Redis and a FerretDB server on PostgreSQL, over the network",
			externalPass},
		{"web", "Vitest and the end-to-end flow in headless Chromium", webPass},
		{"fuzz", "every fuzz target for " + fuzzTime + " (with -long)", fuzzPass},
	}
	if o.pass == "" {
		return all
	}
	for _, p := range all {
		if p.name == o.pass {
			return []pass{p}
		}
	}
	return nil
}

func embeddedPass(ctx context.Context, o options) error {
	env := []string{"FORMWORK_TEST_MONGO_URI=", "FORMWORK_TEST_REDIS_ADDR=",
		"FORMWORK_TEST_POSTGRES_URL="}
	return goTest(ctx, o, env)
}

// serial runs one test binary at a time: on a real Redis every package's
// tests share one database (Asynq's keys have no prefix), so packages
// running side by side would flush and consume each other's tasks.
const serial = "-p=1"

// externalPass starts a FerretDB server on PostgreSQL and runs the tests
// against it and the real Redis.
func externalPass(ctx context.Context, o options) error {
	redis := envOr("FORMWORK_TEST_REDIS_ADDR", defaultRedis)
	pg := envOr("FORMWORK_TEST_POSTGRES_URL", defaultPostgres)
	if !answers(redis) {
		step("skipped: nothing answers on %s (set FORMWORK_TEST_REDIS_ADDR)", redis)
		return nil
	}
	pgDB, err := prepareDatabase(ctx, pg)
	if err != nil {
		step("skipped: PostgreSQL at %s: %v (set FORMWORK_TEST_POSTGRES_URL)", redact(pg), err)
		return nil
	}

	uri, stop, err := startFerret(ctx, pgDB)
	if err != nil {
		return err
	}
	defer stop()

	env := []string{"FORMWORK_TEST_MONGO_URI=" + uri, "FORMWORK_TEST_REDIS_ADDR=" + redis,
		"FORMWORK_TEST_POSTGRES_URL=" + pgDB}
	return goTest(ctx, o, env, serial)
}

// prepareDatabase makes sure the test database exists on the server of
// url and returns the URL of that database.
func prepareDatabase(ctx context.Context, url string) (string, error) {
	cctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	conn, err := pgx.Connect(cctx, url)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.WithoutCancel(ctx))

	_, err = conn.Exec(cctx, "CREATE DATABASE "+testDatabase)
	if err != nil && !strings.Contains(err.Error(), "already exists") {
		return "", fmt.Errorf("creating database %s: %w", testDatabase, err)
	}
	cfg := conn.Config()
	return fmt.Sprintf("postgres://%s@%s/%s", cfg.User,
		net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port)), testDatabase), nil
}

// startFerret runs a FerretDB server on the PostgreSQL database pgURL on a
// free loopback port until stop is called.
func startFerret(ctx context.Context, pgURL string) (string, func(), error) {
	addr, err := freeAddr()
	if err != nil {
		return "", nil, err
	}
	// The server logs every refused duplicate key the tests provoke on
	// purpose; its log goes to a file, named here, not into the test output.
	logFile, err := os.CreateTemp("", "formwork-testrun-ferretdb-*.log")
	if err != nil {
		return "", nil, fmt.Errorf("creating the FerretDB log: %w", err)
	}
	fctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	log := slog.New(slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelWarn}))
	opts := mongo.ServerOptions{Backend: "postgresql", PostgreSQLURL: pgURL, Listen: addr}
	go func() { done <- mongo.ServeFerretDB(fctx, opts, log) }()

	if err := waitFor(ctx, addr, done); err != nil {
		cancel()
		_ = logFile.Close()
		return "", nil, fmt.Errorf("starting FerretDB on PostgreSQL: %w", err)
	}
	step("FerretDB on PostgreSQL listening on %s (log: %s)", addr, logFile.Name())
	stop := func() { cancel(); <-done; _ = logFile.Close() }
	return "mongodb://" + addr + "/", stop, nil
}

func waitFor(ctx context.Context, addr string, done <-chan error) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			return errors.Join(errors.New("server exited"), err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if answers(addr) {
			return nil
		}
	}
	return fmt.Errorf("nothing listening on %s after 30s", addr)
}

// A test binary's time limit: the long fault suites of reliability/ take
// about 13 minutes on a quiet two-core machine, so -long allows twice that
// and more before a hang counts as one.
const (
	testTimeout     = "20m"
	longTestTimeout = "40m"
)

func goTest(ctx context.Context, o options, env []string, extra ...string) error {
	timeout := testTimeout
	if o.long {
		timeout = longTestTimeout
	}
	args := append([]string{"test", "-count=1", "-timeout=" + timeout}, extra...)
	if o.run != "" {
		args = append(args, "-run", o.run)
	}
	args = append(args, o.pkgs...)
	if o.long {
		env = append(env, "FORMWORK_TEST_LONG=1")
	}
	return goCmd(ctx, env, args...)
}

func goCmd(ctx context.Context, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

func answers(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, probeTimeout)
	if err != nil {
		return false
	}
	_ = c.Close()
	return true
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// redact hides a password in a connection URL.
func redact(url string) string {
	at := strings.LastIndex(url, "@")
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 {
		return url
	}
	creds := url[scheme+3 : at]
	if user, _, ok := strings.Cut(creds, ":"); ok {
		return url[:scheme+3] + user + ":***" + url[at:]
	}
	return url
}

func step(format string, args ...any) {
	fmt.Printf("==> "+format+"\n", args...)
}
