package tokens

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"
	"time"
)

// ErrInvalid marks a vendor's answer that the access token is invalid or
// expired (WeCom 40014/42001, DingTalk 40014/42001); Cache.Do fetches a
// new token and tries once more when a call's error wraps it.
var ErrInvalid = errors.New("access token invalid or expired")

// RefreshRatio is the part of a token's lifetime after which it is
// fetched again: early enough that a send never carries a token about to
// expire, late enough that vendors' gettoken limits are never approached.
const RefreshRatio = 0.8

// maxEntries bounds the cache; past it, expired entries are dropped.
const maxEntries = 4096

// Key names one app's token. Secret is a fingerprint of the app secret,
// never the secret itself, so a changed secret gets a new token at once.
type Key struct {
	Tenant   string
	Instance string
	App      string
	Secret   string
}

// KeyOf builds the key of an app: tenant, instance (may be empty when the
// caller does not know it), app (the vendor's API base and app id) and
// the app secret, of which only a fingerprint is kept.
func KeyOf(tenant, instance, app, secret string) Key {
	sum := sha256.Sum256([]byte(app + "\x00" + secret))
	return Key{Tenant: tenant, Instance: instance, App: app,
		Secret: hex.EncodeToString(sum[:8])}
}

// Token is an access token as the vendor hands it out.
type Token struct {
	Value string
	// TTL is the vendor's expires_in; zero or less means "use once".
	TTL time.Duration
}

// FetchFunc asks the vendor for a new token.
type FetchFunc func(ctx context.Context) (Token, error)

// Cache holds access tokens. The zero value is not usable; call New. It is
// safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	entries map[Key]entry
	flights map[Key]*flight
	fetches int
}

// entry is a cached token and its deadlines.
type entry struct {
	value     string
	refreshAt time.Time
	expiresAt time.Time
}

// flight is one fetch that concurrent callers wait for.
type flight struct {
	done  chan struct{}
	value string
	err   error
	// waiters counts the callers that joined after the first.
	waiters int
}

// Shared is the process-wide cache the built-in plugins use: their
// Senders are built per message, the tokens must outlive them.
var Shared = New()

// New returns an empty cache.
func New() *Cache {
	return &Cache{entries: map[Key]entry{}, flights: map[Key]*flight{}}
}

// Fetches reports how many times the cache called a FetchFunc.
func (c *Cache) Fetches() int {
	c.mu.Lock()
	defer c.mu.Unlock()

	return c.fetches
}
