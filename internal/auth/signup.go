package auth

import (
	"context"
	"fmt"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// DefaultTimeZone is the time zone of a new tenant's business calendar.
const DefaultTimeZone = "Asia/Shanghai"

// SignupInput creates a tenant and its first owner.
type SignupInput struct {
	// Tenant is the organisation's display name.
	Tenant string `json:"tenant"`
	// Name is the owner's display name.
	Name string `json:"name"`
	// Email is the owner's sign-in address; unique across the server.
	Email string `json:"email"`
	// Password is at least 8 characters.
	Password string `json:"password"`
	// Locale is "zh-CN" or "en"; empty means the request's language.
	Locale i18n.Locale `json:"locale,omitempty"`
}

// Signup creates a tenant and its owner. Without multi-document
// transactions the tenant is written first and removed again if the owner
// cannot be written, so a failed sign-up leaves nothing behind.
//
// An address that already has an account is refused with the field error
// email_taken on /email: the same answer for every taken address, naming
// no account, tenant or person. That is a choice, made with the cost in
// view: sign-up creates the tenant and opens it at once, with no mailbox
// step, so its answer to a new address (201 and a tenant to work in)
// cannot look like its answer to a taken one, and a "check your mailbox"
// reply would only move the tell to the next sign-in. It would take a
// confirmed-address step before the tenant exists. What bounds probing
// addresses through sign-up is the per-client-address limit shared with
// sign-in (the server's limited routes); sign-in and password reset, which
// can answer alike, do (see Login and RequestReset).
func (s *Accounts) Signup(ctx context.Context, in SignupInput) (*Tenant, *User, error) {
	in.Email = normaliseEmail(in.Email)
	var c problem.Collector
	validateSignup(&c, in)
	if err := s.checkEmailFree(ctx, &c, "/email", in.Email); err != nil {
		return nil, nil, err
	}
	if err := c.Err(); err != nil {
		return nil, nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, nil, fmt.Errorf("signing up: %w", err)
	}

	now := s.now()
	tenant := &Tenant{ID: s.ids.New(), Name: in.Tenant, Locale: in.Locale,
		TimeZone: DefaultTimeZone, CreatedAt: now}
	user := &User{ID: s.ids.New(), Email: in.Email, Name: in.Name, PasswordHash: hash,
		Roles: []Role{Owner}, Locale: in.Locale, CreatedAt: now, UpdatedAt: now, Version: 1}
	tenant.OwnerID = user.ID

	if _, err := s.store.Unscoped(TenantsCollection).InsertOne(ctx, tenant); err != nil {
		return nil, nil, fmt.Errorf("creating tenant: %w", mongo.Classify(err))
	}
	if err := s.store.Scope(tenant.ID).C(UsersCollection).InsertOne(ctx, user); err != nil {
		s.removeTenant(ctx, tenant.ID)
		if mongo.IsDuplicate(err) {
			return nil, nil, problem.Fields(problem.Field("/email", "email_taken", nil))
		}
		return nil, nil, fmt.Errorf("creating owner: %w", err)
	}

	s.log.InfoContext(ctx, "tenant created", "tenant_id", tenant.ID, "user_id", user.ID)
	return tenant, user, nil
}

func (s *Accounts) removeTenant(ctx context.Context, id string) {
	_, err := s.store.Unscoped(TenantsCollection).DeleteOne(ctx, map[string]string{"_id": id})
	if err != nil {
		s.log.ErrorContext(ctx, "removing half-created tenant", "tenant_id", id, "err", err)
	}
}

// checkEmailFree adds email_taken to c when a well-formed address is already
// registered anywhere, so that one answer names every problem at once. The
// unique index is the real guard; this check gives the common case a field
// error before any write. The error it returns is the store's, never the
// caller's.
func (s *Accounts) checkEmailFree(ctx context.Context, c *problem.Collector,
	pointer, email string) error {
	if c.Has(pointer) {
		return nil
	}
	// Unscoped: e-mail addresses are unique across tenants.
	n, err := s.store.Unscoped(UsersCollection).CountDocuments(ctx,
		map[string]string{"email": email})
	if err != nil {
		return fmt.Errorf("checking e-mail: %w", mongo.Classify(err))
	}
	if n > 0 {
		c.Add(pointer, "email_taken", nil)
	}
	return nil
}

// Tenant returns the tenant of the principal.
func (s *Accounts) Tenant(ctx context.Context, p Principal) (*Tenant, error) {
	var t Tenant
	err := s.store.Unscoped(TenantsCollection).FindOne(ctx,
		map[string]string{"_id": p.TenantID}).Decode(&t)
	if err != nil {
		return nil, fmt.Errorf("reading tenant: %w", mongo.Classify(err))
	}
	return &t, nil
}
