package record

import (
	"context"
	"fmt"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/problem"
)

// pinned names the form version a record is validated against.
type pinned struct {
	id      string // definition id
	key     string
	version int
}

// latestForm resolves a form reference (key or definition id) to its
// latest published version, compiled.
//
// It reads the definition and takes its published number rather than
// calling designer.Latest, which also reads the version document: the
// compiled form is cached per (definition id, version), and versions never
// change, so a submission costs one small read while the cache is warm.
func (s *Service) latestForm(ctx context.Context, p auth.Principal,
	ref string) (*form.Compiled, pinned, error) {
	d, err := s.definition(ctx, p, ref)
	if err != nil {
		return nil, pinned{}, err
	}
	params := i18n.Params{"form": ref}
	if d == nil {
		return nil, pinned{}, problem.Fields(fieldErr("/form", "unknown_form", params))
	}
	if d.published == 0 || d.status == designer.StatusArchived {
		return nil, pinned{}, problem.Fields(fieldErr("/form", "form_not_published", params))
	}

	pin := pinned{id: d.id, key: d.key, version: d.published}
	cf, err := s.compiled(ctx, p, pin)

	return cf, pin, err
}

// formRef is where a form reference points.
type formRef struct {
	id, key   string
	published int
	status    designer.Status
}

// definition finds a form definition by id or key; nil when there is none.
// A key costs one read by _id (designer.Resolve), the common case of every
// submission.
func (s *Service) definition(ctx context.Context, p auth.Principal,
	ref string) (*formRef, error) {
	if !ids.Valid(ref) {
		k, err := s.designer.Resolve(ctx, p, designer.KindForm, ref)
		if err != nil || k == nil {
			return nil, err
		}
		return &formRef{id: k.DefinitionID, key: ref, published: k.Published,
			status: k.Status}, nil
	}

	d, err := s.designer.Get(ctx, p, designer.KindForm, ref)
	if isNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &formRef{id: d.ID, key: d.Key, published: d.Published, status: d.Status}, nil
}

// compiled returns the compiled form of a pinned version.
func (s *Service) compiled(ctx context.Context, p auth.Principal,
	pin pinned) (*form.Compiled, error) {
	key := form.CacheKey{FormID: pin.id, Version: pin.version}
	cf, err := s.forms.GetOrCompile(key, func() (form.Definition, error) {
		v, err := s.designer.Version(ctx, reader(p), designer.KindForm, pin.id, pin.version)
		if err != nil {
			return form.Definition{}, err
		}
		return designer.FormDefinition(v)
	})
	if err != nil {
		return nil, fmt.Errorf("loading form %s version %d: %w", pin.key, pin.version, err)
	}

	return cf, nil
}

// reader is the principal that reads a pinned form version for validation.
// The designer hides archived definitions from people who cannot write
// definitions, but a record's pinned version stays the rule for that record
// whatever became of its form since, so the read is made as an implementer
// of the same tenant. It never writes and never leaves this file.
func reader(p auth.Principal) auth.Principal {
	return auth.Principal{TenantID: p.TenantID, UserID: p.UserID,
		Roles: []auth.Role{auth.Implementer}, Locale: p.Locale}
}
