package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/webhook"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// previous is whsec_ + base64("fedcba9876543210fedcba9876543210").
const previous = "whsec_ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="

// keySource hands out fixed signing keys and records the tenants asked.
type keySource struct {
	keys plugins.SigningKeys
	err  error
}

func (k keySource) WebhookKeys(context.Context, string) (plugins.SigningKeys, error) {
	return k.keys, k.err
}

// receiver is a webhook endpoint that verifies signatures with every key
// it knows and answers with the scripted status and headers.
type receiver struct {
	mu     sync.Mutex
	keys   [][]byte
	status int
	header map[string]string
	got    []callRequest
}

type callRequest struct {
	Method, Path, Query, ID, Timestamp, ContentType string
	// Verified counts the signatures that verify with a known key.
	Verified int
	Body     map[string]any
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	req := callRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		ID: r.Header.Get("webhook-id"), Timestamp: r.Header.Get("webhook-timestamp"),
		ContentType: r.Header.Get("Content-Type")}
	for _, sig := range strings.Fields(r.Header.Get("webhook-signature")) {
		for _, k := range rc.keys {
			if webhook.Signature(k, req.ID, req.Timestamp, raw) == sig {
				req.Verified++
			}
		}
	}
	_ = json.Unmarshal(raw, &req.Body)

	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.got = append(rc.got, req)
	for k, v := range rc.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(rc.status)
}

func newReceiver(t *testing.T, status int, header map[string]string) (*receiver, string) {
	t.Helper()
	cur, _ := webhook.DecodeSecret(secret)
	prev, _ := webhook.DecodeSecret(previous)
	rc := &receiver{keys: [][]byte{cur, prev}, status: status, header: header}
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)
	return rc, srv.URL
}

func caller(keys plugins.SigningKeys) webhook.Caller {
	return webhook.Caller{Keys: keySource{keys: keys},
		HTTP:  httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}),
		Clock: clock.NewManual(now)}
}

// callMsg is a call_action message to target, its input stored the way
// the driver decodes it (a bson.D).
func callMsg(target string) *outbox.Message {
	m := &outbox.Message{ID: "01JCALL", Kind: outbox.KindCallAction, RecordID: "r1",
		InstanceID: "i1", Payload: map[string]any{"webhook": target,
			"input": bson.D{{Key: "amount", Value: 12.5}, {Key: "customer", Value: "ACME"}}}}
	m.TenantID = "t1"
	return m
}

func TestCallPostsTheSignedInput(t *testing.T) {
	rc, url := newReceiver(t, http.StatusOK, nil)

	id, err := caller(plugins.SigningKeys{Current: secret}).Send(context.Background(),
		callMsg(url+"/hooks/won?team=east"))
	if err != nil || id != "01JCALL" {
		t.Fatalf("Send = %q, %v; want the delivery id", id, err)
	}

	want := []callRequest{{Method: "POST", Path: "/hooks/won", Query: "team=east",
		ID: "01JCALL", Timestamp: "1767225600", ContentType: "application/json",
		Verified: 1, Body: map[string]any{"type": "formwork.call_action",
			"timestamp": "2026-01-01T00:00:00Z", "data": map[string]any{
				"delivery_id": "01JCALL", "record_id": "r1", "instance_id": "i1",
				"input": map[string]any{"amount": 12.5, "customer": "ACME"}}}}}
	if diff := cmp.Diff(want, rc.got); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
}

func TestCallSignsWithBothKeysDuringARotation(t *testing.T) {
	rc, url := newReceiver(t, http.StatusNoContent, nil)
	keys := plugins.SigningKeys{Current: secret, Previous: previous}

	if _, err := caller(keys).Send(context.Background(), callMsg(url)); err != nil {
		t.Fatal(err)
	}
	if got := rc.got[0].Verified; got != 2 {
		t.Errorf("%d signatures verify, want 2 (current and previous)", got)
	}
}

func TestCallOutcomeClasses(t *testing.T) {
	cases := []struct {
		name          string
		status        int
		header        map[string]string
		wantErr       bool
		wantPermanent bool
		wantDelay     time.Duration
	}{
		{"ok", 200, nil, false, false, 0},
		{"accepted", 202, nil, false, false, 0},
		{"timeout", 408, nil, true, false, 0},
		{"rate limited", 429, map[string]string{"Retry-After": "30"}, true, false,
			30 * time.Second},
		{"outage with a date", 503, map[string]string{"Retry-After": "Thu, 01 Jan 2026 " +
			"00:02:00 GMT", "Date": "Thu, 01 Jan 2026 00:00:00 GMT"}, true, false, 2 * time.Minute},
		{"server error", 500, nil, true, false, 0},
		{"bad request", 400, nil, true, true, 0},
		{"unauthorised", 401, nil, true, true, 0},
		{"gone", 410, map[string]string{"Retry-After": "30"}, true, true, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, url := newReceiver(t, tc.status, tc.header)
			_, err := caller(plugins.SigningKeys{Current: secret}).Send(context.Background(),
				callMsg(url))
			if (err != nil) != tc.wantErr || outbox.IsPermanent(err) != tc.wantPermanent {
				t.Errorf("err = %v; want error %v, permanent %v", err, tc.wantErr,
					tc.wantPermanent)
			}
			if got := outbox.RetryDelay(err); got != tc.wantDelay {
				t.Errorf("retry delay = %v, want %v", got, tc.wantDelay)
			}
		})
	}
}

func TestCallRefusals(t *testing.T) {
	rc, url := newReceiver(t, http.StatusOK, nil)
	open := webhook.Caller{Keys: keySource{keys: plugins.SigningKeys{Current: secret}},
		HTTP: httpx.NewClient(httpx.Options{}), Clock: clock.NewManual(now)}
	cases := []struct {
		name   string
		caller webhook.Caller
		target string
		want   error
	}{
		{"loopback refused at dial time", open, url, httpx.ErrForbiddenAddress},
		{"not a URL", caller(plugins.SigningKeys{Current: secret}), "ftp://x/y", nil},
		{"credentials in the URL", caller(plugins.SigningKeys{Current: secret}),
			"https://user:pw@example.com/", nil},
		{"no key", webhook.Caller{Keys: keySource{err: outbox.Permanent(errors.New("no key"))},
			HTTP: open.HTTP, Clock: open.Clock}, "https://example.com/", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.caller.Send(context.Background(), callMsg(tc.target))
			if !outbox.IsPermanent(err) || (tc.want != nil && !errors.Is(err, tc.want)) {
				t.Errorf("err = %v; want a permanent error (%v)", err, tc.want)
			}
			if err != nil && strings.Contains(err.Error(), "pw@") {
				t.Errorf("error shows the URL's credentials: %v", err)
			}
		})
	}
	if len(rc.got) != 0 {
		t.Errorf("the receiver got %d requests, want none", len(rc.got))
	}
}

func TestCallRedirectToAPrivateAddressIsRefused(t *testing.T) {
	rc, private := newReceiver(t, http.StatusOK, nil)
	redirect := httptest.NewServer(http.RedirectHandler(private, http.StatusTemporaryRedirect))
	t.Cleanup(redirect.Close)
	// Only the redirecting host is allow-listed, by name: the private
	// address it redirects to must be refused when dialled.
	c := webhook.Caller{Keys: keySource{keys: plugins.SigningKeys{Current: secret}},
		HTTP:  httpx.NewClient(httpx.Options{Allow: []string{"localhost"}}),
		Clock: clock.NewManual(now)}
	target := strings.Replace(redirect.URL, "127.0.0.1", "localhost", 1)

	_, err := c.Send(context.Background(), callMsg(target))
	if !errors.Is(err, httpx.ErrForbiddenAddress) || len(rc.got) != 0 {
		t.Errorf("err = %v, receiver got %d; want the redirect refused", err, len(rc.got))
	}
}

// stubTransport answers every request with 200 and counts them, so a
// fuzzed URL is never dialled.
type stubTransport struct{ calls int }

func (s *stubTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	s.calls++
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
}

// FuzzCallTarget feeds arbitrary targets to Send: a target that is not an
// absolute http(s) URL without credentials is refused for good before any
// request, and no error repeats the target's credentials.
func FuzzCallTarget(f *testing.F) {
	for _, s := range []string{"https://example.com/hook", "http://h/x?y=1", "ftp://x",
		"https://u:secret-pw@example.com/", "//example.com", "", "https://%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		tr := &stubTransport{}
		c := webhook.Caller{Keys: keySource{keys: plugins.SigningKeys{Current: secret}},
			HTTP: &http.Client{Transport: tr}, Clock: clock.NewManual(now)}
		_, err := c.Send(context.Background(), callMsg(target))
		if err != nil && (!outbox.IsPermanent(err) || tr.calls != 0) {
			t.Errorf("Send(%q) = %v after %d requests; want a permanent refusal first",
				target, err, tr.calls)
		}
		if err != nil && strings.Contains(err.Error(), "secret-pw") {
			t.Errorf("error shows the credentials: %v", err)
		}
	})
}
