package server_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/runtime/outbox"
	"github.com/formworkhq/formwork/server"
)

const publicURL = "https://forms.example.com"

// resetLinks returns the links of the password-reset messages in a tenant's
// outbox, oldest first.
func (h *harness) resetLinks(tenantID string) []string {
	h.t.Helper()
	if err := h.srv.SettleResets(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	var msgs []outbox.Message
	err := h.store.Scope(tenantID).C(outbox.Collection).FindAll(context.Background(),
		bson.D{}, &msgs, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		if strings.HasPrefix(m.DedupeKey, "password_reset:") {
			out = append(out, m.Link)
		}
	}
	return out
}

// tokenOf is the token of a reset link.
func tokenOf(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("token")
}

// requestReset sends a reset request with a forged Host and forwarding
// headers, as an attacker would to point the link at their own site.
func (h *harness) requestReset(email string) int {
	h.t.Helper()
	hr, _ := http.NewRequest("POST", h.base+"/api/v1/auth/reset",
		bytes.NewReader([]byte(`{"email":"`+email+`"}`)))
	hr.Host = "evil.example"
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("X-Forwarded-Host", "evil.example")
	hr.Header.Set("X-Forwarded-Proto", "http")
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		h.t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestPasswordResetAnswersAlike: a known and an unknown address get the
// same 202; only the known one gets a link, and the link starts with the
// configured public URL whatever Host the request claimed.
func TestPasswordResetAnswersAlike(t *testing.T) {
	h := newHarness(t, server.Options{PublicURL: publicURL})
	a := h.signup("en")

	for _, email := range []string{a.email, strings.ToUpper(a.email), "nobody@example.com"} {
		if got := h.requestReset(email); got != http.StatusAccepted {
			t.Errorf("reset for %s = %d, want 202", email, got)
		}
	}
	links := h.resetLinks(a.tenantID)
	if len(links) != 2 {
		t.Fatalf("links = %v, want 2", links)
	}
	for _, l := range links {
		if !strings.HasPrefix(l, publicURL+"/reset?token=fwr_") || strings.Contains(l, "evil") {
			t.Errorf("link = %q, want it under %s", l, publicURL)
		}
	}
	res := h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/auth/reset",
		body: map[string]string{"email": "not an address"}})
	if fieldErrors(res)["/email"] != "invalid_email" {
		t.Errorf("errors = %v", fieldErrors(res))
	}
}

// TestPasswordResetSetsPasswordOnce: the link sets a new password under the
// sign-up rules, ends the old sessions, and cannot be used again.
func TestPasswordResetSetsPasswordOnce(t *testing.T) {
	h := newHarness(t, server.Options{PublicURL: publicURL})
	a := h.signup("en")
	h.requestReset(a.email)
	token := tokenOf(t, h.resetLinks(a.tenantID)[0])
	confirm := func(tok, pw string) response {
		return h.do(req{method: "POST", path: "/api/v1/auth/reset/confirm",
			body:    map[string]string{"token": tok, "password": pw},
			headers: map[string]string{"Accept-Language": "zh-CN"}})
	}

	res := confirm(token, "short")
	if res.status != http.StatusUnprocessableEntity ||
		fieldErrors(res)["/password"] != "too_short" {
		t.Fatalf("short password = %d %s", res.status, res.raw)
	}
	if res := confirm(token, "brand-new-secret"); res.status != http.StatusNoContent {
		t.Fatalf("confirm = %d %s", res.status, res.raw)
	}
	h.must(http.StatusUnauthorized, req{method: "GET", path: "/api/v1/me", token: a.token})
	h.must(http.StatusUnauthorized, req{method: "POST", path: "/api/v1/auth/login",
		body: map[string]string{"email": a.email, "password": testPassword}})
	fresh := h.login(a.email, "brand-new-secret")

	res = confirm(token, "another-new-secret")
	if res.status != http.StatusUnprocessableEntity || fieldErrors(res)["/token"] != "reset_used" ||
		!strings.Contains(string(res.raw), "已被使用") {
		t.Fatalf("second use = %d %s", res.status, res.raw)
	}
	for _, bad := range []string{"", "garbage", "fwr_01jzzzzzzzzzzzzzzzzzzzzzzz_x",
		token[:len("fwr_")+26] + "_" + strings.Repeat("A", 43)} {
		res := confirm(bad, "another-new-secret")
		if fieldErrors(res)["/token"] != "reset_invalid" {
			t.Errorf("token %q = %d %s", bad, res.status, res.raw)
		}
	}
	got := h.auditLog(fresh, "?action=auth.")
	want := "auth.login_failed auth.password_reset auth.reset_requested"
	if seen := strings.Join(actionsOf(got), " "); seen != want {
		t.Errorf("auth entries = %s, want %s", seen, want)
	}
}

// TestPasswordResetExpires: a link older than 30 minutes is refused.
func TestPasswordResetExpires(t *testing.T) {
	h := newHarness(t, server.Options{PublicURL: publicURL})
	a := h.signup("en")
	h.requestReset(a.email)
	token := tokenOf(t, h.resetLinks(a.tenantID)[0])

	h.clock.Advance(31 * time.Minute)
	res := h.must(http.StatusUnprocessableEntity, req{method: "POST",
		path: "/api/v1/auth/reset/confirm",
		body: map[string]string{"token": token, "password": "brand-new-secret"}})
	if fieldErrors(res)["/token"] != "reset_expired" {
		t.Errorf("errors = %v", fieldErrors(res))
	}
	h.must(http.StatusOK, req{method: "GET", path: "/api/v1/me", token: a.token})
}

// TestPasswordResetLimits: one account holds at most three open links; an
// address (known or not) gets 429 after five requests an hour; a client
// address is limited with every sign-in route.
func TestPasswordResetLimits(t *testing.T) {
	h := newHarness(t, server.Options{PublicURL: publicURL})
	a := h.signup("en")
	for _, email := range []string{a.email, "nobody@example.com"} {
		for i := range 5 {
			if got := h.requestReset(email); got != http.StatusAccepted {
				t.Fatalf("request %d for %s = %d, want 202", i+1, email, got)
			}
		}
		if got := h.requestReset(email); got != http.StatusTooManyRequests {
			t.Errorf("sixth request for %s = %d, want 429", email, got)
		}
	}
	if links := h.resetLinks(a.tenantID); len(links) != 3 {
		t.Errorf("%d links sent, want 3", len(links))
	}

	hl := newHarness(t, server.Options{AuthRateLimit: 2})
	for i, want := range []int{http.StatusAccepted, http.StatusAccepted,
		http.StatusTooManyRequests} {
		if got := hl.requestReset("someone@example.com"); got != want {
			t.Errorf("request %d from one address = %d, want %d", i+1, got, want)
		}
	}
}
