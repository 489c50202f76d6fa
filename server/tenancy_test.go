package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// TestTenantIsolationOverEveryRoute walks the route table: every route that
// names an object is called by another tenant's owner with the first
// tenant's ids and must answer 404, changing nothing. A new route whose path
// has a parameter without a declared object kind fails the test, so the
// table cannot grow a route this test does not cover.
func TestTenantIsolationOverEveryRoute(t *testing.T) {
	h := newHarness(t, server.Options{})
	victim, intruder := h.signup("en"), h.signup("en")
	userID, _ := h.addUser(victim, auth.Rep)
	tok := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/tokens",
		token: victim.token, body: map[string]any{"name": "integration"}})
	victimIDs := h.designerFixtures(victim)
	victimIDs["user"], victimIDs["token"] = userID, str(tok.body["id"])
	victimIDs["attachment"] = h.uploadFixture(victim)
	bodies := map[string]any{
		http.MethodPatch: map[string]any{"name": "Taken over", "roles": []string{"admin"}},
		http.MethodPost:  map[string]any{},
	}

	// These path parameters name something global — a template of the
	// library, a registered plugin — and the routes write only into the
	// caller's own tenant, so there is no other tenant's object to reach.
	// An intake token is a capability URL: knowing it is the permission.
	global := map[string]bool{"template": true, "plugin": true, "intake_token": true}

	covered := 0
	for _, r := range h.srv.Routes() {
		if !strings.Contains(r.Path, "{") || global[r.Object] {
			continue
		}
		id, ok := victimIDs[r.Object]
		if !ok {
			t.Errorf("%s %s: object kind %q has no fixture in this test", r.Method, r.Path,
				r.Object)
			continue
		}
		path := fillPath(r.Path, id)
		res := h.do(req{method: r.Method, path: path, token: intruder.token,
			body: bodies[r.Method]})
		if res.status != http.StatusNotFound {
			t.Errorf("%s %s with another tenant's id = %d %s, want 404",
				r.Method, r.Path, res.status, res.raw)
		}
		covered++
	}
	if covered == 0 {
		t.Fatal("no route with an id parameter was checked")
	}

	// Nothing of the victim's changed, and lists never show it.
	u := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/users/" + userID,
		token: victim.token})
	if str(u.body["name"]) != "Someone" {
		t.Errorf("victim's user changed: %s", u.raw)
	}
	h.must(http.StatusOK, req{method: "GET", path: "/api/v1/me", token: str(tok.body["token"])})
	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/users", token: intruder.token})
	if strings.Contains(string(list.raw), victim.tenantID) || strings.Contains(string(list.raw), userID) {
		t.Errorf("intruder's user list shows the victim's people: %s", list.raw)
	}
}

// fillPath puts id in a route's first parameter and 1 in {version}.
func fillPath(p, id string) string {
	p = strings.Replace(p, "{version}", "1", 1)
	start, end := strings.Index(p, "{"), strings.Index(p, "}")
	if start < 0 || end < start {
		return p
	}
	return p[:start] + id + p[end+1:]
}
