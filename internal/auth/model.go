package auth

import (
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
)

// Collection names owned by this package.
const (
	TenantsCollection = "tenants"
	UsersCollection   = "users"
	TokensCollection  = "tokens"
)

// Tenant is one customer organisation. All its data carries its id.
type Tenant struct {
	ID        string      `bson:"_id"`
	Name      string      `bson:"name"`
	OwnerID   string      `bson:"owner_id"`
	Locale    i18n.Locale `bson:"locale"`
	TimeZone  string      `bson:"time_zone"`
	CreatedAt time.Time   `bson:"created_at"`
}

// IMIDs are a person's ids in the messaging tools channels deliver to.
type IMIDs struct {
	WeCom    string `bson:"wecom,omitempty" json:"wecom,omitempty"`
	DingTalk string `bson:"dingtalk,omitempty" json:"dingtalk,omitempty"`
	Feishu   string `bson:"feishu,omitempty" json:"feishu,omitempty"`
}

// User is a person in a tenant.
type User struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`

	Email        string      `bson:"email"` // lower case, unique across tenants
	Name         string      `bson:"name"`
	PasswordHash string      `bson:"password_hash"`
	Roles        []Role      `bson:"roles"`
	ManagerID    string      `bson:"manager_id,omitempty"`
	Team         string      `bson:"team,omitempty"`
	Region       string      `bson:"region,omitempty"`
	Locale       i18n.Locale `bson:"locale"`
	IM           IMIDs       `bson:"im"`
	Disabled     bool        `bson:"disabled"`

	FailedLogins int        `bson:"failed_logins"`
	LockedUntil  *time.Time `bson:"locked_until,omitempty"`

	CreatedAt time.Time `bson:"created_at"`
	UpdatedAt time.Time `bson:"updated_at"`
	Version   int64     `bson:"version"`
}

// TokenKind says how a token was issued.
type TokenKind string

// The token kinds.
const (
	// SessionToken is issued by sign-in, for the web app and scripts.
	SessionToken TokenKind = "session"
	// APIToken is created by an admin for an integration.
	APIToken TokenKind = "api"
)

// Token is an issued bearer credential. Only the hash of its secret is kept.
type Token struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`

	UserID     string     `bson:"user_id"`
	Kind       TokenKind  `bson:"kind"`
	Name       string     `bson:"name,omitempty"`
	SecretHash string     `bson:"secret_hash"`
	CSRF       string     `bson:"csrf,omitempty"` // sessions only
	CreatedAt  time.Time  `bson:"created_at"`
	ExpiresAt  *time.Time `bson:"expires_at,omitempty"`
	RevokedAt  *time.Time `bson:"revoked_at,omitempty"`
}

// Principal is who is making a request: resolved from a token, it is the
// only source of the tenant id that scopes every query.
type Principal struct {
	TenantID  string
	UserID    string
	Roles     []Role
	Locale    i18n.Locale
	TokenID   string
	TokenKind TokenKind
	// CSRF is the session's anti-forgery value; empty for API tokens.
	CSRF string
}

// Can reports whether the principal holds permission p.
func (p Principal) Can(perm Permission) bool { return Can(p.Roles, perm) }
