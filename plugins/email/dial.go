package email

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// dialTimeout bounds connecting to the SMTP server.
const dialTimeout = 10 * time.Second

// DialFunc connects to an address, as net.Dialer.DialContext does.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// guardedDial returns the dial function of c's transport: the one
// plugins/httpx builds, refusing loopback, private and link-local
// addresses at dial time unless the host is allow-listed, so that an SMTP
// host passes exactly the check and the allow-list a URL does. Without
// such a transport it refuses every address that is not public.
func guardedDial(c *http.Client) DialFunc {
	if c != nil {
		if tr, ok := c.Transport.(*http.Transport); ok && tr.DialContext != nil {
			return tr.DialContext
		}
	}

	d := &net.Dialer{Timeout: dialTimeout, Control: refuseNonPublic}

	return d.DialContext
}

// refuseNonPublic is a net.Dialer Control run on the resolved address.
func refuseNonPublic(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dialling %s: %w", address, err)
	}
	if !httpx.Public(ap.Addr()) {
		return fmt.Errorf("dialling %s: %w", ap.Addr(), httpx.ErrForbiddenAddress)
	}

	return nil
}

// dialError classifies a failure to connect: a refused address is
// permanent (only an allow-list entry changes it), the rest retryable.
func dialError(addr string, err error) error {
	if errors.Is(err, httpx.ErrForbiddenAddress) {
		return outbox.Permanent(hostError{addr: addr, err: err})
	}

	return outbox.Retryable(fmt.Errorf("connecting to %s: %w", addr, err))
}

// hostError is the refusal of an SMTP host on a forbidden address.
type hostError struct {
	addr string
	err  error
}

// Error is the refusal in English.
func (e hostError) Error() string { return e.Localized(i18n.English) }

// Localized is the refusal in locale l.
func (e hostError) Localized(l i18n.Locale) string {
	return i18n.T(l, "email.host_forbidden", i18n.Params{"address": e.addr})
}

// Unwrap returns the dialler's error.
func (e hostError) Unwrap() error { return e.err }
