package outbox_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/outbox"
)

const tenant = "t1"

var start = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// env is one service on the test stores with a manual clock.
type env struct {
	svc   *outbox.Service
	store *mongo.Store
	queue *queue.Queue
	clock *clock.Manual
}

// newEnv opens the test stores and a service whose jitter is always 0.5.
func newEnv(t *testing.T, cfg outbox.Config) *env { return newEnvCfg(t, cfg) }

// newEnvTB is newEnv with the defaults, for benchmarks.
func newEnvTB(tb testing.TB) *env { return newEnvCfg(tb, outbox.Config{}) }

func newEnvCfg(t testing.TB, cfg outbox.Config) *env {
	t.Helper()

	e := &env{store: testenv.Mongo(t), queue: testenv.Queue(t), clock: clock.NewManual(start)}
	if cfg.Random == nil {
		cfg.Random = func() float64 { return 0.5 }
	}
	e.svc = outbox.New(e.store, e.queue, e.clock, cfg, testenv.Logger())
	if err := e.svc.EnsureIndexes(t.Context()); err != nil {
		t.Fatal(err)
	}

	return e
}

// add adds a message for channel with dedupe key key.
func (e *env) add(t *testing.T, channel, key string) *outbox.Message {
	t.Helper()

	m, err := e.svc.Add(t.Context(), tenant, outbox.Message{
		DedupeKey: key, Channel: channel, Kind: outbox.KindNotify,
		Recipients: []string{"u1"}, Title: outbox.Text{"en": "Hello"}, RecordID: "r1",
	})
	if err != nil {
		t.Fatalf("Add: %v", err)
	}

	return m
}

// get reads message id.
func (e *env) get(t *testing.T, id string) *outbox.Message {
	t.Helper()

	m, err := e.svc.Get(t.Context(), admin(), id)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}

	return m
}

// deliver runs one delivery of message id.
func (e *env) deliver(t *testing.T, id string) {
	t.Helper()

	if err := e.svc.Deliver(t.Context(), tenant, id); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
}

// taskExists reports whether Redis holds a delivery task with id. It
// reads Asynq's task key rather than asking its Inspector, which does not
// see a queue again after FLUSHDB until a server registers it.
func (e *env) taskExists(t *testing.T, id string) bool {
	t.Helper()

	key := "asynq:{" + queue.QueueDefault + "}:t:" + id
	n, err := e.queue.Redis().Exists(t.Context(), key).Result()
	if err != nil {
		t.Fatal(err)
	}

	return n == 1
}

func admin() auth.Principal {
	return auth.Principal{TenantID: tenant, UserID: "admin", Roles: []auth.Role{auth.Admin}}
}

func user(id string) auth.Principal {
	return auth.Principal{TenantID: tenant, UserID: id, Roles: []auth.Role{auth.Rep}}
}

// fakeSender answers with err and counts its calls.
type fakeSender struct {
	mu    sync.Mutex
	err   error
	calls int
	sent  chan string // receives each message id, when not nil
}

func (f *fakeSender) Send(_ context.Context, m *outbox.Message) (string, error) {
	f.mu.Lock()
	f.calls++
	err := f.err
	f.mu.Unlock()

	if f.sent != nil {
		f.sent <- m.ID
	}
	if err != nil {
		return "", err
	}

	return "vendor-" + m.ID, nil
}

func (f *fakeSender) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

var errVendorDown = errors.New("vendor answered 503")
