package queue_test

import (
	"bytes"
	"context"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/internal/queue"
)

func TestServerProcessesTasks(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			q := open(t, tg)
			handled := make(chan string, 4)
			mux := asynq.NewServeMux()
			mux.HandleFunc("test:echo", func(_ context.Context, task *asynq.Task) error {
				handled <- string(task.Payload())
				return nil
			})

			cfg := queue.ServerConfig{
				Concurrency:              2,
				DelayedTaskCheckInterval: 100 * time.Millisecond,
			}
			srv := q.Server(cfg, testLogger(t))
			if err := srv.Start(mux); err != nil {
				t.Fatalf("Start: %v", err)
			}
			t.Cleanup(srv.Shutdown)

			enqueue(t, q, "now", asynq.Queue(queue.QueueCritical))
			enqueue(t, q, "later", asynq.Queue(queue.QueueLow), asynq.ProcessIn(time.Second))

			got := map[string]bool{}
			timeout := time.After(15 * time.Second)
			for len(got) < 2 {
				select {
				case id := <-handled:
					got[id] = true
				case <-timeout:
					t.Fatalf("handled %v, want now and later", got)
				}
			}
			if diff := cmp.Diff(map[string]bool{"now": true, "later": true}, got); diff != "" {
				t.Errorf("handled tasks (-want +got):\n%s", diff)
			}
		})
	}
}

func enqueue(t *testing.T, q *queue.Queue, id string, opts ...asynq.Option) {
	t.Helper()
	task := asynq.NewTask("test:echo", []byte(id))
	if err := q.Enqueue(t.Context(), task, id, opts...); err != nil {
		t.Fatalf("Enqueue %s: %v", id, err)
	}
}

func TestServerDefaults(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	got := queue.ServerConfigFor(queue.ServerConfig{}, log)

	type summary struct {
		Concurrency     int
		Queues          map[string]int
		ShutdownTimeout time.Duration
		LogLevel        asynq.LogLevel
	}
	want := summary{
		Concurrency:     2 * runtime.GOMAXPROCS(0),
		Queues:          map[string]int{"critical": 6, "default": 3, "low": 1},
		ShutdownTimeout: 10 * time.Second,
		LogLevel:        asynq.WarnLevel,
	}
	gotSum := summary{got.Concurrency, got.Queues, got.ShutdownTimeout, got.LogLevel}
	if diff := cmp.Diff(want, gotSum); diff != "" {
		t.Errorf("default config (-want +got):\n%s", diff)
	}

	got.Logger.Debug("hidden")
	got.Logger.Warn("lease lost")
	if out := buf.String(); strings.Contains(out, "hidden") ||
		!strings.Contains(out, `msg=asynq detail="lease lost"`) {
		t.Errorf("asynq log output = %q, want only the warning", out)
	}
}
