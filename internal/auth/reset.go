package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// ResetsCollection holds password-reset tokens (their hashes).
const ResetsCollection = "password_resets"

// Password reset rules.
const (
	// ResetTTL is how long a reset link stays valid.
	ResetTTL = 30 * time.Minute
	// maxOpenResets is how many unused, unexpired links one account may
	// hold; further requests are answered alike but send nothing, so a
	// stranger cannot flood someone's mailbox.
	maxOpenResets = 3
	// resetPrefix starts every reset token: "fwr_<id>_<secret>".
	resetPrefix = "fwr_"
)

// PasswordReset is one issued reset link. As with bearer tokens, only the
// SHA-256 of its secret is stored.
type PasswordReset struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`

	UserID     string     `bson:"user_id"`
	SecretHash string     `bson:"secret_hash"`
	CreatedAt  time.Time  `bson:"created_at"`
	ExpiresAt  time.Time  `bson:"expires_at"`
	UsedAt     *time.Time `bson:"used_at,omitempty"`
}

// ResetInput asks for a reset link.
type ResetInput struct {
	// Email is the account's sign-in address.
	Email string `json:"email"`
}

// ResetConfirmInput sets a new password with a reset link's token.
type ResetConfirmInput struct {
	// Token is the token of the reset link ("fwr_…").
	Token string `json:"token"`
	// Password is the new password, under the same rules as at sign-up.
	Password string `json:"password"`
}

// IssuedReset is a new reset link's token, for the one message that
// carries it to its user.
type IssuedReset struct {
	ID        string
	User      *User
	Token     string
	ExpiresAt time.Time
}

// RequestReset issues a reset token for the account of email. It returns
// nil, and no error, when there is no such account, when it is disabled and
// when it already holds maxOpenResets open links: the caller answers every
// request alike, so the answer tells nobody whether an address is known.
// Only an address that is not one at all is refused (a field error).
func (s *Accounts) RequestReset(ctx context.Context, in ResetInput) (*IssuedReset, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	u, err := s.userByEmail(ctx, normaliseEmail(in.Email))
	if err != nil || u == nil || u.Disabled {
		return nil, err
	}
	s.resetMu.Lock()
	defer s.resetMu.Unlock()
	resets := s.store.Scope(u.TenantID).C(ResetsCollection)
	open, err := resets.Count(ctx, bson.D{{Key: "user_id", Value: u.ID},
		{Key: "used_at", Value: nil},
		{Key: "expires_at", Value: bson.D{{Key: "$gt", Value: s.now()}}}})
	if err != nil {
		return nil, fmt.Errorf("counting reset links: %w", err)
	}
	if open >= maxOpenResets {
		s.log.InfoContext(ctx, "reset link not issued: too many open", "user_id", u.ID)
		return nil, nil
	}

	secret := newSecret()
	r := &PasswordReset{ID: s.ids.New(), UserID: u.ID, SecretHash: hashSecret(secret),
		CreatedAt: s.now(), ExpiresAt: s.now().Add(ResetTTL)}
	if err := resets.InsertOne(ctx, r); err != nil {
		return nil, fmt.Errorf("issuing reset link: %w", err)
	}
	s.audit.Record(ctx, u.TenantID, audit.Entry{ActorID: u.ID, Action: audit.AuthResetRequested,
		ObjectKind: "user", ObjectID: u.ID})
	return &IssuedReset{ID: r.ID, User: u, Token: resetPrefix + r.ID + "_" + secret,
		ExpiresAt: r.ExpiresAt}, nil
}

// Validate refuses a request whose address is not one at all (a field
// error on /email). It looks nothing up, so a caller may answer it before
// doing any work that depends on the address having an account.
func (in ResetInput) Validate() error {
	var c problem.Collector
	checkEmail(&c, "/email", normaliseEmail(in.Email))
	return c.Err()
}

// userByEmail finds the account of a sign-in address; nil when none.
func (s *Accounts) userByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	// Unscoped: the address is how the tenant becomes known.
	err := mongo.Classify(s.store.Unscoped(UsersCollection).
		FindOne(ctx, bson.D{{Key: "email", Value: email}}).Decode(&u))
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("finding account: %w", err)
	}
	return &u, nil
}

// ConfirmReset sets the password of the reset link's user, ends every
// session of theirs (API tokens of integrations stay), lifts a lockout and
// spends the link and any other open one. A malformed, unknown, used or
// expired token is refused with a field error on /token, together with any
// problem of the password.
func (s *Accounts) ConfirmReset(ctx context.Context, in ResetConfirmInput) error {
	var c problem.Collector
	checkPassword(&c, "/password", in.Password)
	r, code, err := s.openReset(ctx, in.Token)
	if err != nil {
		return err
	}
	if code != "" {
		c.Add("/token", code, nil)
	}
	if err := c.Err(); err != nil {
		return err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return fmt.Errorf("resetting password: %w", err)
	}

	if err := s.spendReset(ctx, r); err != nil {
		return err
	}
	u, err := s.setPassword(ctx, r, hash)
	if err != nil {
		return err
	}
	s.clearFailures(ctx, u.Email)
	s.endSessions(ctx, r.TenantID, r.UserID)
	s.spendOtherResets(ctx, r)
	s.audit.Record(ctx, r.TenantID, audit.Entry{ActorID: r.UserID,
		Action: audit.AuthPasswordReset, ObjectKind: "user", ObjectID: r.UserID,
		Summary: "password"})
	return nil
}

// openReset reads the reset a token names. It returns a field code
// (reset_invalid, reset_used, reset_expired) when the token cannot be used.
func (s *Accounts) openReset(ctx context.Context, token string) (*PasswordReset, string, error) {
	id, secret, ok := parseResetToken(token)
	if !ok {
		return nil, "reset_invalid", nil
	}
	var r PasswordReset
	// Unscoped: the token is how the tenant becomes known.
	err := mongo.Classify(s.store.Unscoped(ResetsCollection).
		FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&r))
	switch {
	case errors.Is(err, mongo.ErrNotFound):
		return nil, "reset_invalid", nil
	case err != nil:
		return nil, "", fmt.Errorf("reading reset link: %w", err)
	case !secretMatches(r.SecretHash, secret):
		return nil, "reset_invalid", nil
	case r.UsedAt != nil:
		return nil, "reset_used", nil
	case !s.now().Before(r.ExpiresAt):
		return nil, "reset_expired", nil
	}
	return &r, "", nil
}

// spendReset marks the link used with a conditional update, so that of two
// confirmations racing with one link only one sets a password.
func (s *Accounts) spendReset(ctx context.Context, r *PasswordReset) error {
	ok, err := s.store.Scope(r.TenantID).C(ResetsCollection).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: r.ID}, {Key: "used_at", Value: nil}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "used_at", Value: s.now()}}}})
	if err != nil {
		return fmt.Errorf("spending reset link: %w", err)
	}
	if !ok {
		return problem.Fields(problem.Field("/token", "reset_used", nil))
	}
	return nil
}

// setPassword stores the new hash of the reset's user and returns the
// user as it was.
func (s *Accounts) setPassword(ctx context.Context, r *PasswordReset, hash string) (*User,
	error) {
	var u User
	err := s.store.Scope(r.TenantID).C(UsersCollection).FindOneAndUpdate(ctx,
		bson.D{{Key: "_id", Value: r.UserID}, {Key: "disabled", Value: false}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "password_hash", Value: hash},
			{Key: "failed_logins", Value: 0}, {Key: "updated_at", Value: s.now()}}},
			{Key: "$unset", Value: bson.D{{Key: "locked_until", Value: ""}}},
			{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}}, &u)
	if isNotFound(err) {
		return nil, problem.Fields(problem.Field("/token", "reset_invalid", nil))
	}
	if err != nil {
		return nil, fmt.Errorf("setting password: %w", err)
	}
	return &u, nil
}

// endSessions revokes every open session of a user. A session that cannot
// be revoked is logged; the password is already changed.
func (s *Accounts) endSessions(ctx context.Context, tenantID, userID string) {
	tokens := s.store.Scope(tenantID).C(TokensCollection)
	var open []Token
	err := tokens.FindAll(ctx, bson.D{{Key: "user_id", Value: userID},
		{Key: "kind", Value: SessionToken}, {Key: "revoked_at", Value: nil}}, &open)
	if err != nil {
		s.log.ErrorContext(ctx, "listing sessions to end", "user_id", userID, "err", err)
		return
	}
	for _, t := range open {
		_, err := tokens.UpdateOne(ctx, bson.D{{Key: "_id", Value: t.ID}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "revoked_at", Value: s.now()}}}})
		if err != nil {
			s.log.ErrorContext(ctx, "ending session", "token_id", t.ID, "err", err)
		}
	}
}

// spendOtherResets marks the user's other open links used: after a reset,
// an older link still in a mailbox must not work.
func (s *Accounts) spendOtherResets(ctx context.Context, r *PasswordReset) {
	resets := s.store.Scope(r.TenantID).C(ResetsCollection)
	var open []PasswordReset
	err := resets.FindAll(ctx, bson.D{{Key: "user_id", Value: r.UserID},
		{Key: "used_at", Value: nil}}, &open)
	if err != nil {
		s.log.ErrorContext(ctx, "listing open reset links", "user_id", r.UserID, "err", err)
		return
	}
	for _, o := range open {
		_, err := resets.UpdateOne(ctx, bson.D{{Key: "_id", Value: o.ID}, {Key: "used_at",
			Value: nil}}, bson.D{{Key: "$set", Value: bson.D{{Key: "used_at", Value: s.now()}}}})
		if err != nil {
			s.log.ErrorContext(ctx, "spending reset link", "reset_id", o.ID, "err", err)
		}
	}
}

// parseResetToken splits "fwr_<id>_<secret>" into a valid id and a
// non-empty base64url secret (which may itself hold "_").
func parseResetToken(tok string) (id, secret string, ok bool) {
	rest, found := strings.CutPrefix(strings.TrimSpace(tok), resetPrefix)
	if !found || len(rest) > 128 {
		return "", "", false
	}
	id, secret, found = strings.Cut(rest, "_")
	if !found || !ids.Valid(id) || secret == "" || !urlSafe(secret) {
		return "", "", false
	}
	return id, secret, true
}

// urlSafe reports whether s holds only base64url characters.
func urlSafe(s string) bool {
	for _, r := range s {
		ok := r == '-' || r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') ||
			(r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"field.reset_invalid": {
			i18n.English: "This reset link is not valid; ask for a new one.",
			i18n.Chinese: "此重置链接无效，请重新申请。",
		},
		"field.reset_used": {
			i18n.English: "This reset link has been used already; ask for a new one.",
			i18n.Chinese: "此重置链接已被使用，请重新申请。",
		},
		"field.reset_expired": {
			i18n.English: "This reset link has expired; ask for a new one.",
			i18n.Chinese: "此重置链接已过期，请重新申请。",
		},
		"reset.mail_title": {
			i18n.English: "Reset your Formwork password",
			i18n.Chinese: "重置您的 Formwork 密码",
		},
		"reset.mail_body": {
			i18n.English: "Someone asked to reset the password of this account. Open the " +
				"link within {minutes} minutes to choose a new one. If it was not you, " +
				"ignore this message: your password stays as it is.",
			i18n.Chinese: "有人申请重置此账号的密码。请在 {minutes} 分钟内打开链接设置新密码。" +
				"如果不是您本人操作，请忽略此消息，您的密码不会改变。",
		},
	})
}
