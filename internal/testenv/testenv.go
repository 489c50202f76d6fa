// Package testenv starts the stores that integration tests run against:
// the embedded ones by default, and real ones when FORMWORK_TEST_MONGO_URI
// or FORMWORK_TEST_REDIS_ADDR name them, so the same tests cover both.
package testenv

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
)

// Logger returns a logger for tests: silent unless FORMWORK_TEST_LOG=1.
func Logger() *slog.Logger {
	if os.Getenv("FORMWORK_TEST_LOG") == "1" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// Mongo opens the test MongoDB: an external one in a database of its own
// (dropped at the end) when FORMWORK_TEST_MONGO_URI is set, else an embedded
// store in a temporary directory.
func Mongo(tb testing.TB) *mongo.Store {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	opts := mongo.Options{DataDir: tb.TempDir()}
	if uri := os.Getenv("FORMWORK_TEST_MONGO_URI"); uri != "" {
		opts = mongo.Options{URI: uri, Database: dbName(tb)}
	}
	st, err := mongo.Open(ctx, opts, Logger())
	if err != nil {
		tb.Fatalf("opening test MongoDB: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if st.Mode == mongo.ModeExternal {
			_ = st.DB.Drop(ctx)
		}
		_ = st.Close(ctx)
	})
	return st
}

func dbName(tb testing.TB) string {
	name := strings.NewReplacer("/", "_", " ", "_").Replace(tb.Name())
	if len(name) > 30 {
		name = name[:30]
	}
	return fmt.Sprintf("fwtest_%s_%s", name, ids.NewGenerator(clock.Real{}).New()[20:])
}

// Queue opens the test Redis: FORMWORK_TEST_REDIS_ADDR when set (database
// 10, flushed first), else an embedded one.
func Queue(tb testing.TB) *queue.Queue {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	opts := queue.Options{}
	if addr := os.Getenv("FORMWORK_TEST_REDIS_ADDR"); addr != "" {
		opts = queue.Options{Addr: addr, DB: 10}
	}
	q, err := queue.Open(ctx, opts, Logger())
	if err != nil {
		tb.Fatalf("opening test Redis: %v", err)
	}
	if q.Mode == queue.ModeExternal {
		_ = q.Redis().FlushDB(ctx).Err()
	}
	tb.Cleanup(func() { _ = q.Close() })
	return q
}
