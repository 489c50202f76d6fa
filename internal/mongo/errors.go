package mongo

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrUnavailable is matched (with errors.Is) by every error that means the
// store cannot be reached right now; HTTP handlers map it to 503.
var ErrUnavailable = errors.New("mongodb store is unavailable")

// UnavailableError tells an operator which store could not be reached and
// what to check. It matches ErrUnavailable.
type UnavailableError struct {
	// Addr is the host:port list tried, without credentials.
	Addr string
	// Err is the driver's cause.
	Err error

	secret string // a password to keep out of Error's text
	hint   string // what to check; empty means the external-server hint
}

// externalHint tells an operator what to check when a server named by a URI
// does not answer.
const externalHint = "check FORMWORK_MONGO_URI and that the server is running"

// Error says which address failed, what to check, and why.
func (e *UnavailableError) Error() string {
	hint := e.hint
	if hint == "" {
		hint = externalHint
	}
	msg := fmt.Sprintf("mongodb at %s is unreachable: %s: %v", e.Addr, hint, e.Err)

	return redact(msg, e.secret)
}

// Unwrap returns the driver's cause.
func (e *UnavailableError) Unwrap() error { return e.Err }

// Is reports whether target is ErrUnavailable.
func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }

// unavailable wraps err for the store at addr, hiding secret from its text.
func unavailable(addr, secret string, err error) error {
	return &UnavailableError{Addr: addr, Err: err, secret: secret}
}

// invalidURI reports a URI the driver rejects. The cause is flattened into
// the text, not wrapped, because the driver's message may quote the password.
func invalidURI(secret string, err error) error {
	msg := "mongodb uri is invalid: check FORMWORK_MONGO_URI: " + err.Error()

	return errors.New(redact(msg, secret))
}

// redact replaces secret, as written in a URI and unescaped, in msg.
func redact(msg, secret string) string {
	if secret == "" {
		return msg
	}

	msg = strings.ReplaceAll(msg, secret, "xxxxx")
	if plain, err := url.PathUnescape(secret); err == nil && plain != "" {
		msg = strings.ReplaceAll(msg, plain, "xxxxx")
	}

	return msg
}

// describeURI returns the host list of a MongoDB URI and its password, if
// any, without failing on URIs the driver would reject.
func describeURI(uri string) (addr, secret string) {
	rest := uri
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		rest = rest[:i]
	}

	if i := strings.LastIndex(rest, "@"); i >= 0 {
		secret = passwordOf(rest[:i])
		rest = rest[i+1:]
	}

	return rest, secret
}

// passwordOf returns the password part of a URI's user info, as written.
func passwordOf(userinfo string) string {
	_, pass, _ := strings.Cut(userinfo, ":")

	return pass
}
