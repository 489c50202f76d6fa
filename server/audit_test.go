package server_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// auditItem is one entry of GET /api/v1/audit.
type auditItem struct {
	action, actor, actorName, kind, object, summary, outcome, ip string
}

func (h *harness) auditLog(token, query string) []auditItem {
	h.t.Helper()
	res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/audit" + query, token: token})
	var out []auditItem
	for _, it := range res.body["items"].([]any) {
		m := it.(map[string]any)
		out = append(out, auditItem{action: str(m["action"]), actor: str(m["actor_id"]),
			actorName: str(m["actor_name"]), kind: str(m["object_kind"]),
			object: str(m["object_id"]), summary: str(m["summary"]),
			outcome: str(m["outcome"]), ip: str(m["ip"])})
	}
	return out
}

func actionsOf(items []auditItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.action
	}
	return out
}

// TestAuditRecordsChangesAndDenials makes one change of each audited kind,
// a refused call and a failed sign-in, and reads them back newest first,
// with their field-name summaries, through the filters of the contract.
func TestAuditRecordsChangesAndDenials(t *testing.T) {
	h := newHarness(t, server.Options{})
	a, other := h.signup("en"), h.signup("en")
	repID, repTok := h.addUser(a, auth.Rep)
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + repID, token: a.token,
		body: map[string]any{"roles": []string{"rep", "supervisor"}, "team": "north"}})
	tok := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/tokens",
		token: a.token, body: map[string]any{"name": "sync"}})
	h.must(http.StatusNoContent, req{method: "DELETE", token: a.token,
		path: "/api/v1/tokens/" + str(tok.body["id"])})
	form := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/forms",
		token: a.token, body: leadForm("lead")})
	h.must(http.StatusOK, req{method: "POST", token: a.token,
		path: "/api/v1/forms/" + str(form.body["id"]) + "/publish"})
	hook := h.must(http.StatusCreated, req{method: "POST", token: a.token,
		path: "/api/v1/plugins/webhook/instances", body: map[string]any{"key": "crm_hook",
			"settings": map[string]any{"url": "https://hooks.example.com/in",
				"secret": whsec("first")}}})
	h.must(http.StatusOK, req{method: "PATCH", token: a.token,
		path: "/api/v1/plugins/instances/" + str(hook.body["id"]),
		body: map[string]any{"settings": map[string]any{"url": "https://hooks.example.com/in",
			"secret": whsec("second")}}})
	h.must(http.StatusForbidden, req{method: "POST", path: "/api/v1/users", token: repTok,
		body: map[string]any{"email": "x@example.com", "name": "X", "password": testPassword,
			"roles": []string{"admin"}}})
	h.must(http.StatusUnauthorized, req{method: "POST", path: "/api/v1/auth/login",
		body: map[string]string{"email": a.email, "password": "wrong-password"}})

	got := h.auditLog(a.token, "")
	want := []string{"auth.login_failed", "access.denied", "webhook.rotate",
		"plugin_instance.create", "definition.publish", "definition.save", "token.revoke",
		"token.create", "user.update", "user.create"}
	if diff := cmp.Diff(want, actionsOf(got)); diff != "" {
		t.Fatalf("actions (-want +got):\n%s", diff)
	}
	byAction := map[string]auditItem{}
	for _, it := range got {
		byAction[it.action] = it
	}
	checks := []struct {
		action string
		want   auditItem
	}{
		{"user.update", auditItem{action: "user.update", actor: a.userID, actorName: "Owner",
			kind: "user", object: repID, summary: "roles,team", outcome: "ok",
			ip: "127.0.0.1"}},
		{"access.denied", auditItem{action: "access.denied", actor: repID,
			actorName: "Someone", summary: "createUser auth.forbidden", outcome: "denied",
			ip: "127.0.0.1"}},
		{"definition.publish", auditItem{action: "definition.publish", actor: a.userID,
			actorName: "Owner", kind: "form", object: str(form.body["id"]), summary: "v1",
			outcome: "ok", ip: "127.0.0.1"}},
		{"webhook.rotate", auditItem{action: "webhook.rotate", actor: a.userID,
			actorName: "Owner", kind: "plugin_instance", object: str(hook.body["id"]),
			summary: "webhook settings,settings.secret,settings.url", outcome: "ok",
			ip: "127.0.0.1"}},
		{"auth.login_failed", auditItem{action: "auth.login_failed", actor: a.userID,
			actorName: "Owner", kind: "user", object: a.userID, summary: "password",
			outcome: "denied", ip: "127.0.0.1"}},
	}
	for _, c := range checks {
		diff := cmp.Diff(c.want, byAction[c.action], cmp.AllowUnexported(auditItem{}))
		if diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.action, diff)
		}
	}

	filters := map[string][]string{
		"?action=definition.": {"definition.publish", "definition.save"},
		"?outcome=denied":     {"auth.login_failed", "access.denied"},
		"?actor_id=" + repID:  {"access.denied"},
		"?object_kind=token":  {"token.revoke", "token.create"},
	}
	for q, want := range filters {
		if diff := cmp.Diff(want, actionsOf(h.auditLog(a.token, q))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", q, diff)
		}
	}
	if theirs := h.auditLog(other.token, ""); len(theirs) != 0 {
		t.Errorf("another tenant sees %v", actionsOf(theirs))
	}
	for _, bad := range []string{"?action=definition", "?outcome=maybe", "?since=today",
		"?limit=500", "?actor_id=$ne"} {
		h.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/audit" + bad,
			token: a.token})
	}
}

// TestAuditIsForOwnersAndAdmins: others are refused, and the refusal is
// itself an entry.
func TestAuditIsForOwnersAndAdmins(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	_, adminTok := h.addUser(a, auth.Admin)
	implID, implTok := h.addUser(a, auth.Implementer)

	h.auditLog(adminTok, "")
	h.must(http.StatusForbidden, req{method: "GET", path: "/api/v1/audit", token: implTok})
	got := h.auditLog(a.token, "?action=access.denied")
	if len(got) != 1 || got[0].actor != implID || got[0].summary != "listAudit auth.forbidden" {
		t.Errorf("denials = %+v", got)
	}
}

// TestAuditPages walks a long log with the cursor: every entry once.
func TestAuditPages(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	for i := range 5 {
		h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/tokens", token: a.token,
			body: map[string]any{"name": fmt.Sprintf("t%d", i)}})
	}
	seen := 0
	path := "/api/v1/audit?limit=2"
	for pages := 0; path != ""; pages++ {
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		res := h.must(http.StatusOK, req{method: "GET", path: path, token: a.token})
		seen += len(res.body["items"].([]any))
		path = ""
		if c := str(res.body["next_cursor"]); c != "" {
			path = "/api/v1/audit?limit=2&cursor=" + c
		}
	}
	if seen != 5 {
		t.Errorf("paged through %d entries, want 5", seen)
	}
}

// TestCSRFRefusalIsAudited: a forged cookie write is a denial under the
// session's user.
func TestCSRFRefusalIsAudited(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.must(http.StatusForbidden, req{method: "PATCH", path: "/api/v1/me",
		body:    map[string]any{"name": "Forged"},
		headers: map[string]string{"Cookie": server.SessionCookie + "=" + a.token}})
	got := h.auditLog(a.token, "?outcome=denied")
	if len(got) != 1 || got[0].actor != a.userID || got[0].summary != "updateMe auth.csrf" {
		t.Errorf("denials = %+v", got)
	}
}

// TestAuditLogIsAppendOnlyAndCoversChanges walks the route table: no route
// writes to the audit log's path, and every route that changes what an
// owner, admin or implementer manages is audited or exempted here with a
// reason.
func TestAuditLogIsAppendOnlyAndCoversChanges(t *testing.T) {
	h := newHarness(t, server.Options{})
	exempt := map[string]string{
		"/lint":     "lints save nothing",
		"/simulate": "a simulation has no side effects",
		"/test":     "sends a test message, changes no setting",
		"/pull":     "pulls records, changes no setting",
		"/rebuild":  "recomputes a rollup from records",
		"/migrate":  "moves running instances, not definitions",
		"/debug/":   "a demo clock, not a definition",
		"/imports":  "imports records (data), not definitions",
	}
	audited := server.AuditedOps()
	for _, r := range h.srv.Routes() {
		if strings.HasPrefix(r.Path, "/api/v1/audit") && r.Method != http.MethodGet {
			t.Errorf("%s %s changes the audit log", r.Method, r.Path)
		}
		manages := r.Perm == auth.WriteDefinitions || r.Perm == auth.ManageUsers ||
			r.Perm == auth.ManageTokens || r.Perm == auth.ManageTenant
		if r.Method == http.MethodGet || !manages || exempted(r.Path, exempt) {
			continue
		}
		if !slices.Contains(audited, r.Op) {
			t.Errorf("%s %s (%s) changes managed state but is not audited", r.Method, r.Path,
				r.Op)
		}
	}
}

func exempted(path string, exempt map[string]string) bool {
	for part := range exempt {
		if strings.Contains(path, part) {
			return true
		}
	}
	return false
}

// TestReplayedAnswerIsNotAuditedTwice: the same Idempotency-Key twice is
// one change, so one entry.
func TestReplayedAnswerIsNotAuditedTwice(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	for range 2 {
		h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/tokens", token: a.token,
			body:    map[string]any{"name": "once"},
			headers: map[string]string{"Idempotency-Key": "token-once"}})
	}
	if got := h.auditLog(a.token, "?action=token.create"); len(got) != 1 {
		t.Errorf("%d token.create entries, want 1", len(got))
	}
}
