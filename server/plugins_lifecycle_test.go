package server_test

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/webhook"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// receiver is a webhook endpoint that records the signatures it got and
// checks each against the secret it is told to expect.
type receiver struct {
	mu   sync.Mutex
	want string // the whsec_ secret deliveries must be signed with
	got  []bool
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	key, _ := webhook.DecodeSecret(rc.want)
	sig := webhook.Signature(key, r.Header.Get("webhook-id"), r.Header.Get("webhook-timestamp"),
		body)
	// A receiver accepts any one of the listed signatures (during a
	// rotation the old secret signs too).
	rc.got = append(rc.got, slices.Contains(strings.Fields(r.Header.Get("webhook-signature")),
		sig))
}

// expect sets the secret the next deliveries must be signed with.
func (rc *receiver) expect(secret string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.want = secret
}

// last reports whether the latest delivery was signed as expected.
func (rc *receiver) last() bool {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return len(rc.got) > 0 && rc.got[len(rc.got)-1]
}

func whsec(seed string) string {
	return "whsec_" + base64.StdEncoding.EncodeToString([]byte(seed+"-0123456789abcdef"))
}

// TestPluginInstanceLifecycle renames and reconfigures a webhook without
// resending its secret (deliveries stay signed with it), replaces the
// secret (deliveries are signed with the new one), disables it (a queued
// delivery dies with the reason), and shows another tenant only 404s.
func TestPluginInstanceLifecycle(t *testing.T) {
	h, ps, logs := pluginHarness(t)
	a, intruder := h.signup("en"), h.signup("en")
	rc := &receiver{}
	hook := httptest.NewServer(rc)
	t.Cleanup(hook.Close)
	oldSecret, newSecret := whsec("old-seeded"), whsec("new-seeded")

	created := h.must(http.StatusCreated, req{method: "POST", token: a.token,
		path: "/api/v1/plugins/webhook/instances", body: map[string]any{"key": "crm_hook",
			"settings": map[string]any{"url": hook.URL + "/in", "secret": oldSecret}}})
	path := "/api/v1/plugins/instances/" + str(created.body["id"])
	deliver := h.deliverer(ps, a)

	renamed := h.must(http.StatusOK, req{method: "PATCH", path: path, token: a.token,
		body: map[string]any{"name": "CRM events", "settings": map[string]any{
			"url": hook.URL + "/events"}}})
	settings, _ := renamed.body["settings"].(map[string]any)
	if renamed.body["name"] != "CRM events" || settings["secret"] != plugins.Mask ||
		renamed.body["version"] != 2.0 {
		t.Errorf("renamed = %s", renamed.raw)
	}
	rc.expect(oldSecret)
	if status := deliver("m1"); status != outbox.StatusDelivered || !rc.last() {
		t.Errorf("after an update without the secret: %s, signed with the old secret = %v",
			status, rc.last())
	}

	h.must(http.StatusOK, req{method: "PATCH", path: path, token: a.token,
		body: map[string]any{"settings": map[string]any{"url": hook.URL + "/events",
			"secret": newSecret}}})
	rc.expect(newSecret)
	if status := deliver("m2"); status != outbox.StatusDelivered || !rc.last() {
		t.Errorf("after a new secret: %s, signed with the new secret = %v", status, rc.last())
	}

	for _, r := range []req{{method: "GET", path: path}, {method: "DELETE", path: path},
		{method: "PATCH", path: path, body: map[string]any{"name": "Mine now"}}} {
		r.token = intruder.token
		if res := h.do(r); res.status != http.StatusNotFound {
			t.Errorf("another tenant's %s = %d, want 404", r.method, res.status)
		}
	}

	off := h.must(http.StatusOK, req{method: "DELETE", path: path, token: a.token})
	if off.body["enabled"] != false || off.body["name"] != "CRM events" {
		t.Errorf("disabled = %s", off.raw)
	}
	if status := deliver("m3"); status != outbox.StatusDead {
		t.Errorf("a delivery to the disabled instance is %s, want dead", status)
	}
	list := h.must(http.StatusOK, req{method: "GET", token: a.token,
		path: "/api/v1/deliveries?channel=crm_hook&status=dead"})
	if !strings.Contains(string(list.raw), "no enabled plugin instance") {
		t.Errorf("the dead delivery does not say why: %s", list.raw)
	}

	got := h.must(http.StatusOK, req{method: "GET", path: path, token: a.token})
	for _, seen := range []string{string(created.raw), string(renamed.raw), string(off.raw),
		string(got.raw), string(list.raw), logs.String()} {
		for _, secret := range []string{oldSecret, newSecret} {
			if strings.Contains(seen, secret) || strings.Contains(seen,
				strings.TrimPrefix(secret, "whsec_")) {
				t.Errorf("a secret shows: %.300s", seen)
			}
		}
	}
}

// deliverer returns a function that queues a message for the crm_hook
// instance of a's tenant, makes one delivery attempt and returns its
// status.
func (h *harness) deliverer(ps *plugins.Service, a account) func(id string) outbox.Status {
	ctx := context.Background()
	if err := fwruntime.RegisterPluginChannels(ctx, h.rt.Outbox, ps, h.store,
		a.tenantID); err != nil {
		h.t.Fatal(err)
	}
	owner := auth.Principal{TenantID: a.tenantID, UserID: a.userID,
		Roles: []auth.Role{auth.Owner}}

	return func(key string) outbox.Status {
		h.t.Helper()
		m, err := h.rt.Outbox.Add(ctx, a.tenantID, outbox.Message{DedupeKey: key,
			Channel: "crm_hook", Kind: outbox.KindNotify, Title: outbox.Text{"en": "Hi"}})
		if err != nil {
			h.t.Fatal(err)
		}
		if err := h.rt.Outbox.Deliver(ctx, a.tenantID, m.ID); err != nil {
			h.t.Fatal(err)
		}
		got, err := h.rt.Outbox.Get(ctx, owner, m.ID)
		if err != nil {
			h.t.Fatal(err)
		}
		return got.Status
	}
}
