package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/server"
)

// seenAnswer is what an outsider sees of an answer: its status, its
// headers but those that change with every call (date, request id, the
// client address's remaining rate-limit budget), and its body with the
// request's own id taken out.
type seenAnswer struct {
	Status int
	Header http.Header
	Body   map[string]any
	Text   string
}

// seen reduces res to what may not depend on whether an account exists.
func seen(t *testing.T, res response) seenAnswer {
	t.Helper()
	h := res.header.Clone()
	for _, k := range []string{"Date", "X-Request-Id", "X-Ratelimit-Remaining",
		"X-Ratelimit-Reset"} {
		h.Del(k)
	}
	var body map[string]any
	if json.Unmarshal(res.raw, &body) != nil {
		return seenAnswer{Status: res.status, Header: h, Text: string(res.raw)}
	}
	for _, k := range []string{"instance", "request_id"} {
		delete(body, k)
	}
	return seenAnswer{Status: res.status, Header: h, Body: body}
}

// TestSignInAnswersAlikeForKnownAndUnknownAddresses: a wrong password for
// an account and any password for an address without one get the same
// answer, failure after failure, up to and including the lockout.
func TestSignInAnswersAlikeForKnownAndUnknownAddresses(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	login := func(email string) seenAnswer {
		return seen(t, h.do(req{method: "POST", path: "/api/v1/auth/login",
			body: map[string]string{"email": email, "password": "wrong-password"}}))
	}

	for i := range 6 {
		known, unknown := login(a.email), login("nobody@example.com")
		if diff := cmp.Diff(known, unknown); diff != "" {
			t.Fatalf("failure %d: known and unknown answers differ (-known +unknown):\n%s",
				i+1, diff)
		}
		want := http.StatusUnauthorized
		if i >= 4 {
			want = http.StatusTooManyRequests // the fifth locks, the sixth is locked
		}
		if known.Status != want {
			t.Errorf("failure %d = %d, want %d", i+1, known.Status, want)
		}
	}
}

// TestResetRequestAnswersAlikeForKnownAndUnknownAddresses: the whole
// answer, not only its status, is the same.
func TestResetRequestAnswersAlikeForKnownAndUnknownAddresses(t *testing.T) {
	h := newHarness(t, server.Options{PublicURL: publicURL})
	a := h.signup("en")
	reset := func(email string) seenAnswer {
		return seen(t, h.do(req{method: "POST", path: "/api/v1/auth/reset",
			body: map[string]string{"email": email}}))
	}

	known, unknown := reset(a.email), reset("nobody@example.com")
	if diff := cmp.Diff(known, unknown); diff != "" {
		t.Errorf("known and unknown answers differ (-known +unknown):\n%s", diff)
	}
	if known.Status != http.StatusAccepted {
		t.Errorf("reset request = %d, want 202", known.Status)
	}
	if links := h.resetLinks(a.tenantID); len(links) != 1 {
		t.Errorf("%d links sent to the known address, want 1", len(links))
	}
}

// TestSignupWithATakenAddressNamesNoAccount: the refusal says only that
// the address cannot be used, the same for every taken address, and
// nothing of the account, its tenant or its owner.
func TestSignupWithATakenAddressNamesNoAccount(t *testing.T) {
	h := newHarness(t, server.Options{})
	a, b := h.signup("en"), h.signup("zh-CN")
	signup := func(email string) response {
		return h.do(req{method: "POST", path: "/api/v1/signup", body: map[string]any{
			"tenant": "Again", "name": "X", "email": email, "password": testPassword}})
	}

	first, second := signup(a.email), signup(b.email)
	if diff := cmp.Diff(seen(t, first), seen(t, second)); diff != "" {
		t.Errorf("answers for two taken addresses differ (-a +b):\n%s", diff)
	}
	for _, secret := range []string{a.tenantID, a.userID, b.tenantID, b.userID} {
		if bytes.Contains(first.raw, []byte(secret)) || bytes.Contains(second.raw,
			[]byte(secret)) {
			t.Errorf("the refusal names an account: %s", first.raw)
		}
	}
}
