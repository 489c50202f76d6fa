// Package vendortest holds what the tests of the IM channel plugins share:
// the record of a request a fake vendor received, a log sink read after
// the fact, and the check that an instance's secrets never show in API
// answers, test results, send errors or logs. It is imported by tests
// only.
package vendortest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Call is one request a fake vendor received: what the vendor's
// documentation fixes about it.
type Call struct {
	Method, Path, ContentType string
	// Query holds the first value of each query parameter.
	Query map[string]string
	// Body is the JSON body, decoded; nil when there is none.
	Body map[string]any
}

// ReadCall records r, reporting a body that is not JSON as an error of t.
func ReadCall(t *testing.T, r *http.Request) Call {
	raw, _ := io.ReadAll(r.Body)
	c := Call{Method: r.Method, Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"),
		Query: map[string]string{}}
	for k := range r.URL.Query() {
		c.Query[k] = r.URL.Query().Get(k)
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &c.Body); err != nil {
			t.Errorf("body is not JSON: %s", raw)
		}
	}

	return c
}

// LogBuffer is a log sink safe for concurrent writes, read after the fact.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String is everything written so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// SecretsCase is an instance whose vendor (a fake) echoes its secrets in
// a refusal.
type SecretsCase struct {
	// Plugin and Key name the plugin and the instance to configure with
	// Settings.
	Plugin, Key string
	Settings    map[string]any
	// Recipient is whom the checked send goes to.
	Recipient string
	// Code is the vendor's error code the test result must name.
	Code string
	// Secrets must appear nowhere: the configured secret, the prefix of
	// the fake's access tokens.
	Secrets []string
	// Now is the clock's time.
	Now time.Time
}

// CheckSecretsNeverShow configures sc's instance, sends a test message and
// a message through it, and fails t when an API answer, the test result,
// the send error or a log line holds one of sc.Secrets.
func CheckSecretsNeverShow(t *testing.T, sc SecretsCase) {
	t.Helper()
	ctx := context.Background()
	logs := &LogBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := plugins.New(plugins.Config{Store: testenv.Mongo(t), Clock: clock.NewManual(sc.Now),
		Log: log, SecretKey: bytes.Repeat([]byte{9}, 32),
		HTTP: httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})})
	if err := s.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}

	admin := auth.Principal{TenantID: "t1", UserID: "a", Roles: []auth.Role{auth.Admin}}
	v, err := s.Create(ctx, admin, sc.Plugin, plugins.InstanceInput{Key: sc.Key,
		Settings: sc.Settings})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.SendTest(ctx, admin, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK || res.Retryable || !strings.Contains(res.Error, sc.Code) {
		t.Errorf("test result %+v, want a permanent %s refusal", res, sc.Code)
	}
	list, err := s.List(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	sendErr := sendOnce(ctx, t, s, sc)

	raw, _ := json.Marshal([]any{v, res, list})
	for what, text := range map[string]string{"API answers": string(raw),
		"logs": logs.String(), "send error": sendErr.Error()} {
		for _, secret := range sc.Secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s contain %q: %s", what, secret, text)
			}
		}
	}
}

// sendOnce sends one message through sc's instance and returns its error,
// failing t when there is none (the fake refuses every call).
func sendOnce(ctx context.Context, t *testing.T, s *plugins.Service, sc SecretsCase) error {
	t.Helper()
	b, err := s.Resolve(ctx, "t1", sc.Key)
	if err != nil {
		t.Fatal(err)
	}
	m := &outbox.Message{ID: "m1", Recipients: []string{sc.Recipient}}
	m.TenantID = "t1"
	_, err = b.Sender.Send(ctx, m)
	if err == nil {
		t.Fatal("a send through a refusing vendor succeeded")
	}

	return err
}
