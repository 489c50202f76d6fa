package queue_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/queue"
)

// testDB is the database external tests use and flush; the Redis on the
// test machine is shared, so they touch no other.
const testDB = 9

// target is a Redis the same test body runs against.
type target struct {
	name string
	opts queue.Options
}

// targets returns the embedded Redis, and the external one named by
// FORMWORK_TEST_REDIS_ADDR when it is set.
func targets() []target {
	all := []target{{name: string(queue.ModeEmbedded)}}
	if addr := os.Getenv("FORMWORK_TEST_REDIS_ADDR"); addr != "" {
		opts := queue.Options{Addr: addr, DB: testDB}
		all = append(all, target{name: string(queue.ModeExternal), opts: opts})
	}
	return all
}

func TestMain(m *testing.M) {
	// Failed dials are expected here; keep go-redis's retries off stderr.
	queue.RouteRedisLogs(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}

func testLogger(t *testing.T) *slog.Logger {
	t.Helper()
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	return slog.New(slog.NewTextHandler(t.Output(), opts))
}

// open opens tg for the test, starting from an empty database, and closes
// it (after flushing an external one) when the test ends.
func open(t *testing.T, tg target) *queue.Queue {
	t.Helper()
	q, err := queue.Open(t.Context(), tg.opts, testLogger(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := q.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})

	if q.Mode == queue.ModeExternal {
		flush(t.Context(), t, q)
		// t.Context is already cancelled when cleanups run.
		t.Cleanup(func() { flush(context.Background(), t, q) })
	}
	return q
}

func flush(ctx context.Context, t *testing.T, q *queue.Queue) {
	t.Helper()
	if err := q.Redis().FlushDB(ctx).Err(); err != nil {
		t.Fatalf("FLUSHDB %d: %v", testDB, err)
	}
}

func TestOpenPingClose(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			q, err := queue.Open(t.Context(), tg.opts, testLogger(t))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}

			if got, want := string(q.Mode), tg.name; got != want {
				t.Errorf("Mode = %q, want %q", got, want)
			}
			if q.Addr == "" || q.Client == nil || q.Inspector == nil {
				t.Errorf("Open left fields empty: %+v", q)
			}
			if err := q.Ping(t.Context()); err != nil {
				t.Errorf("Ping: %v", err)
			}

			if err := q.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			if err := q.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if err := q.Ping(t.Context()); !errors.Is(err, queue.ErrUnavailable) {
				t.Errorf("Ping after Close = %v, want ErrUnavailable", err)
			}
		})
	}
}

func TestOpenUnusableRedis(t *testing.T) {
	cases := []struct {
		name     string
		opts     queue.Options
		contains []string
	}{{
		name:     "nothing listening",
		opts:     queue.Options{Addr: "127.0.0.1:1", DialTimeout: 2 * time.Second},
		contains: []string{"redis at 127.0.0.1:1 is unreachable", "FORMWORK_REDIS_ADDR"},
	}}
	if addr := os.Getenv("FORMWORK_TEST_REDIS_ADDR"); addr != "" {
		cases = append(cases, struct {
			name     string
			opts     queue.Options
			contains []string
		}{
			name:     "database out of range",
			opts:     queue.Options{Addr: addr, DB: 1 << 20},
			contains: []string{"redis at " + addr + " refused", "database number"},
		})
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q, err := queue.Open(t.Context(), tc.opts, testLogger(t))
			if err == nil {
				_ = q.Close()
				t.Fatal("Open succeeded, want an error")
			}
			t.Logf("Open: %v", err)

			if !errors.Is(err, queue.ErrUnavailable) {
				t.Errorf("error %v does not wrap ErrUnavailable", err)
			}
			for _, s := range tc.contains {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

func TestKeysExpire(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			q := open(t, tg)
			ctx := t.Context()
			if err := q.Redis().Set(ctx, "ttl-probe", "x", 50*time.Millisecond).Err(); err != nil {
				t.Fatalf("SET: %v", err)
			}

			// Asynq's heartbeats and daily counters rely on TTLs; the embedded
			// server must age them by itself.
			tick := time.NewTicker(20 * time.Millisecond)
			defer tick.Stop()
			deadline := time.After(10 * time.Second)
			for {
				n, err := q.Redis().Exists(ctx, "ttl-probe").Result()
				if err != nil {
					t.Fatalf("EXISTS: %v", err)
				}
				if n == 0 {
					return
				}
				select {
				case <-tick.C:
				case <-deadline:
					t.Fatal("key with a 50ms TTL still exists after 10s")
				}
			}
		})
	}
}
