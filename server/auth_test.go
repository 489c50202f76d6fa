package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

func TestSignupLoginMe(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")

	me := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/me", token: a.token})
	if str(me.body["tenant_id"]) != a.tenantID || str(me.body["id"]) != a.userID ||
		str(me.body["locale"]) != "zh-CN" {
		t.Fatalf("me = %s", me.raw)
	}
	if roles, _ := me.body["roles"].([]any); len(roles) != 1 || roles[0] != "owner" {
		t.Fatalf("roles = %v, want [owner]", me.body["roles"])
	}
	if strings.Contains(string(me.raw), "password") {
		t.Fatalf("password material in answer: %s", me.raw)
	}

	tenant := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tenant", token: a.token})
	if str(tenant.body["time_zone"]) != "Asia/Shanghai" {
		t.Fatalf("tenant = %s", tenant.raw)
	}
}

func TestSignupRefusals(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")

	res := h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/signup",
		body: map[string]any{"tenant": "Again", "name": "X", "email": strings.ToUpper(a.email),
			"password": testPassword}})
	if got := fieldErrors(res); got["/email"] != "email_taken" {
		t.Errorf("duplicate e-mail errors = %v", got)
	}

	res = h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/signup",
		body: map[string]any{"tenant": "", "name": "", "email": "not-an-address",
			"password": "short", "locale": "fr"}})
	want := map[string]string{"/tenant": "required", "/name": "required",
		"/email": "invalid_email", "/password": "too_short", "/locale": "invalid_locale"}
	if got := fieldErrors(res); !equalMaps(got, want) {
		t.Errorf("errors = %v, want all of %v at once", got, want)
	}
}

func TestSignupClosed(t *testing.T) {
	h := newHarness(t, server.Options{SignupClosed: true})
	res := h.must(http.StatusForbidden, req{method: "POST", path: "/api/v1/signup",
		body: map[string]any{"tenant": "Acme", "name": "Li", "email": "li@example.com",
			"password": testPassword}})
	if str(res.body["code"]) != "signup.closed" {
		t.Fatalf("body = %s", res.raw)
	}
}

func TestProblemsSpeakTheCallersLanguage(t *testing.T) {
	h := newHarness(t, server.Options{})
	zh := h.signup("zh-CN")

	tests := []struct {
		name, acceptLanguage, want string
	}{
		{"user locale", "", "用户不存在"},
		{"header wins", "en-US,en;q=0.9", "No such user"},
		{"header zh", "zh-CN", "用户不存在"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := h.must(http.StatusNotFound, req{method: "GET",
				path: "/api/v1/users/01jzzzzzzzzzzzzzzzzzzzzzzz", token: zh.token,
				headers: map[string]string{"Accept-Language": tt.acceptLanguage}})
			if !strings.Contains(str(res.body["detail"]), tt.want) {
				t.Errorf("detail = %q, want %q", res.body["detail"], tt.want)
			}
			if ct := res.header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("content type = %q", ct)
			}
		})
	}
}

func TestLockoutAfterRepeatedFailures(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	login := func(pw string) response {
		return h.do(req{method: "POST", path: "/api/v1/auth/login",
			body: map[string]string{"email": a.email, "password": pw}})
	}

	for i := range 4 {
		if res := login("wrong-password"); res.status != http.StatusUnauthorized {
			t.Fatalf("failure %d = %d, want 401", i+1, res.status)
		}
	}
	res := login("wrong-password")
	if res.status != http.StatusTooManyRequests || str(res.body["code"]) != "auth.locked" {
		t.Fatalf("fifth failure = %d %s, want 429 auth.locked", res.status, res.raw)
	}
	if res.header.Get("Retry-After") == "" {
		t.Error("no Retry-After on lockout")
	}
	if res := login(testPassword); res.status != http.StatusTooManyRequests {
		t.Fatalf("right password while locked = %d, want 429", res.status)
	}

	h.clock.Advance(16 * time.Minute)
	if res := login(testPassword); res.status != http.StatusOK {
		t.Fatalf("after lockout = %d %s, want 200", res.status, res.raw)
	}
}

func TestUnknownEmailAndBadTokens(t *testing.T) {
	h := newHarness(t, server.Options{})
	h.must(http.StatusUnauthorized, req{method: "POST", path: "/api/v1/auth/login",
		body: map[string]string{"email": "nobody@example.com", "password": testPassword}})

	for _, tok := range []string{"", "garbage", "fwt_01jzzzzzzzzzzzzzzzzzzzzzzz_secret", "fwt__"} {
		res := h.do(req{method: "GET", path: "/api/v1/me", token: tok})
		if res.status != http.StatusUnauthorized {
			t.Errorf("token %q = %d, want 401", tok, res.status)
		}
	}
}

func TestRateLimitOnSignIn(t *testing.T) {
	h := newHarness(t, server.Options{AuthRateLimit: 3})
	var last response
	for range 4 {
		last = h.do(req{method: "POST", path: "/api/v1/auth/login",
			body: map[string]string{"email": "x@example.com", "password": "whatever-pw"}})
	}
	if last.status != http.StatusTooManyRequests || str(last.body["code"]) != "auth.rate_limited" {
		t.Fatalf("fourth attempt = %d %s, want 429 auth.rate_limited", last.status, last.raw)
	}
}

func TestLogoutAndTokens(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")

	created := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/tokens",
		token: a.token, body: map[string]any{"name": "call-center sync"}})
	apiToken, id := str(created.body["token"]), str(created.body["id"])
	h.must(http.StatusOK, req{method: "GET", path: "/api/v1/me", token: apiToken})

	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tokens", token: a.token})
	if strings.Contains(string(list.raw), apiToken) || !strings.Contains(string(list.raw), id) {
		t.Fatalf("token list = %s", list.raw)
	}

	h.must(http.StatusNoContent, req{method: "DELETE", path: "/api/v1/tokens/" + id, token: a.token})
	h.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/me", token: apiToken})

	h.must(http.StatusNoContent, req{method: "POST", path: "/api/v1/auth/logout", token: a.token})
	h.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/me", token: a.token})

	h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/tokens",
		token: h.login(a.email, testPassword),
		body:  map[string]any{"name": "old", "expires_at": "2020-01-01T00:00:00Z"}})
}

func TestSessionExpiry(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.clock.Advance(8 * 24 * time.Hour)
	h.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/me", token: a.token})
}

func TestDisabledUserCannotSignIn(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	id, tok := h.addUser(a, auth.Rep)

	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + id, token: a.token,
		body: map[string]any{"disabled": true}})
	h.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/me", token: tok})
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
