package kingdee

import (
	"context"
	"net/http"
	"sync"
)

// sessionKey names the session of one instance at one version of its
// settings: changed credentials mean a new login.
type sessionKey struct {
	tenantID, instanceID string
	version              int64
}

// session is a logged-in Kingdee session: the cookies its login set.
type session struct {
	cookies []*http.Cookie
}

// Sessions keeps one Kingdee session per tenant and instance. Logging in
// holds the instance's lock, so concurrent calls of one instance log in
// once. Kingdee sessions are cookies, not tokens with an expiry: a session
// is used until Kingdee says it is lost, then dropped and replaced. It is
// safe for concurrent use; the zero value is ready.
type Sessions struct {
	mu      sync.Mutex
	entries map[string]*sessionEntry
}

// sessionEntry is the session slot of one instance.
type sessionEntry struct {
	mu      sync.Mutex
	version int64
	current *session
}

// entry returns the slot of key's instance, creating it.
func (s *Sessions) entry(key sessionKey) *sessionEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries == nil {
		s.entries = map[string]*sessionEntry{}
	}
	id := key.tenantID + "/" + key.instanceID
	e, ok := s.entries[id]
	if !ok {
		e = &sessionEntry{}
		s.entries[id] = e
	}

	return e
}

// get returns the session of key, logging in when there is none or the
// instance's settings changed since.
func (s *Sessions) get(ctx context.Context, key sessionKey,
	login func(context.Context) (*session, error)) (*session, error) {
	e := s.entry(key)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.current != nil && e.version == key.version {
		return e.current, nil
	}

	sess, err := login(ctx)
	if err != nil {
		return nil, err
	}
	e.current, e.version = sess, key.version

	return sess, nil
}

// drop forgets sess when it is still key's session, so the next get logs
// in again; a session another call already replaced stays.
func (s *Sessions) drop(key sessionKey, sess *session) {
	e := s.entry(key)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.current == sess {
		e.current = nil
	}
}
