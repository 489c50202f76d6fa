package server

import (
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
)

// UserView is a person as the API shows them; secrets never leave.
type UserView struct {
	ID        string      `json:"id"`
	TenantID  string      `json:"tenant_id"`
	Email     string      `json:"email"`
	Name      string      `json:"name"`
	Roles     []auth.Role `json:"roles"`
	ManagerID string      `json:"manager_id,omitempty"`
	Team      string      `json:"team,omitempty"`
	Region    string      `json:"region,omitempty"`
	Locale    i18n.Locale `json:"locale"`
	IM        auth.IMIDs  `json:"im"`
	Disabled  bool        `json:"disabled"`
	CreatedAt time.Time   `json:"created_at"`
	UpdatedAt time.Time   `json:"updated_at"`
	Version   int64       `json:"version"`
}

func userView(u *auth.User) UserView {
	roles := u.Roles
	if roles == nil {
		roles = []auth.Role{}
	}
	return UserView{ID: u.ID, TenantID: u.TenantID, Email: u.Email, Name: u.Name,
		Roles: roles, ManagerID: u.ManagerID, Team: u.Team, Region: u.Region,
		Locale: u.Locale, IM: u.IM, Disabled: u.Disabled, CreatedAt: u.CreatedAt,
		UpdatedAt: u.UpdatedAt, Version: u.Version}
}

// UserList is one page of people.
type UserList struct {
	Items []UserView `json:"items"`
	// NextCursor fetches the next page; absent on the last.
	NextCursor string `json:"next_cursor,omitempty"`
}

// TenantView is an organisation.
type TenantView struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	OwnerID   string      `json:"owner_id"`
	Locale    i18n.Locale `json:"locale"`
	TimeZone  string      `json:"time_zone"`
	CreatedAt time.Time   `json:"created_at"`
}

func tenantView(t *auth.Tenant) TenantView {
	return TenantView{ID: t.ID, Name: t.Name, OwnerID: t.OwnerID, Locale: t.Locale,
		TimeZone: t.TimeZone, CreatedAt: t.CreatedAt}
}

// SignupView answers a sign-up.
type SignupView struct {
	TenantID string     `json:"tenant_id"`
	UserID   string     `json:"user_id"`
	Tenant   TenantView `json:"tenant"`
	User     UserView   `json:"user"`
}

// LoginView answers a sign-in. The same token is also set as an HttpOnly
// cookie for the web app.
type LoginView struct {
	// Token goes in "Authorization: Bearer <token>".
	Token string `json:"token"`
	// CSRFToken goes in X-CSRF-Token on cookie-authenticated writes.
	CSRFToken string    `json:"csrf_token"`
	ExpiresAt time.Time `json:"expires_at"`
	User      UserView  `json:"user"`
}

// TokenView is an API token; Token (the secret) is set only on creation.
type TokenView struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	UserID    string     `json:"user_id"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
	Token     string     `json:"token,omitempty"`
}

func tokenView(t *auth.Token) TokenView {
	return TokenView{ID: t.ID, Name: t.Name, UserID: t.UserID, CreatedAt: t.CreatedAt,
		ExpiresAt: t.ExpiresAt, RevokedAt: t.RevokedAt}
}

// TokenList lists API tokens.
type TokenList struct {
	Items []TokenView `json:"items"`
}

// HealthView answers /healthz.
type HealthView struct {
	Status string `json:"status"`
}

// ReadyView answers /readyz: each store separately.
type ReadyView struct {
	// Status is "ok" when every store answers, else "degraded".
	Status string                `json:"status"`
	Stores map[string]StoreCheck `json:"stores"`
}

// StoreCheck is one store's readiness.
type StoreCheck struct {
	Status string `json:"status"` // "ok" or "unavailable"
	Mode   string `json:"mode"`   // "embedded" or "external"
	Addr   string `json:"addr"`
	Error  string `json:"error,omitempty"`
	// LatencyMS is how long the ping took.
	LatencyMS float64 `json:"latency_ms"`
}
