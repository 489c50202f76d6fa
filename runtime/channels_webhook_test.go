package runtime_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/webhook"
	"github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// TestCallActionToABareWebhook delivers a call_action step whose target
// is a URL: a POST signed with the tenant's signing key, which an admin
// reads from the plugins service, with the delivery id as webhook-id; a
// 410 answer kills the message at once.
func TestCallActionToABareWebhook(t *testing.T) {
	ctx := context.Background()
	store, clk := testenv.Mongo(t), clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	ob := outbox.New(store, testenv.Queue(t), clk, outbox.Config{}, testenv.Logger())
	ps := plugins.New(plugins.Config{Store: store, Clock: clk, Log: testenv.Logger(),
		SecretKey: bytes.Repeat([]byte{1}, 32),
		HTTP:      httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})})
	for _, ensure := range []func(context.Context) error{ob.EnsureIndexes, ps.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := runtime.RegisterPluginChannels(ctx, ob, ps, store, "t1"); err != nil {
		t.Fatal(err)
	}
	admin := auth.Principal{TenantID: "t1", UserID: "a", Roles: []auth.Role{auth.Admin}}
	sk, err := ps.SigningKey(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := webhook.DecodeSecret(sk.Secret)

	var mu sync.Mutex
	status, verified, ids := http.StatusOK, 0, []string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		id, ts := r.Header.Get("webhook-id"), r.Header.Get("webhook-timestamp")
		if r.Header.Get("webhook-signature") == webhook.Signature(key, id, ts, raw) {
			verified++
		}
		ids = append(ids, id)
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)

	call := func() *outbox.Message {
		m, err := ob.Add(ctx, "t1", outbox.Message{Channel: plugins.ActionChannel,
			Kind: outbox.KindCallAction, Payload: map[string]any{"webhook": srv.URL + "/won",
				"input": map[string]any{"amount": 10}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := ob.Deliver(ctx, "t1", m.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := ob.Get(ctx, admin, m.ID)
		return got
	}

	if got := call(); got.Status != outbox.StatusDelivered || got.VendorID != got.ID {
		t.Errorf("call = %s (%s), vendor id %q; want delivered with its id", got.Status,
			got.LastError, got.VendorID)
	}
	mu.Lock()
	status = http.StatusGone
	mu.Unlock()
	if got := call(); got.Status != outbox.StatusDead {
		t.Errorf("call answered 410 = %s, want dead", got.Status)
	}

	mu.Lock()
	defer mu.Unlock()
	if verified != 2 || len(ids) != 2 || ids[0] == ids[1] {
		t.Errorf("%d of %d calls verified (ids %v); want 2 distinct signed calls", verified,
			len(ids), ids)
	}
}
