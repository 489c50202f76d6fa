package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// LoginInput is a sign-in with e-mail and password.
type LoginInput struct {
	// Email is the sign-in address.
	Email string `json:"email"`
	// Password is the account's password.
	Password string `json:"password"`
}

// Session is what a successful sign-in hands out.
type Session struct {
	// Token is the bearer token; shown once, never stored in clear.
	Token string
	// CSRF must accompany cookie-authenticated writes (X-CSRF-Token).
	CSRF string
	// ExpiresAt is when the session ends.
	ExpiresAt time.Time
	// User is the signed-in person.
	User *User
}

var errBadCredentials = problem.New(problem.Unauthorized, "auth.bad_credentials", nil)

// Login checks e-mail and password and opens a session. After
// LockoutThreshold failures in a row the address is locked for
// LockoutDuration, whatever password is sent.
//
// Nothing in the answer or in the work done tells whether the address has
// an account: an unknown address is checked against a dummy hash (one
// argon2id verification on every path, locked or not), its failures are
// counted and locked like a known one's (see LoginFailuresCollection),
// and it gets the same 401 and the same 429. Only the right password
// learns more (a disabled account's 403).
func (s *Accounts) Login(ctx context.Context, in LoginInput) (*Session, error) {
	email := normaliseEmail(in.Email)
	key := failureKey(email)
	failures, err := s.failuresOf(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("signing in: %w", err)
	}
	u, err := s.userByEmail(ctx, email)
	if err != nil {
		return nil, fmt.Errorf("signing in: %w", err)
	}

	if err := lockedError(failures, s.now()); err != nil {
		_, _ = s.verify(dummyHash, in.Password)
		s.auditSignIn(ctx, u, audit.AuthLoginFailed, "locked")
		return nil, err
	}
	if !s.passwordMatches(ctx, u, in.Password) {
		return nil, s.recordFailure(ctx, key, u)
	}
	if u.Disabled {
		return nil, problem.New(problem.Forbidden, "auth.disabled", nil)
	}

	if failures.Failed > 0 || failures.LockedUntil != nil {
		s.clearFailures(ctx, email)
	}
	return s.openSession(ctx, u)
}

// passwordMatches verifies pw against u's hash, or against a dummy hash
// when there is no account, so that both cost one verification. A
// malformed stored hash is logged and counts as a mismatch.
func (s *Accounts) passwordMatches(ctx context.Context, u *User, pw string) bool {
	hash := dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	ok, err := s.verify(hash, pw)
	if err != nil {
		s.log.ErrorContext(ctx, "stored password hash unreadable", "err", err)
		return false
	}
	return ok && u != nil
}

// recordFailure counts a failed sign-in of the address key (u is its
// account, or nil) and answers it: bad credentials, or locked when this
// failure reached the threshold.
func (s *Accounts) recordFailure(ctx context.Context, key string, u *User) error {
	after, locked, err := s.countFailure(ctx, key)
	if err != nil {
		return err
	}
	if !locked {
		s.auditSignIn(ctx, u, audit.AuthLoginFailed, "password")
		return errBadCredentials
	}

	if u != nil {
		s.log.WarnContext(ctx, "account locked after failed sign-ins",
			"tenant_id", u.TenantID, "user_id", u.ID)
	}
	s.auditSignIn(ctx, u, audit.AuthLockout, "failed_logins")
	return lockedError(after, s.now())
}

// auditSignIn records a refused sign-in of an existing account; an unknown
// address (u nil) has no tenant to record it in.
func (s *Accounts) auditSignIn(ctx context.Context, u *User, action, summary string) {
	if u == nil {
		return
	}
	s.audit.Record(ctx, u.TenantID, audit.Entry{ActorID: u.ID, Action: action,
		ObjectKind: "user", ObjectID: u.ID, Summary: summary, Outcome: audit.Denied})
}

func (s *Accounts) openSession(ctx context.Context, u *User) (*Session, error) {
	secret := newSecret()
	expires := s.now().Add(s.cfg.SessionTTL)
	tok := &Token{ID: s.ids.New(), UserID: u.ID, Kind: SessionToken,
		SecretHash: hashSecret(secret), CSRF: newSecret(), CreatedAt: s.now(), ExpiresAt: &expires}
	if err := s.store.Scope(u.TenantID).C(TokensCollection).InsertOne(ctx, tok); err != nil {
		return nil, fmt.Errorf("opening session: %w", err)
	}
	return &Session{Token: formatToken(tok.ID, secret), CSRF: tok.CSRF, ExpiresAt: expires,
		User: u}, nil
}

var errInvalidToken = problem.New(problem.Unauthorized, "auth.invalid_token", nil)

// Authenticate resolves a bearer token to the principal it stands for: two
// reads by _id (token, then user), so the user's current roles and status
// always apply and revocation takes effect at once.
func (s *Accounts) Authenticate(ctx context.Context, bearer string) (Principal, error) {
	id, secret, ok := parseToken(bearer)
	if !ok {
		return Principal{}, errInvalidToken
	}
	var tok Token
	// Unscoped: the token is how the tenant becomes known.
	err := mongo.Classify(s.store.Unscoped(TokensCollection).
		FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&tok))
	if errors.Is(err, mongo.ErrNotFound) {
		return Principal{}, errInvalidToken
	} else if err != nil {
		return Principal{}, fmt.Errorf("reading token: %w", err)
	}
	if !secretMatches(tok.SecretHash, secret) || tok.RevokedAt != nil ||
		(tok.ExpiresAt != nil && !s.now().Before(*tok.ExpiresAt)) {
		return Principal{}, errInvalidToken
	}

	var u User
	err = s.store.Scope(tok.TenantID).C(UsersCollection).FindByID(ctx, tok.UserID, &u)
	if errors.Is(err, mongo.ErrNotFound) || (err == nil && u.Disabled) {
		return Principal{}, errInvalidToken
	} else if err != nil {
		return Principal{}, fmt.Errorf("reading token's user: %w", err)
	}
	return Principal{TenantID: tok.TenantID, UserID: u.ID, Roles: u.Roles, Locale: u.Locale,
		TokenID: tok.ID, TokenKind: tok.Kind, CSRF: tok.CSRF}, nil
}

// Logout revokes the principal's session token.
func (s *Accounts) Logout(ctx context.Context, p Principal) error {
	_, err := s.store.Scope(p.TenantID).C(TokensCollection).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: p.TokenID}, {Key: "revoked_at", Value: nil}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "revoked_at", Value: s.now()}}}})
	if err != nil {
		return fmt.Errorf("signing out: %w", err)
	}
	return nil
}
