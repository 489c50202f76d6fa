package httpx_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/formworkhq/formwork/plugins/httpx"
)

func TestPublic(t *testing.T) {
	cases := []struct {
		name string
		addr string
		want bool
	}{
		{"loopback v4", "127.0.0.1", false},
		{"loopback v6", "::1", false},
		{"private 10", "10.1.2.3", false},
		{"private 192.168", "192.168.0.10", false},
		{"private 172.16", "172.20.0.1", false},
		{"link-local metadata", "169.254.169.254", false},
		{"link-local v6", "fe80::1", false},
		{"unspecified", "0.0.0.0", false},
		{"cgnat", "100.64.1.1", false},
		{"unique local v6", "fd00::1", false},
		{"mapped loopback", "::ffff:127.0.0.1", false},
		{"public v4", "203.0.113.9", true},
		{"public v6", "2001:4860:4860::8888", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := httpx.Public(netip.MustParseAddr(tc.addr)); got != tc.want {
				t.Errorf("Public(%s) = %v, want %v", tc.addr, got, tc.want)
			}
		})
	}
}

func TestClientRefusesLoopbackUnlessAllowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)

	_, err := httpx.NewClient(httpx.Options{}).Get(srv.URL)
	if !errors.Is(err, httpx.ErrForbiddenAddress) {
		t.Fatalf("unlisted loopback: err = %v, want ErrForbiddenAddress", err)
	}

	res, err := httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}).Get(srv.URL)
	if err != nil {
		t.Fatalf("allow-listed loopback: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		t.Errorf("status = %d", res.StatusCode)
	}
}

// TestRedirectToPrivateIsRefused follows a redirect from an allow-listed
// host to a host that is not allow-listed but resolves to loopback.
func TestRedirectToPrivateIsRefused(t *testing.T) {
	inner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(inner.Close)
	target := "http://localhost:" + inner.URL[len("http://127.0.0.1:"):]

	outer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusFound)
	}))
	t.Cleanup(outer.Close)

	_, err := httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}).Get(outer.URL)
	if !errors.Is(err, httpx.ErrForbiddenAddress) {
		t.Fatalf("redirect to localhost: err = %v, want ErrForbiddenAddress", err)
	}
}
