package mongo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
)

// Mode tells how a Store reaches its server.
type Mode string

// The modes a Store can be in.
const (
	// ModeExternal means the store is a server named by a URI.
	ModeExternal Mode = "external"
	// ModeEmbedded means the store is FerretDB on SQLite, run in-process.
	ModeEmbedded Mode = "embedded"
)

// Defaults applied by Open to zero-valued Options fields.
const (
	DefaultDatabase       = "formwork"
	DefaultDataDir        = "./formwork-data"
	DefaultConnectTimeout = 10 * time.Second
)

// codeNamespaceExists is the server error code for "collection already exists".
const codeNamespaceExists = 48

// Options configures Open. The zero value opens the embedded store in
// ./formwork-data/mongo with database "formwork".
type Options struct {
	// URI is FORMWORK_MONGO_URI; empty starts the embedded FerretDB.
	URI string
	// Database is the database name; empty means "formwork".
	Database string
	// DataDir is the data directory; embedded files go under DataDir/mongo.
	// Empty means "./formwork-data". Ignored when URI is set.
	DataDir string
	// ConnectTimeout bounds the start-up connection check and server
	// selection for every later operation; zero means 10s.
	ConnectTimeout time.Duration
	// Monitor, when set, is told about every command the driver sends;
	// benchmarks count store operations with it.
	Monitor *event.CommandMonitor
	// CacheTTL is how long the answers of Scope.Cached reads are served
	// before they are read again, so how late another process's writes
	// to a cached collection are seen (read_cache.go); zero means
	// DefaultCacheTTL, negative turns the cache off.
	CacheTTL time.Duration
}

// withDefaults returns o with every zero field filled in.
func (o Options) withDefaults() Options {
	if o.Database == "" {
		o.Database = DefaultDatabase
	}
	if o.DataDir == "" {
		o.DataDir = DefaultDataDir
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}

	return o
}

// Store is an open connection to the system of record. It is safe for
// concurrent use; Close it once when the process stops.
type Store struct {
	// Client is the driver client, for callers that need more than DB.
	Client *driver.Client
	// DB is the Formwork database.
	DB *driver.Database
	// Mode tells whether the store is external or embedded.
	Mode Mode
	// Addr is the host:port connected to, without credentials.
	Addr string

	log      *slog.Logger
	embedded *embedded  // nil in external mode
	locks    *docLocks  // embedded mode only; see doc_lock.go
	reads    *readCache // nil when Options.CacheTTL is negative
}

// Open connects to the store described by opts and checks that it answers.
// Without opts.URI it starts the embedded FerretDB first. Errors meaning the
// server cannot be reached match ErrUnavailable.
func Open(ctx context.Context, opts Options, log *slog.Logger) (*Store, error) {
	opts = opts.withDefaults()
	ferretLog := quietLogger(log)
	log = log.With(slog.String("component", "mongo"))

	if opts.URI == "" {
		return openEmbedded(ctx, opts, log, ferretLog)
	}

	return openExternal(ctx, opts, log)
}

// openExternal connects to the server named by opts.URI.
func openExternal(ctx context.Context, opts Options, log *slog.Logger) (*Store, error) {
	addr, secret := describeURI(opts.URI)

	co := options.Client().ApplyURI(opts.URI).SetMonitor(opts.Monitor)
	if err := co.Validate(); err != nil {
		return nil, invalidURI(secret, err)
	}

	client, err := connect(ctx, co, opts.ConnectTimeout)
	if err != nil {
		return nil, unavailable(addr, secret, err)
	}

	s := newStore(client, opts.Database, ModeExternal, addr, log)
	s.reads = newReadCache(opts.CacheTTL)
	if isFerretDB(ctx, s) {
		// See doc_lock.go: FerretDB's conditional updates are not atomic,
		// so this process serialises its own; several processes on one
		// FerretDB are not safe.
		s.locks = newDocLocks()
		log.WarnContext(ctx, "the MongoDB server is FerretDB: conditional updates are "+
			"only safe from one Formwork process; use MongoDB to scale out",
			slog.String("addr", addr))
	}
	log.InfoContext(ctx, "mongodb store opened",
		slog.String("mode", string(ModeExternal)), slog.String("addr", addr))

	return s, nil
}

// newStore wraps a connected client.
func newStore(client *driver.Client, db string, mode Mode, addr string, log *slog.Logger) *Store {
	return &Store{
		Client: client,
		DB:     client.Database(db),
		Mode:   mode,
		Addr:   addr,
		log:    log,
	}
}

// connect makes a client from co and pings the server within timeout.
func connect(
	ctx context.Context, co *options.ClientOptions, timeout time.Duration,
) (*driver.Client, error) {
	if co.ServerSelectionTimeout == nil {
		co.SetServerSelectionTimeout(timeout)
	}
	if co.ConnectTimeout == nil {
		co.SetConnectTimeout(timeout)
	}

	client, err := driver.Connect(co)
	if err != nil {
		return nil, err
	}

	pingCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	if err := client.Ping(pingCtx, readpref.Primary()); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, err
	}

	return client, nil
}

// Ping checks that the store answers; failures match ErrUnavailable.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.Client.Ping(ctx, readpref.Primary()); err != nil {
		return unavailable(s.Addr, "", err)
	}

	return nil
}

// Close disconnects the client and, in embedded mode, stops FerretDB and
// releases the data directory so that another Open may use it.
func (s *Store) Close(ctx context.Context) error {
	var errs []error

	if err := s.Client.Disconnect(ctx); err != nil {
		errs = append(errs, fmt.Errorf("disconnecting from mongodb: %w", err))
	}

	if s.embedded != nil {
		if err := s.embedded.stop(); err != nil {
			errs = append(errs, fmt.Errorf("stopping embedded store: %w", err))
		}
	}

	s.log.InfoContext(ctx, "mongodb store closed", slog.String("addr", s.Addr))

	return errors.Join(errs...)
}

// EnsureCollection creates collection name if it is missing and then the
// given indexes. It is idempotent and safe to run from several processes at
// once. In embedded mode it also adds the `_id` expression index FerretDB's
// queries need (see sqlite_fix.go).
func (s *Store) EnsureCollection(
	ctx context.Context, name string, indexes []driver.IndexModel,
) error {
	if err := s.createCollection(ctx, name); err != nil {
		return err
	}

	// One index per command: FerretDB v1.24.2 panics on a createIndexes
	// command naming two or more indexes that all exist already (it deletes
	// from its filtered list by the original position), which is exactly
	// what every restart sends.
	for _, index := range indexes {
		_, err := s.DB.Collection(name).Indexes().CreateOne(ctx, index)
		if err != nil {
			return fmt.Errorf("creating indexes on collection %q: %w", name, s.classify(err))
		}
	}

	if s.embedded != nil {
		if err := s.embedded.fix.ensureIDIndex(ctx, name); err != nil {
			return fmt.Errorf("ensuring collection %q: %w", name, err)
		}
	}

	return nil
}

// createCollection creates collection name, treating "already exists" as
// success so that concurrent start-ups do not fail each other.
func (s *Store) createCollection(ctx context.Context, name string) error {
	err := s.DB.CreateCollection(ctx, name)

	var se driver.ServerError
	if errors.As(err, &se) && se.HasErrorCode(codeNamespaceExists) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("creating collection %q: %w", name, s.classify(err))
	}

	return nil
}

// classify marks connection-level failures as ErrUnavailable and leaves the
// others as they are.
func (s *Store) classify(err error) error {
	if driver.IsNetworkError(err) || driver.IsTimeout(err) ||
		errors.Is(err, driver.ErrClientDisconnected) {
		return unavailable(s.Addr, "", err)
	}

	return err
}

// isFerretDB reports whether the server says it is FerretDB.
func isFerretDB(ctx context.Context, s *Store) bool {
	var info bson.M
	err := s.DB.RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info)
	if err != nil {
		return false
	}
	_, ferret := info["ferretdbVersion"]
	return ferret
}
