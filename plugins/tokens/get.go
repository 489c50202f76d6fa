package tokens

import (
	"context"
	"errors"
	"time"
)

// Get returns k's token at now: the cached one while it is fresh, or else
// one fetched by fetch, which runs once for all callers asking at the
// same time. When a refresh fails while the old token has not expired
// yet, the old token is returned.
func (c *Cache) Get(ctx context.Context, k Key, now time.Time, fetch FetchFunc) (string, error) {
	c.mu.Lock()
	e, ok := c.entries[k]
	if ok && now.Before(e.refreshAt) {
		c.mu.Unlock()
		return e.value, nil
	}
	f, leader := c.join(k)
	c.mu.Unlock()

	if leader {
		c.fetch(ctx, k, now, f, fetch)
	}

	select {
	case <-f.done:
	case <-ctx.Done():
		return "", ctx.Err()
	}

	if f.err != nil && ok && now.Before(e.expiresAt) {
		return e.value, nil
	}

	return f.value, f.err
}

// join returns k's flight in progress, or starts one; c.mu is held.
func (c *Cache) join(k Key) (*flight, bool) {
	if f, ok := c.flights[k]; ok {
		f.waiters++
		return f, false
	}

	f := &flight{done: make(chan struct{})}
	c.flights[k] = f
	c.fetches++

	return f, true
}

// fetch runs fetch for flight f and stores its token.
func (c *Cache) fetch(ctx context.Context, k Key, now time.Time, f *flight, fetch FetchFunc) {
	tok, err := fetch(ctx)
	if err == nil && tok.Value == "" {
		err = errors.New("the vendor answered an empty access token")
	}
	f.value, f.err = tok.Value, err

	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.flights, k)
	if err == nil && tok.TTL > 0 {
		c.prune(now)
		refresh := time.Duration(float64(tok.TTL) * RefreshRatio)
		c.entries[k] = entry{value: tok.Value, refreshAt: now.Add(refresh),
			expiresAt: now.Add(tok.TTL)}
	}
	close(f.done)
}

// prune drops expired entries once the cache is full; c.mu is held.
func (c *Cache) prune(now time.Time) {
	if len(c.entries) < maxEntries {
		return
	}

	for k, e := range c.entries {
		if !now.Before(e.expiresAt) {
			delete(c.entries, k)
		}
	}
}

// Invalidate forgets k's token if it is still value: a token another
// caller fetched meanwhile stays.
func (c *Cache) Invalidate(k Key, value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[k]; ok && e.value == value {
		delete(c.entries, k)
	}
}

// Do calls call with k's token. When call's error wraps ErrInvalid, the
// token is invalidated and call runs once more with a new one; a second
// refusal is returned as it is.
func (c *Cache) Do(ctx context.Context, k Key, now time.Time, fetch FetchFunc,
	call func(token string) error) error {
	tok, err := c.Get(ctx, k, now, fetch)
	if err != nil {
		return err
	}

	err = call(tok)
	if !errors.Is(err, ErrInvalid) {
		return err
	}

	c.Invalidate(k, tok)
	if tok, err = c.Get(ctx, k, now, fetch); err != nil {
		return err
	}

	return call(tok)
}
