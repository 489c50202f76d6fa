package inbound

import (
	"crypto/hmac"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/formworkhq/formwork/plugins/webhook"
)

// Tolerance is how far a webhook-timestamp may be from now, either way.
const Tolerance = 5 * time.Minute

// The headers of a signed delivery.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// maxIDLength bounds the webhook-id, which becomes part of stored ids.
const maxIDLength = 200

// The reasons Verify refuses a delivery.
var (
	// ErrMissingHeader says a webhook-* header is absent or empty.
	ErrMissingHeader = errors.New("missing webhook header")
	// ErrBadTimestamp says the webhook-timestamp is not Unix seconds.
	ErrBadTimestamp = errors.New("webhook-timestamp is not a unix time in seconds")
	// ErrOutsideWindow says the timestamp is more than Tolerance from now.
	ErrOutsideWindow = errors.New("webhook-timestamp is outside the five-minute window")
	// ErrNoSignatureMatch says no v1 signature matches any secret.
	ErrNoSignatureMatch = errors.New("no webhook signature matches")
	// ErrBadID says the webhook-id is too long or has spaces or controls.
	ErrBadID = errors.New("webhook-id is not a valid id")
)

// Verify checks a delivery signed the Standard Webhooks way: the headers'
// id, timestamp (within Tolerance of now) and at least one "v1,<base64>"
// signature of "id.timestamp.body" under one of secrets. It returns nil or
// an error wrapping one of the Err values above.
func Verify(secrets [][]byte, h http.Header, body []byte, now time.Time) error {
	id, ts, sigs := h.Get(HeaderID), h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if id == "" || ts == "" || sigs == "" {
		return fmt.Errorf("verifying webhook: %w", ErrMissingHeader)
	}

	if !validID(id) {
		return fmt.Errorf("verifying webhook: %w", ErrBadID)
	}

	if err := checkTimestamp(ts, now); err != nil {
		return fmt.Errorf("verifying webhook %s: %w", id, err)
	}

	if !anySignatureMatches(secrets, id, ts, body, sigs) {
		return fmt.Errorf("verifying webhook %s: %w", id, ErrNoSignatureMatch)
	}

	return nil
}

// validID accepts printable ids without spaces, up to maxIDLength bytes.
func validID(id string) bool {
	if len(id) > maxIDLength {
		return false
	}
	for _, r := range id {
		if r <= ' ' || r == 0x7f {
			return false
		}
	}

	return true
}

// checkTimestamp parses ts as Unix seconds and checks it against now.
func checkTimestamp(ts string, now time.Time) error {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sec < 0 {
		return ErrBadTimestamp
	}

	at := time.Unix(sec, 0)
	if at.Before(now.Add(-Tolerance)) || at.After(now.Add(Tolerance)) {
		return ErrOutsideWindow
	}

	return nil
}

// anySignatureMatches compares every v1 signature of the header, in
// constant time, with the expected one under every secret.
func anySignatureMatches(secrets [][]byte, id, ts string, body []byte, header string) bool {
	for _, key := range secrets {
		want := []byte(webhook.Signature(key, id, ts, body))
		for _, got := range strings.Fields(header) {
			if strings.HasPrefix(got, "v1,") && hmac.Equal(want, []byte(got)) {
				return true
			}
		}
	}

	return false
}
