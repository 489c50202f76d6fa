package outbox

import (
	"errors"
	"time"
)

// SendError classifies a Sender's failure: a permanent one (a recipient
// that does not exist, a payload the vendor refuses) is not tried again,
// a retryable one (a timeout, a vendor outage) is.
type SendError struct {
	// Permanent says that trying again cannot help.
	Permanent bool
	// Err is the cause, recorded as the message's last error.
	Err error
	// After, when above zero, is how long the vendor asked to wait before
	// the next attempt (a Retry-After); the backoff is used when longer.
	After time.Duration
}

// Error returns the cause's text.
func (e *SendError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *SendError) Unwrap() error { return e.Err }

// Permanent marks err as a failure that retrying cannot fix.
func Permanent(err error) error { return &SendError{Permanent: true, Err: err} }

// Retryable marks err as a failure worth trying again. Unclassified
// errors are treated as retryable too.
func Retryable(err error) error { return &SendError{Err: err} }

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var se *SendError
	return errors.As(err, &se) && se.Permanent
}

// RetryAfter marks err as retryable no sooner than d from now, as a
// vendor's Retry-After asks.
func RetryAfter(err error, d time.Duration) error { return &SendError{Err: err, After: d} }

// RetryDelay returns the wait a retryable err asks for, or zero.
func RetryDelay(err error) time.Duration {
	var se *SendError
	if errors.As(err, &se) && !se.Permanent {
		return se.After
	}
	return 0
}
