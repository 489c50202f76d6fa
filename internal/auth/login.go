package auth

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/i18n"
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
// LockoutThreshold failures in a row the account is locked for
// LockoutDuration, whatever password is sent.
func (s *Accounts) Login(ctx context.Context, in LoginInput) (*Session, error) {
	email := normaliseEmail(in.Email)
	var u User
	// Unscoped: sign-in is how the tenant becomes known.
	err := s.store.Unscoped(UsersCollection).FindOne(ctx, bson.D{{Key: "email", Value: email}}).
		Decode(&u)
	if err = mongo.Classify(err); errors.Is(err, mongo.ErrNotFound) {
		_, _ = CheckPassword(dummyHash, in.Password)
		return nil, errBadCredentials
	} else if err != nil {
		return nil, fmt.Errorf("signing in: %w", err)
	}

	if err := s.checkNotLocked(&u); err != nil {
		s.auditSignIn(ctx, &u, audit.AuthLoginFailed, "locked")
		return nil, err
	}
	ok, err := CheckPassword(u.PasswordHash, in.Password)
	if err != nil {
		return nil, fmt.Errorf("checking password of %s: %w", u.ID, err)
	}
	if !ok {
		return nil, s.recordFailure(ctx, &u)
	}
	if u.Disabled {
		return nil, problem.New(problem.Forbidden, "auth.disabled", nil)
	}

	if u.FailedLogins > 0 || u.LockedUntil != nil {
		s.clearFailures(ctx, &u)
	}
	return s.openSession(ctx, &u)
}

func (s *Accounts) checkNotLocked(u *User) error {
	if u.LockedUntil == nil || !s.now().Before(*u.LockedUntil) {
		return nil
	}
	left := u.LockedUntil.Sub(s.now())
	e := problem.New(problem.RateLimited, "auth.locked",
		i18n.Params{"minutes": int(math.Ceil(left.Minutes()))})
	e.RetryAfter = left
	return e
}

// recordFailure counts a failed sign-in with one update, and locks the
// account when the count reaches the threshold.
func (s *Accounts) recordFailure(ctx context.Context, u *User) error {
	users := s.store.Scope(u.TenantID).C(UsersCollection)
	var after User
	err := users.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: u.ID}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "failed_logins", Value: 1}}}}, &after)
	if err != nil {
		return fmt.Errorf("recording failed sign-in: %w", err)
	}
	if after.FailedLogins < s.cfg.LockoutThreshold {
		s.auditSignIn(ctx, u, audit.AuthLoginFailed, "password")
		return errBadCredentials
	}

	until := s.now().Add(s.cfg.LockoutDuration)
	_, err = users.UpdateOne(ctx, bson.D{{Key: "_id", Value: u.ID}}, bson.D{{Key: "$set",
		Value: bson.D{{Key: "locked_until", Value: until}, {Key: "failed_logins", Value: 0}}}})
	if err != nil {
		return fmt.Errorf("locking account: %w", err)
	}
	s.log.WarnContext(ctx, "account locked after failed sign-ins",
		"tenant_id", u.TenantID, "user_id", u.ID)
	s.auditSignIn(ctx, u, audit.AuthLockout, "failed_logins")
	after.LockedUntil = &until
	return s.checkNotLocked(&after)
}

// auditSignIn records a refused sign-in of an existing account; an unknown
// address has no tenant to record it in.
func (s *Accounts) auditSignIn(ctx context.Context, u *User, action, summary string) {
	s.audit.Record(ctx, u.TenantID, audit.Entry{ActorID: u.ID, Action: action,
		ObjectKind: "user", ObjectID: u.ID, Summary: summary, Outcome: audit.Denied})
}

func (s *Accounts) clearFailures(ctx context.Context, u *User) {
	_, err := s.store.Scope(u.TenantID).C(UsersCollection).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: u.ID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "failed_logins", Value: 0}}},
			{Key: "$unset", Value: bson.D{{Key: "locked_until", Value: ""}}}})
	if err != nil {
		s.log.WarnContext(ctx, "clearing failed sign-ins", "user_id", u.ID, "err", err)
	}
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
