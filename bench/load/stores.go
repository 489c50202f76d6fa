package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"

	"github.com/formworkhq/formwork/internal/mongo"
)

// Names the tool gives the databases it owns on a shared server.
const (
	benchPGDatabase   = "formwork_bench"
	appDatabase       = "formwork_bench_app"
	baselineDatabase  = "formwork_bench_raw"
	storeProbeTimeout = 3 * time.Second
)

// stores is one store setup: what Formwork is started with and the tool's
// own connections to the same servers for the raw baselines.
type stores struct {
	name string
	// about says in one line what the stores are, for the report.
	about string
	// env is what Formwork is started with (FORMWORK_*).
	env []string
	// raw is the tool's connection to a store of the same kind as
	// Formwork's, for the driver baselines.
	raw *mongo.Store
	// redis is the tool's client of the Redis Formwork uses (or, embedded,
	// of a miniredis of the same kind); realRedis says memory is meaningful.
	redis     *redis.Client
	realRedis bool
	// proxy sits between Formwork and a real Redis: it selects the tool's
	// database and counts Formwork's commands. Nil for embedded Redis.
	proxy   *redisProxy
	closers []func()
}

func (s *stores) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
}

// openStores prepares target name. Unreachable servers are usage errors:
// the tool cannot measure what it cannot reach.
func openStores(ctx context.Context, o *options, name, bin, dir string,
	log *slog.Logger) (*stores, error) {
	s := &stores{name: name}
	var err error
	switch name {
	case targetEmbedded:
		err = s.openEmbedded(ctx, dir, log)
	case targetLocal:
		err = s.openLocal(ctx, o, bin, dir)
	default:
		err = s.openExternal(ctx, o, o.mongoURI, o.redisAddr)
	}
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// openEmbedded: Formwork runs its own embedded stores (no settings, as it
// ships); the baselines use an embedded FerretDB of the same kind opened
// here through internal/mongo, and a miniredis.
func (s *stores) openEmbedded(ctx context.Context, dir string, log *slog.Logger) error {
	s.about = "embedded: FerretDB v1 on SQLite in the Formwork process, in-process " +
		"miniredis; baselines on an embedded FerretDB/SQLite and a miniredis of the tool"
	raw, err := mongo.Open(ctx, mongo.Options{DataDir: filepath.Join(dir, "raw"),
		Database: baselineDatabase}, log)
	if err != nil {
		return fmt.Errorf("opening the baseline embedded store: %w", err)
	}
	s.raw = raw
	s.closers = append(s.closers, func() { _ = raw.Close(context.Background()) })

	mini, err := miniredis.Run()
	if err != nil {
		return fmt.Errorf("starting the baseline miniredis: %w", err)
	}
	s.closers = append(s.closers, mini.Close)
	s.redis = redis.NewClient(&redis.Options{Addr: mini.Addr(), PoolSize: 256})
	return nil
}

// openLocal starts a FerretDB server on the local PostgreSQL (database
// formwork_bench, through `formwork store serve`) and uses the machine's
// Redis in database o.redisDB, flushed first.
func (s *stores) openLocal(ctx context.Context, o *options, bin, dir string) error {
	pgURL, err := prepareDatabase(ctx, o.postgres)
	if err != nil {
		return usagef("cannot use PostgreSQL at %s: %v (start it or set -postgres)",
			redact(o.postgres), err)
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	stop, err := startFerret(ctx, bin, pgURL, addr, dir)
	if err != nil {
		return err
	}
	s.closers = append(s.closers, stop)
	if err := s.openExternal(ctx, o, "mongodb://"+addr+"/", "127.0.0.1:6379"); err != nil {
		return err
	}
	s.name = targetLocal
	s.about = "local: FerretDB v1 server on PostgreSQL over loopback (" +
		"`formwork store serve`), the machine's Redis 7 in database " + fmt.Sprint(o.redisDB)
	return nil
}

// openExternal connects to a given MongoDB and Redis. Formwork reaches the
// Redis through the counting proxy, which selects o.redisDB.
func (s *stores) openExternal(ctx context.Context, o *options, uri, addr string) error {
	s.about = "external: " + redact(uri) + " and Redis " + addr + " database " +
		fmt.Sprint(o.redisDB)
	if err := probe(addr); err != nil {
		return usagef("cannot reach Redis at %s: %v", addr, err)
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	raw, err := mongo.Open(cctx, mongo.Options{URI: uri, Database: baselineDatabase,
		ConnectTimeout: storeProbeTimeout}, slog.New(slog.DiscardHandler))
	if err != nil {
		return usagef("cannot reach MongoDB at %s: %v", redact(uri), err)
	}
	s.raw = raw
	s.closers = append(s.closers, func() { _ = raw.Close(context.Background()) })
	if err := raw.Client.Database(appDatabase).Drop(cctx); err != nil {
		return fmt.Errorf("dropping the previous run's database: %w", err)
	}

	s.redis = redis.NewClient(&redis.Options{Addr: addr, DB: o.redisDB, PoolSize: 256})
	s.realRedis = true
	if err := s.redis.FlushDB(cctx).Err(); err != nil {
		return usagef("cannot use Redis database %d at %s: %v", o.redisDB, addr, err)
	}
	proxy, err := startRedisProxy(addr, o.redisDB)
	if err != nil {
		return err
	}
	s.proxy = proxy
	s.closers = append(s.closers, func() { _ = s.redis.Close() }, proxy.close)
	s.env = []string{"FORMWORK_MONGO_URI=" + uri, "FORMWORK_MONGO_DATABASE=" + appDatabase,
		"FORMWORK_REDIS_ADDR=" + proxy.addr()}
	return nil
}

// prepareDatabase makes sure the bench database exists on the PostgreSQL
// server of url, empty, and returns its URL.
func prepareDatabase(ctx context.Context, url string) (string, error) {
	cctx, cancel := context.WithTimeout(ctx, storeProbeTimeout)
	defer cancel()
	conn, err := pgx.Connect(cctx, url)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.WithoutCancel(ctx))

	_, err = conn.Exec(cctx, "CREATE DATABASE "+benchPGDatabase)
	if err != nil && !strings.Contains(err.Error(), "already exists") {
		return "", fmt.Errorf("creating database %s: %w", benchPGDatabase, err)
	}
	cfg := conn.Config()
	return fmt.Sprintf("postgres://%s@%s/%s", cfg.User,
		net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port)), benchPGDatabase), nil
}

// startFerret runs `formwork store serve` on PostgreSQL until stop.
func startFerret(ctx context.Context, bin, pgURL, addr, dir string) (func(), error) {
	logPath := filepath.Join(dir, "ferretdb.log")
	p, err := startProcess(ctx, bin, []string{"store", "serve", "-backend", "postgresql",
		"-postgresql-url", pgURL, "-listen", addr}, nil, logPath)
	if err != nil {
		return nil, fmt.Errorf("starting FerretDB on PostgreSQL: %w", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for probe(addr) != nil {
		if time.Now().After(deadline) || p.exited() {
			p.stop()
			return nil, fmt.Errorf("FerretDB on PostgreSQL did not listen on %s (log: %s)",
				addr, logPath)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return p.stop, nil
}

func probe(addr string) error {
	c, err := net.DialTimeout("tcp", addr, storeProbeTimeout)
	if err != nil {
		return err
	}
	return c.Close()
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("finding a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// redact hides a password in a URL.
func redact(u string) string {
	at := strings.LastIndex(u, "@")
	scheme := strings.Index(u, "://")
	if at < 0 || scheme < 0 {
		return u
	}
	cred := u[scheme+3 : at]
	if i := strings.Index(cred, ":"); i >= 0 {
		return u[:scheme+3] + cred[:i] + ":***" + u[at:]
	}
	return u
}

// tempDir is the tool's working directory for one target.
func tempDir(name string) (string, func(), error) {
	dir, err := os.MkdirTemp("", "formwork-bench-"+name+"-")
	if err != nil {
		return "", nil, fmt.Errorf("creating a work directory: %w", err)
	}
	return dir, func() { _ = os.RemoveAll(dir) }, nil
}
