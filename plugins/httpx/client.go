package httpx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// DefaultTimeout bounds one request, redirects included.
const DefaultTimeout = 15 * time.Second

// maxRedirects is how many redirects a request may follow.
const maxRedirects = 5

// ErrForbiddenAddress is returned when a URL resolves to an address that
// plugins may not reach.
var ErrForbiddenAddress = errors.New("address not allowed for outgoing requests")

// Options configures a client.
type Options struct {
	// Allow lists hosts (names or IPs, no port) that may resolve to any
	// address, e.g. an on-premises ERP on a private network.
	Allow []string
	// Timeout bounds one request; zero means DefaultTimeout.
	Timeout time.Duration
}

// NewClient returns a client that dials only public addresses, except for
// allow-listed hosts. It ignores proxy settings from the environment, which
// would bypass the check.
func NewClient(opts Options) *http.Client {
	allow := map[string]bool{}
	for _, h := range opts.Allow {
		allow[strings.ToLower(strings.TrimSpace(h))] = true
	}

	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}

	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer{allow: allow}.dial,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
	}

	return &http.Client{Transport: tr, Timeout: timeout, CheckRedirect: limitRedirects}
}

// limitRedirects stops after maxRedirects; every hop is dialled through
// the same checks.
func limitRedirects(_ *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	return nil
}

// dialer dials with the address check unless the host is allow-listed.
type dialer struct {
	allow map[string]bool
}

func (d dialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("dialling %s: %w", addr, err)
	}

	nd := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !d.allow[strings.ToLower(host)] {
		nd.Control = refusePrivate
	}

	return nd.DialContext(ctx, network, addr)
}

// refusePrivate is a net.Dialer Control: it runs on the resolved address
// just before connecting.
func refusePrivate(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dialling %s: %w", address, err)
	}

	if !Public(ap.Addr()) {
		return fmt.Errorf("dialling %s: %w", ap.Addr(), ErrForbiddenAddress)
	}

	return nil
}

// Public reports whether a is an address plugins may reach without an
// allow-list entry: not loopback, link-local, private, unspecified,
// multicast, nor the carrier-grade NAT range.
func Public(a netip.Addr) bool {
	a = a.Unmap()
	switch {
	case !a.IsValid(), a.IsLoopback(), a.IsPrivate(), a.IsUnspecified(),
		a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast(),
		a.IsMulticast():
		return false
	}

	return !cgnat.Contains(a) && !thisNetwork.Contains(a)
}

var (
	cgnat       = netip.MustParsePrefix("100.64.0.0/10")
	thisNetwork = netip.MustParsePrefix("0.0.0.0/8")
)
