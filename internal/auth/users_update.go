package auth

import (
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/problem"
)

// maxManagerDepth bounds the walk up a manager chain.
const maxManagerDepth = 64

// UpdateUser changes a user of the principal's tenant (an admin's edit).
func (s *Accounts) UpdateUser(ctx context.Context, p Principal, id string,
	patch UserPatch) (*User, error) {
	u, err := s.GetUser(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if err := s.validatePatch(ctx, p, u, patch); err != nil {
		return nil, err
	}
	set, err := patchFields(patch)
	if err != nil {
		return nil, err
	}
	return s.applyPatch(ctx, p, u, set)
}

// UpdateMe changes the principal's own profile: name, locale, IM ids and
// password. Roles, manager, team and status are an admin's to change.
func (s *Accounts) UpdateMe(ctx context.Context, p Principal, patch UserPatch) (*User, error) {
	if patch.Roles != nil || patch.ManagerID != nil || patch.Team != nil ||
		patch.Region != nil || patch.Disabled != nil {
		return nil, problem.New(problem.Forbidden, "auth.forbidden",
			map[string]any{"permission": ManageUsers})
	}
	return s.UpdateUser(ctx, p, p.UserID, patch)
}

func (s *Accounts) validatePatch(ctx context.Context, p Principal, u *User, in UserPatch) error {
	var c problem.Collector
	if in.Name != nil {
		checkText(&c, "/name", *in.Name, true, maxNameLen)
	}
	if in.Roles != nil {
		checkRoles(&c, "/roles", *in.Roles, p.Roles)
	}
	if in.Team != nil {
		checkText(&c, "/team", *in.Team, false, maxShortTextLen)
	}
	if in.Region != nil {
		checkText(&c, "/region", *in.Region, false, maxShortTextLen)
	}
	if in.Locale != nil {
		checkLocale(&c, "/locale", *in.Locale)
	}
	if in.IM != nil {
		checkIM(&c, *in.IM)
	}
	if in.Password != nil {
		checkPassword(&c, "/password", *in.Password)
	}
	if in.ManagerID != nil && *in.ManagerID != "" {
		s.checkManager(ctx, &c, p, u.ID, *in.ManagerID)
	}
	if s.losesOwner(u, in) && !s.hasOtherOwner(ctx, p, u.ID) {
		c.Add("/roles", "last_owner", nil)
	}
	return c.Err()
}

// checkManager refuses an unknown manager and a chain that loops back.
func (s *Accounts) checkManager(ctx context.Context, c *problem.Collector, p Principal,
	userID, managerID string) {
	next := managerID
	for depth := 0; next != "" && depth < maxManagerDepth; depth++ {
		if next == userID {
			c.Add("/manager_id", "manager_cycle", nil)
			return
		}
		m, err := s.GetUser(ctx, p, next)
		if err != nil {
			if depth == 0 {
				c.Add("/manager_id", "unknown_user", nil)
			}
			return
		}
		next = m.ManagerID
	}
}

func (s *Accounts) losesOwner(u *User, in UserPatch) bool {
	if !slices.Contains(u.Roles, Owner) || u.Disabled {
		return false
	}
	disabling := in.Disabled != nil && *in.Disabled
	dropping := in.Roles != nil && !slices.Contains(*in.Roles, Owner)
	return disabling || dropping
}

func (s *Accounts) hasOtherOwner(ctx context.Context, p Principal, exceptID string) bool {
	n, err := s.users(p).Count(ctx, bson.D{{Key: "roles", Value: Owner},
		{Key: "disabled", Value: false}, {Key: "_id", Value: bson.D{{Key: "$ne", Value: exceptID}}}})
	return err == nil && n > 0
}

func patchFields(in UserPatch) (bson.D, error) {
	set := bson.D{}
	add := func(k string, v any) { set = append(set, bson.E{Key: k, Value: v}) }
	if in.Name != nil {
		add("name", *in.Name)
	}
	if in.Roles != nil {
		add("roles", *in.Roles)
	}
	if in.ManagerID != nil {
		add("manager_id", *in.ManagerID)
	}
	if in.Team != nil {
		add("team", *in.Team)
	}
	if in.Region != nil {
		add("region", *in.Region)
	}
	if in.Locale != nil {
		add("locale", *in.Locale)
	}
	if in.IM != nil {
		add("im", *in.IM)
	}
	if in.Disabled != nil {
		add("disabled", *in.Disabled)
	}
	if in.Password != nil {
		hash, err := HashPassword(*in.Password)
		if err != nil {
			return nil, fmt.Errorf("hashing password: %w", err)
		}
		add("password_hash", hash)
	}
	return set, nil
}

// applyPatch writes the change with a compare-and-set on the version read,
// so two admins editing at once cannot silently overwrite each other.
func (s *Accounts) applyPatch(ctx context.Context, p Principal, u *User, set bson.D) (*User, error) {
	if len(set) == 0 {
		return u, nil
	}
	set = append(set, bson.E{Key: "updated_at", Value: s.now()})
	var after User
	err := s.users(p).FindOneAndUpdate(ctx,
		bson.D{{Key: "_id", Value: u.ID}, {Key: "version", Value: u.Version}},
		bson.D{{Key: "$set", Value: set}, {Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}},
		&after)
	if err != nil {
		if isNotFound(err) {
			return nil, problem.New(problem.Conflict, "user.changed", nil)
		}
		return nil, fmt.Errorf("updating user: %w", err)
	}
	return &after, nil
}
