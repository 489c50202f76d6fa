package record

import (
	"context"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
)

// LatestForm returns the compiled latest published version of a form, by
// key or id, for callers that shape data before a Submit (public intake
// links, imports). The refusals are Submit's: an unknown or unpublished
// form is an Invalid problem on "/form".
func (s *Service) LatestForm(ctx context.Context, p auth.Principal,
	ref string) (*form.Compiled, error) {
	cf, _, err := s.latestForm(ctx, p, ref)
	return cf, err
}

// UserActive reports whether id names an active user of p's tenant.
func (s *Service) UserActive(ctx context.Context, p auth.Principal, id string) (bool, error) {
	return s.userActive(ctx, p, id)
}
