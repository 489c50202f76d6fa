package server_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// These tests fill the gaps left by auth_test.go and conventions_test.go
// (CSRF header on a cookie write, lockout after five failures, session
// expiry, revocation of an API token and of a signed-out session).

// cookieSession signs in and returns the Cookie header of the browser
// session and its CSRF value.
func (h *harness) cookieSession(email string) (cookie, csrf string) {
	h.t.Helper()
	res := h.must(http.StatusOK, req{method: "POST", path: "/api/v1/auth/login",
		body: map[string]string{"email": email, "password": testPassword}})
	return fmt.Sprintf("%s=%s", server.SessionCookie, str(res.body["token"])),
		str(res.body["csrf_token"])
}

// TestCSRFValueBelongsToItsSession: another session's CSRF value does not
// open a cookie write; every changing method needs it; a bearer token needs
// none (a browser never attaches one by itself).
func TestCSRFValueBelongsToItsSession(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	cookie, _ := h.cookieSession(a.email)
	_, otherCSRF := h.cookieSession(a.email)
	id, _ := h.addUser(a, auth.Rep)

	for _, r := range []req{
		{method: "PATCH", path: "/api/v1/me", body: map[string]any{"name": "X"}},
		{method: "POST", path: "/api/v1/tokens", body: map[string]any{"name": "forged"}},
		{method: "PATCH", path: "/api/v1/users/" + id, body: map[string]any{"roles": []string{
			"admin"}}},
		{method: "POST", path: "/api/v1/auth/logout"},
	} {
		r.headers = map[string]string{"Cookie": cookie, server.CSRFHeader: otherCSRF}
		res := h.do(r)
		if res.status != http.StatusForbidden || str(res.body["code"]) != "auth.csrf" {
			t.Errorf("%s %s with another session's CSRF = %d %s", r.method, r.path,
				res.status, res.raw)
		}
	}
	u := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/users/" + id, token: a.token})
	if roles, _ := u.body["roles"].([]any); len(roles) != 1 || roles[0] != "rep" {
		t.Errorf("a forged write changed roles: %s", u.raw)
	}
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/me", token: a.token,
		body: map[string]any{"name": "By bearer"}})
}

// TestSignedOutCookieIsRefused: after logout the cookie is worth nothing,
// with or without its CSRF value.
func TestSignedOutCookieIsRefused(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	cookie, csrf := h.cookieSession(a.email)
	headers := map[string]string{"Cookie": cookie, server.CSRFHeader: csrf}

	h.must(http.StatusNoContent, req{method: "POST", path: "/api/v1/auth/logout",
		headers: headers})
	h.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/me", headers: headers})
	h.must(http.StatusUnauthorized, req{method: "PATCH", path: "/api/v1/me", headers: headers,
		body: map[string]any{"name": "Ghost"}})
}

// TestAPITokenExpires: a token with expires_at works until then, not after.
func TestAPITokenExpires(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	until := h.clock.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	created := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/tokens",
		token: a.token, body: map[string]any{"name": "short-lived", "expires_at": until}})
	tok := str(created.body["token"])

	h.must(http.StatusOK, req{method: "GET", path: "/api/v1/me", token: tok})
	h.clock.Advance(59 * time.Minute)
	h.must(http.StatusOK, req{method: "GET", path: "/api/v1/me", token: tok})
	h.clock.Advance(time.Minute)
	h.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/me", token: tok})
}

// TestDisabledUsersTokensStop: disabling a person ends their API tokens
// too, at once.
func TestDisabledUsersTokensStop(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	adminID, adminTok := h.addUser(a, auth.Admin)
	created := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/tokens",
		token: adminTok, body: map[string]any{"name": "admin's sync"}})
	tok := str(created.body["token"])
	h.must(http.StatusOK, req{method: "GET", path: "/api/v1/me", token: tok})

	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + adminID, token: a.token,
		body: map[string]any{"disabled": true}})
	h.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/users", token: tok})
}

// TestLockoutCountsFailuresInARow: a success clears the count, the lock
// holds one account only, and the lock is audited.
func TestLockoutCountsFailuresInARow(t *testing.T) {
	h := newHarness(t, server.Options{})
	a, b := h.signup("en"), h.signup("en")
	login := func(email, pw string) int {
		return h.do(req{method: "POST", path: "/api/v1/auth/login",
			body: map[string]string{"email": email, "password": pw}}).status
	}

	for range 4 {
		login(a.email, "wrong-password")
	}
	if got := login(a.email, testPassword); got != http.StatusOK {
		t.Fatalf("right password after four failures = %d", got)
	}
	for i := range 4 {
		if got := login(a.email, "wrong-password"); got != http.StatusUnauthorized {
			t.Fatalf("failure %d after a success = %d, want 401 (count cleared)", i+1, got)
		}
	}
	if got := login(a.email, "wrong-password"); got != http.StatusTooManyRequests {
		t.Fatalf("fifth failure in a row = %d, want 429", got)
	}
	if got := login(b.email, testPassword); got != http.StatusOK {
		t.Errorf("another account from the same address = %d, want 200", got)
	}
	got := h.auditLog(a.token, "?action=auth.lockout")
	if len(got) != 1 || got[0].actor != a.userID || got[0].outcome != "denied" {
		t.Errorf("lockout entries = %+v", got)
	}
}
