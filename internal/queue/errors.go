package queue

import (
	"errors"
	"fmt"
)

// ErrUnavailable is wrapped by every error that means Redis cannot be used
// right now: unreachable, refusing our credentials or wrongly configured.
// Callers map it to 503 Service Unavailable.
var ErrUnavailable = errors.New("redis unavailable")

// ErrEvictionPolicy is wrapped when a Redis is refused because its
// maxmemory-policy could evict keys. It wraps ErrUnavailable.
var ErrEvictionPolicy = fmt.Errorf("%w: maxmemory-policy evicts keys", ErrUnavailable)

// storeError is an operator-facing error: msg says which Redis and what to
// check, kind is the sentinel to match with errors.Is, cause what happened.
type storeError struct {
	msg   string
	kind  error
	cause error
}

func (e *storeError) Error() string {
	if e.cause == nil {
		return e.msg
	}
	return e.msg + ": " + e.cause.Error()
}

func (e *storeError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

// connError explains a failed ping or dial of the Redis at addr.
func connError(addr string, cause error) error {
	if isRedisReply(cause) {
		return &storeError{
			msg: fmt.Sprintf("redis at %s refused the connection: "+
				"check FORMWORK_REDIS_PASSWORD and the database number", addr),
			kind:  ErrUnavailable,
			cause: cause,
		}
	}
	return &storeError{
		msg: fmt.Sprintf("redis at %s is unreachable: "+
			"check FORMWORK_REDIS_ADDR and that redis-server is running", addr),
		kind:  ErrUnavailable,
		cause: cause,
	}
}
