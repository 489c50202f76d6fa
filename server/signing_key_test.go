package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// TestSigningKeyRoutes: owners read and rotate the key call_action
// webhook calls are signed with; the old key co-signs after a rotation;
// reps are refused; another tenant has a key of its own; a rotation is
// audited and the audit entry holds no secret.
func TestSigningKeyRoutes(t *testing.T) {
	h := newHarness(t, server.Options{})
	a, b := h.signup("en"), h.signup("en")

	first := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/plugins/signing-key",
		token: a.token})
	secret := str(first.body["secret"])
	if !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("secret = %q, want a whsec_ key", secret)
	}
	again := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/plugins/signing-key",
		token: a.token})
	if str(again.body["secret"]) != secret {
		t.Error("reading the key twice gave two keys")
	}
	other := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/plugins/signing-key",
		token: b.token})
	if str(other.body["secret"]) == secret {
		t.Error("two tenants share a signing key")
	}

	_, rep := h.addUser(a, auth.Rep)
	for _, r := range []req{{method: "GET", path: "/api/v1/plugins/signing-key", token: rep},
		{method: "POST", path: "/api/v1/plugins/signing-key/rotate", token: rep}} {
		if res := h.do(r); res.status != http.StatusForbidden {
			t.Errorf("%s %s as a rep = %d, want 403", r.method, r.path, res.status)
		}
	}

	rotated := h.must(http.StatusOK, req{method: "POST",
		path: "/api/v1/plugins/signing-key/rotate", token: a.token})
	if str(rotated.body["secret"]) == secret || str(rotated.body["previous_secret"]) != secret ||
		rotated.body["previous_until"] == nil {
		t.Errorf("after a rotation: %s", rotated.raw)
	}

	log := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/audit?action=webhook.",
		token: a.token})
	if items, _ := log.body["items"].([]any); len(items) != 1 {
		t.Errorf("audit entries of the rotation: %s", log.raw)
	}
	if strings.Contains(string(log.raw), strings.TrimPrefix(secret, "whsec_")) {
		t.Error("the audit log holds the signing key")
	}
}

// TestSigningKeyReadsAreAudited: every read of the key is an entry naming
// who read it and the version read, never the key; a refused read is an
// access denial.
func TestSigningKeyReadsAreAudited(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	_, rep := h.addUser(a, auth.Rep)

	var secrets []string
	for range 2 {
		res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/plugins/signing-key",
			token: a.token})
		secrets = append(secrets, strings.TrimPrefix(str(res.body["secret"]), "whsec_"))
	}
	h.must(http.StatusForbidden, req{method: "GET", path: "/api/v1/plugins/signing-key",
		token: rep})

	log := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/audit?action=signing_key.",
		token: a.token})
	items, _ := log.body["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("audit entries of two reads: %s", log.raw)
	}
	for _, it := range items {
		e, _ := it.(map[string]any)
		if e["action"] != "signing_key.read" || e["actor_id"] != a.userID ||
			e["object_kind"] != "signing_key" || e["summary"] != "v1" {
			t.Errorf("read entry = %v; want signing_key.read by the owner, v1", e)
		}
	}
	denied := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/audit?action=access.",
		token: a.token})
	if !strings.Contains(string(denied.raw), "getSigningKey") {
		t.Errorf("the rep's refused read is not audited: %s", denied.raw)
	}
	for _, s := range secrets {
		if strings.Contains(string(log.raw), s) || strings.Contains(string(denied.raw), s) {
			t.Error("the audit log holds the signing key")
		}
	}
}
