package auth

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// UserInput describes a person an admin adds to the tenant.
type UserInput struct {
	// Email is the sign-in address; unique across the server.
	Email string `json:"email"`
	// Name is the display name.
	Name string `json:"name"`
	// Password is the initial password, at least 8 characters.
	Password string `json:"password"`
	// Roles are one or more of owner, admin, implementer, supervisor, rep,
	// service, marketing; only an owner may grant owner.
	Roles []Role `json:"roles"`
	// ManagerID is the direct supervisor, a user of the same tenant.
	ManagerID string `json:"manager_id,omitempty"`
	// Team is the team name used by assignment rules and dashboards.
	Team string `json:"team,omitempty"`
	// Region is the sales region.
	Region string `json:"region,omitempty"`
	// Locale is "zh-CN" or "en"; empty means the tenant's.
	Locale i18n.Locale `json:"locale,omitempty"`
	// IM holds the person's ids in WeCom, DingTalk and Feishu.
	IM IMIDs `json:"im"`
}

// UserPatch changes some of a user's fields; absent fields stay as they are.
type UserPatch struct {
	// Name is the display name.
	Name *string `json:"name,omitempty"`
	// Roles replace the user's roles.
	Roles *[]Role `json:"roles,omitempty"`
	// ManagerID sets the direct supervisor; "" removes it.
	ManagerID *string `json:"manager_id,omitempty"`
	// Team is the team name.
	Team *string `json:"team,omitempty"`
	// Region is the sales region.
	Region *string `json:"region,omitempty"`
	// Locale is "zh-CN" or "en".
	Locale *i18n.Locale `json:"locale,omitempty"`
	// IM replaces the IM ids.
	IM *IMIDs `json:"im,omitempty"`
	// Disabled stops the person from signing in.
	Disabled *bool `json:"disabled,omitempty"`
	// Password sets a new password.
	Password *string `json:"password,omitempty"`
}

// Page asks for one page of a list ordered by id.
type Page struct {
	// After is the last id of the previous page; empty for the first page.
	After string
	// Limit is the page size, 1 to 200.
	Limit int
}

func (s *Accounts) users(p Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(UsersCollection)
}

// CreateUser adds a person to the principal's tenant.
func (s *Accounts) CreateUser(ctx context.Context, p Principal, in UserInput) (*User, error) {
	in.Email = normaliseEmail(in.Email)
	var c problem.Collector
	s.validateUserInput(ctx, &c, p, in)
	if err := s.checkEmailFree(ctx, &c, "/email", in.Email); err != nil {
		return nil, err
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, fmt.Errorf("creating user: %w", err)
	}
	if in.Locale == "" {
		in.Locale = s.tenantLocale(ctx, p)
	}

	now := s.now()
	u := &User{ID: s.ids.New(), Email: in.Email, Name: in.Name, PasswordHash: hash,
		Roles: in.Roles, ManagerID: in.ManagerID, Team: in.Team, Region: in.Region,
		Locale: in.Locale, IM: in.IM, CreatedAt: now, UpdatedAt: now, Version: 1}
	if err := s.users(p).InsertOne(ctx, u); err != nil {
		if mongo.IsDuplicate(err) {
			return nil, problem.Fields(problem.Field("/email", "email_taken", nil))
		}
		return nil, fmt.Errorf("creating user: %w", err)
	}
	return u, nil
}

func (s *Accounts) validateUserInput(ctx context.Context, c *problem.Collector, p Principal,
	in UserInput) {
	checkEmail(c, "/email", in.Email)
	checkText(c, "/name", in.Name, true, maxNameLen)
	checkPassword(c, "/password", in.Password)
	checkRoles(c, "/roles", in.Roles, p.Roles)
	checkText(c, "/team", in.Team, false, maxShortTextLen)
	checkText(c, "/region", in.Region, false, maxShortTextLen)
	checkLocale(c, "/locale", in.Locale)
	checkIM(c, in.IM)
	if in.ManagerID != "" && !s.userExists(ctx, p, in.ManagerID) {
		c.Add("/manager_id", "unknown_user", nil)
	}
}

func checkIM(c *problem.Collector, im IMIDs) {
	checkText(c, "/im/wecom", im.WeCom, false, maxShortTextLen)
	checkText(c, "/im/dingtalk", im.DingTalk, false, maxShortTextLen)
	checkText(c, "/im/feishu", im.Feishu, false, maxShortTextLen)
}

func (s *Accounts) userExists(ctx context.Context, p Principal, id string) bool {
	if !ids.Valid(id) {
		return false
	}
	var u User
	return s.users(p).FindByID(ctx, id, &u) == nil
}

func (s *Accounts) tenantLocale(ctx context.Context, p Principal) i18n.Locale {
	t, err := s.Tenant(ctx, p)
	if err != nil || t.Locale == "" {
		return i18n.Default
	}
	return t.Locale
}

// GetUser returns a user of the principal's tenant.
func (s *Accounts) GetUser(ctx context.Context, p Principal, id string) (*User, error) {
	if !ids.Valid(id) {
		return nil, problem.NotFoundf("user.not_found")
	}
	var u User
	err := s.users(p).FindByID(ctx, id, &u)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, problem.NotFoundf("user.not_found")
	}
	if err != nil {
		return nil, fmt.Errorf("reading user: %w", err)
	}
	return &u, nil
}

// ListUsers returns one page of the tenant's people, oldest first, and
// whether another page follows.
func (s *Accounts) ListUsers(ctx context.Context, p Principal, pg Page) ([]User, bool, error) {
	filter := bson.D{}
	if pg.After != "" {
		filter = bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: pg.After}}}}
	}
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(pg.Limit + 1))
	var out []User
	if err := s.users(p).FindAll(ctx, filter, &out, opts); err != nil {
		return nil, false, fmt.Errorf("listing users: %w", err)
	}
	if len(out) > pg.Limit {
		return out[:pg.Limit], true, nil
	}
	return out, false, nil
}

// UserNames returns the display names of the given users of the
// principal's tenant, by id; unknown ids are left out.
func (s *Accounts) UserNames(ctx context.Context, p Principal, userIDs []string) (
	map[string]string, error) {
	out := make(map[string]string, len(userIDs))
	if len(userIDs) == 0 {
		return out, nil
	}
	var found []User
	opts := options.Find().SetProjection(bson.D{{Key: "name", Value: 1}})
	err := s.users(p).FindAll(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in",
		Value: userIDs}}}}, &found, opts)
	if err != nil {
		return nil, fmt.Errorf("reading user names: %w", err)
	}
	for _, u := range found {
		out[u.ID] = u.Name
	}
	return out, nil
}
