package insights

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
)

// Board is a published dashboard version with its compiled metrics.
type Board struct {
	// DefinitionID, Key and Version name the dashboard version.
	DefinitionID string
	Key          string
	Version      int
	Name         designer.Text
	Dashboard    designer.Dashboard
	// Metrics are the widgets' metrics, in widget order.
	Metrics []*Metric
}

// metric returns the board's metric of widget id, or nil.
func (b *Board) metric(widget string) *Metric {
	for _, m := range b.Metrics {
		if m.Widget.ID == widget {
			return m
		}
	}
	return nil
}

// system is the principal insights reads definitions as.
func system(tenantID string) auth.Principal {
	return auth.Principal{TenantID: tenantID, UserID: "system:insights",
		Roles: []auth.Role{auth.Admin}}
}

// boards returns every published dashboard of the tenant, compiled.
// Versions are immutable, so a compiled board is cached by version id.
func (s *Service) boards(ctx context.Context, tenantID string) ([]*Board, error) {
	versions, err := s.defs.PublishedAll(ctx, system(tenantID), designer.KindDashboard)
	if err != nil {
		return nil, fmt.Errorf("reading dashboards: %w", err)
	}
	out := make([]*Board, 0, len(versions))
	for i := range versions {
		b, err := s.board(ctx, tenantID, &versions[i])
		if err != nil {
			s.log.WarnContext(ctx, "dashboard not compiled", "tenant_id", tenantID,
				"dashboard", versions[i].Key, "err", err)
			continue
		}
		out = append(out, b)
	}
	return out, nil
}

// board compiles one dashboard version, from the cache when it can.
func (s *Service) board(ctx context.Context, tenantID string, v *designer.Version) (*Board,
	error) {
	cacheKey := tenantID + "/" + v.ID
	if b, ok := s.cache.Get(cacheKey); ok {
		return b, nil
	}
	var d designer.Dashboard
	if err := json.Unmarshal(v.ContentJSON(), &d); err != nil {
		return nil, fmt.Errorf("decoding dashboard %s: %w", v.Key, err)
	}

	b := &Board{DefinitionID: v.DefinitionID, Key: v.Key, Version: v.Number, Name: v.Name,
		Dashboard: d}
	for _, w := range d.Widgets {
		fields := designer.SourceFields(sourceOf(w.Metric))
		if fields == nil {
			var err error
			if fields, err = s.formFields(ctx, tenantID, formOf(w.Metric)); err != nil {
				return nil, err
			}
		}
		m, err := compileMetric(v.Key, w, d.Filters, fields)
		if err != nil {
			return nil, err
		}
		b.Metrics = append(b.Metrics, m)
	}
	s.cache.Add(cacheKey, b)
	return b, nil
}

func formOf(m designer.Metric) string {
	if m.Kind == "ratio" && m.Numerator != nil {
		return m.Numerator.Form
	}
	return m.Form
}

// formFields returns the expression types of the latest published form's
// fields; none for no form.
func (s *Service) formFields(ctx context.Context, tenantID, key string) (
	map[string]expr.Type, error) {
	out := map[string]expr.Type{}
	if key == "" {
		return out, nil
	}
	v, err := s.defs.Latest(ctx, system(tenantID), designer.KindForm, key)
	if err != nil {
		return out, nil // an unpublished form: filters over it cannot match
	}
	def, err := designer.FormDefinition(v)
	if err != nil {
		return nil, err
	}
	c, err := form.Compile(def)
	if err != nil {
		return nil, fmt.Errorf("compiling form %s: %w", key, err)
	}
	for _, f := range c.Fields() {
		out[f.Name] = f.Type
	}
	return out, nil
}

// familyMetrics returns the live metrics fed by family, from every
// published dashboard, each once.
func (s *Service) familyMetrics(ctx context.Context, tenantID, family string) ([]*Metric,
	error) {
	bs, err := s.boards(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	var out []*Metric
	seen := map[string]bool{}
	for _, b := range bs {
		for _, m := range b.Metrics {
			if m.Unsupported == "" && m.Family() == family && !seen[m.ID] {
				seen[m.ID] = true
				out = append(out, m)
			}
		}
	}
	return out, nil
}
