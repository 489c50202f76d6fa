package record

import (
	"context"
	"errors"
	"fmt"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
)

// resolver answers form validation's questions about one tenant's data:
// its active users, its live records and its files (files.go).
type resolver struct {
	s *Service
	p auth.Principal
	// kept are the files the record already holds.
	kept []string
}

var _ form.FileResolver = resolver{}

// UserExists reports whether id is an enabled user of the tenant.
func (r resolver) UserExists(ctx context.Context, id string) (bool, error) {
	return r.s.userActive(ctx, r.p, id)
}

// RecordExists reports whether a live record of form formKey has id.
func (r resolver) RecordExists(ctx context.Context, formKey, id string) (bool, error) {
	rec, err := r.s.load(ctx, r.p, id)
	if err != nil {
		if isNotFound(err) {
			return false, nil
		}
		return false, err
	}

	return !rec.Deleted && rec.Form == formKey, nil
}

// userActive reports whether id is an enabled user of the tenant, by one
// read by _id that the store's read cache may answer: users change
// rarely, every write to them in this process voids it, and another
// process's is seen within mongo.DefaultCacheTTL.
func (s *Service) userActive(ctx context.Context, p auth.Principal, id string) (bool, error) {
	if !ids.Valid(id) {
		return false, nil
	}

	var u auth.User
	err := s.store.Scope(p.TenantID).Cached(auth.UsersCollection).FindByID(ctx, id, &u)
	if errors.Is(err, mongo.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading user %s: %w", id, err)
	}

	return !u.Disabled, nil
}
