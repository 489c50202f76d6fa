package engine

import (
	"context"
	"fmt"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/problem"
)

// model returns the prepared model of a pinned process version, from the
// cache when it is there (versions are immutable, so it never goes stale).
func (s *Service) model(ctx context.Context, tenantID, processID string, n int) (*Model,
	error) {
	key := fmt.Sprintf("%s/%s/%d", tenantID, processID, n)
	if m, ok := s.models.Get(key); ok {
		return m, nil
	}
	v, err := s.deps.Definitions.Version(ctx, system(tenantID), designer.KindProcess,
		processID, n)
	if err != nil {
		return nil, fmt.Errorf("reading process %s version %d: %w", processID, n, err)
	}
	m, err := s.prepare(ctx, tenantID, v)
	if err != nil {
		return nil, err
	}
	s.models.Add(key, m)
	return m, nil
}

// prepare decodes a process version and the fields of the forms it reads.
func (s *Service) prepare(ctx context.Context, tenantID string, v *designer.Version) (*Model,
	error) {
	g, err := designer.ProcessGraph(v)
	if err != nil {
		return nil, err
	}
	def := Definition{Key: v.Key, Version: v.Number, Graph: g,
		TaskFields: map[string][]process.Field{}}
	if err := s.formFieldsOf(ctx, tenantID, &def); err != nil {
		return nil, err
	}
	return Prepare(def)
}

// formFieldsOf fills in the field types of the trigger's and tasks' forms.
func (s *Service) formFieldsOf(ctx context.Context, tenantID string, def *Definition) error {
	for _, n := range def.Graph.Nodes {
		switch c := n.Config.(type) {
		case *process.TriggerConfig:
			f, err := s.formFields(ctx, tenantID, c.Form)
			if err != nil {
				return err
			}
			def.RecordFields = f
		case *process.UserTaskConfig:
			f, err := s.formFields(ctx, tenantID, c.Form)
			if err != nil {
				return err
			}
			def.TaskFields[c.Form] = f
		}
	}
	return nil
}

// formFields lists the fields of the latest published form key; none for
// "" or a form that is not published.
func (s *Service) formFields(ctx context.Context, tenantID, key string) ([]process.Field,
	error) {
	cf, err := s.compiledForm(ctx, tenantID, key)
	if err != nil || cf == nil {
		return nil, err
	}
	var out []process.Field
	for _, f := range cf.Fields() {
		out = append(out, process.Field{Name: f.Name, Type: f.Type})
	}
	return out, nil
}

// compiledForm returns the latest published version of form key compiled;
// nil when key is "" or the form is not published.
func (s *Service) compiledForm(ctx context.Context, tenantID, key string) (*form.Compiled,
	error) {
	if key == "" {
		return nil, nil
	}
	v, err := s.deps.Definitions.Latest(ctx, system(tenantID), designer.KindForm, key)
	if pe, ok := problem.As(err); ok && pe.Kind == problem.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading form %q: %w", key, err)
	}
	ck := form.CacheKey{FormID: v.DefinitionID, Version: v.Number}
	return s.forms.GetOrCompile(ck, func() (form.Definition, error) {
		return designer.FormDefinition(v)
	})
}
