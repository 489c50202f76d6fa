package mongo_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/mongo"
)

// pgFerretURI is the URI of a FerretDB server on PostgreSQL started by
// TestMain when FORMWORK_TEST_POSTGRES_URL is set.
var pgFerretURI string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

// runTests starts the optional PostgreSQL-backed FerretDB and runs m.
func runTests(m *testing.M) int {
	pgURL := os.Getenv("FORMWORK_TEST_POSTGRES_URL")
	if pgURL == "" {
		return m.Run()
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	addr, err := freeAddr()
	if err != nil {
		fmt.Fprintln(os.Stderr, "finding a free port:", err)
		return 1
	}

	opts := mongo.ServerOptions{Backend: "postgresql", PostgreSQLURL: pgURL, Listen: addr}
	done := make(chan error, 1)
	go func() { done <- mongo.ServeFerretDB(ctx, opts, quietLog()) }()

	pgFerretURI = "mongodb://" + addr + "/"
	code := m.Run()

	cancel()
	if err := <-done; err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb server:", err)
	}

	return code
}

// freeAddr returns a loopback address with a port that was free just now.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()

	return l.Addr().String(), nil
}

// quietLog returns a logger that discards everything.
func quietLog() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// target is one kind of server the store tests run against.
type target struct {
	name string
	opts func(t *testing.T) mongo.Options
}

// targets returns the embedded store and every external server configured
// through the environment.
func targets() []target {
	ts := []target{{name: "embedded", opts: func(t *testing.T) mongo.Options {
		return mongo.Options{DataDir: t.TempDir()}
	}}}

	if uri := os.Getenv("FORMWORK_TEST_MONGO_URI"); uri != "" {
		ts = append(ts, target{name: "external", opts: externalOpts(uri)})
	}
	if pgFerretURI != "" {
		ts = append(ts, target{name: "ferretdb-postgresql", opts: externalOpts(pgFerretURI)})
	}

	return ts
}

// externalOpts gives each test its own database on the server at uri.
func externalOpts(uri string) func(t *testing.T) mongo.Options {
	return func(t *testing.T) mongo.Options {
		return mongo.Options{URI: uri, Database: testDatabase(t)}
	}
}

var unsafeChars = regexp.MustCompile(`[^a-z0-9]+`)

// testDatabase names a database after the test, within MongoDB's limits.
func testDatabase(t *testing.T) string {
	name := "fwtest_" + unsafeChars.ReplaceAllString(strings.ToLower(t.Name()), "_")
	if len(name) > 60 {
		name = name[:60]
	}

	return name
}

// openStore opens a store for t and drops its database (when external) and
// closes it at the end of the test.
func openStore(t *testing.T, opts mongo.Options) *mongo.Store {
	t.Helper()

	s, err := mongo.Open(t.Context(), opts, quietLog())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}

	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()

		if s.Mode == mongo.ModeExternal {
			_ = s.DB.Drop(ctx)
		}
		if err := s.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	})

	if s.Mode == mongo.ModeExternal {
		_ = s.DB.Drop(t.Context())
	}

	return s
}
