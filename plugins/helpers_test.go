package plugins_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	_ "github.com/formworkhq/formwork/plugins/builtin"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/internal/vendortest"
)

var (
	start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	key   = bytes.Repeat([]byte{7}, 32)
)

func admin(tenant string) auth.Principal {
	return auth.Principal{TenantID: tenant, UserID: "admin", Roles: []auth.Role{auth.Admin}}
}

// syncBuffer is a log sink that tests read after the fact.
type syncBuffer = vendortest.LogBuffer

// newService returns a service on a fresh store, logging at debug level
// into the returned buffer.
func newService(t *testing.T, secretKey []byte) (*plugins.Service, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := plugins.New(plugins.Config{Store: testenv.Mongo(t), Clock: clock.NewManual(start),
		Log: log, SecretKey: secretKey,
		HTTP: httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})})
	if err := s.EnsureIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}

	return s, logs
}

// vendor is a fake vendor answering every request with status and answer,
// recording the bodies.
func vendor(t *testing.T, status int, answer string) (*httptest.Server, *syncBuffer) {
	t.Helper()
	got := &syncBuffer{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		got.Write(append(raw, '\n'))
		w.WriteHeader(status)
		io.WriteString(w, answer)
	}))
	t.Cleanup(srv.Close)

	return srv, got
}
