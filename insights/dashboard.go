package insights

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Dashboard reads every widget of the published dashboard definition id.
func (s *Service) Dashboard(ctx context.Context, p auth.Principal, id string,
	q Query) (*DashboardData, error) {
	s.settle(ctx)
	b, err := s.boardByID(ctx, p.TenantID, id)
	if err != nil {
		return nil, err
	}
	if err := checkFilters(b, q); err != nil {
		return nil, err
	}
	from, to, err := q.window(s.clock.Now(), s.cfg.Zone)
	if err != nil {
		return nil, err
	}

	out := &DashboardData{DashboardID: b.DefinitionID, Key: b.Key, Version: b.Version,
		From: dayOf(from, s.cfg.Zone), To: dayOf(to, s.cfg.Zone), Widgets: []WidgetData{}}
	cache := newMonths()
	for _, m := range b.Metrics {
		w, err := s.widget(ctx, p, b, m, q, from, to, cache)
		if err != nil {
			return nil, err
		}
		out.Widgets = append(out.Widgets, *w)
	}
	return out, nil
}

// Widget reads one widget, named "<dashboard id>.<widget id>".
func (s *Service) Widget(ctx context.Context, p auth.Principal, ref string,
	q Query) (*WidgetData, error) {
	s.settle(ctx)
	b, m, err := s.resolve(ctx, p.TenantID, ref)
	if err != nil {
		return nil, err
	}
	if err := checkMetricQuery(m, q); err != nil {
		return nil, err
	}
	from, to, err := q.window(s.clock.Now(), s.cfg.Zone)
	if err != nil {
		return nil, err
	}
	return s.widget(ctx, p, b, m, q, from, to, newMonths())
}

// widget computes one widget's figures; cache keeps the documents read.
func (s *Service) widget(ctx context.Context, p auth.Principal, b *Board, m *Metric, q Query,
	from, to time.Time, cache *months) (*WidgetData, error) {
	w := &WidgetData{ID: m.Widget.ID, Chart: m.Widget.Chart, Title: m.Widget.Title,
		Metric: b.DefinitionID + "." + m.Widget.ID, Groups: []GroupData{}, Series: []Point{}}
	if m.Unsupported != "" {
		w.Unsupported = m.Unsupported
		return w, nil
	}
	v, err := s.viewOf(ctx, p.TenantID, m, q)
	if err != nil {
		return nil, err
	}
	docs, err := s.loadDays(ctx, p.TenantID, m.Family(), from, to, cache)
	if err != nil {
		return nil, err
	}

	f := v.fold(docs)
	w.Value, w.Numerator, w.Denominator = f.total.value(m)
	w.Capped = f.total.main.Capped || f.total.den.Capped
	w.Groups = v.ranked(f)
	if err := s.label(ctx, p.TenantID, w.Groups, cache.names); err != nil {
		return nil, err
	}
	if v.bucket != nil {
		w.Series = series(v, f, bucketsOf(from, to, s.cfg.Zone, v.bucket))
	}
	if m.Widget.Chart == "funnel" {
		w.Stages, err = s.funnel(ctx, p.TenantID, b, m, v, window{from, to, docs, cache})
	}
	return w, err
}

// viewOf decides how to cut metric m for query q.
func (s *Service) viewOf(ctx context.Context, tenantID string, m *Metric, q Query) (*view,
	error) {
	v := &view{m: m, filters: q.Filters, groupBy: m.Widget.GroupBy, top: m.Widget.Top}
	if q.GroupBy != nil {
		v.groupBy = q.GroupBy
	}
	if q.Top > 0 {
		v.top = q.Top
	}
	kind := m.Widget.Bucket
	if q.Bucket != "" {
		kind = q.Bucket
	}
	var err error
	v.bucket, err = s.bucketer(ctx, tenantID, kind, m.Widget.Calendar)
	return v, err
}

func series(v *view, f *fold, buckets []string) []Point {
	out := make([]Point, 0, len(buckets))
	for _, b := range buckets {
		a := f.series[b]
		if a == nil {
			a = &acc{}
		}
		x, _, _ := a.value(v.m)
		out = append(out, Point{Bucket: b, Value: x})
	}
	return out
}

// label fills the owner labels of groups with people's names, keeping
// the names read in known.
func (s *Service) label(ctx context.Context, tenantID string, groups []GroupData,
	known map[string]string) error {
	var ids []string
	for _, g := range groups {
		if id := g.Keys["owner"]; id != "" {
			ids = append(ids, id)
		}
	}
	names, err := s.names(ctx, tenantID, ids, known)
	if err != nil {
		return err
	}
	for i := range groups {
		for dim, val := range groups[i].Keys {
			groups[i].Labels[dim] = val
		}
		if n := names[groups[i].Keys["owner"]]; n != "" {
			groups[i].Labels["owner"] = n
		}
	}
	return nil
}

// checkFilters refuses filters the dashboard does not declare.
func checkFilters(b *Board, q Query) error {
	var c problem.Collector
	for dim := range q.Filters {
		if !slices.Contains(b.Dashboard.Filters, dim) {
			c.Add("/"+dim, "insights.unknown_filter", i18n.Params{"name": dim,
				"allowed": strings.Join(b.Dashboard.Filters, ", ")})
		}
	}
	if q.GroupBy != nil {
		c.Add("/group_by", "insights.group_by_widget", nil)
	}
	return c.Err()
}

// checkMetricQuery refuses filters and groupings the metric is not kept by.
func checkMetricQuery(m *Metric, q Query) error {
	var c problem.Collector
	allowed := strings.Join(m.Dims, ", ")
	for dim := range q.Filters {
		if !slices.Contains(m.Dims, dim) {
			c.Add("/"+dim, "insights.unknown_filter",
				i18n.Params{"name": dim, "allowed": allowed})
		}
	}
	for _, dim := range q.GroupBy {
		if !slices.Contains(m.Dims, dim) {
			c.Add("/group_by", "insights.dimension_not_kept",
				i18n.Params{"name": dim, "allowed": allowed})
		}
	}
	return c.Err()
}

// boardByID returns the compiled latest version of dashboard id.
func (s *Service) boardByID(ctx context.Context, tenantID, id string) (*Board, error) {
	bs, err := s.boards(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	for _, b := range bs {
		if b.DefinitionID == id {
			return b, nil
		}
	}
	return nil, problem.NotFoundf("insights.unknown_dashboard")
}

// resolve finds the metric "<dashboard id>.<widget id>", or a metric id
// "<key>:<widget>:<hash>" of a live dashboard.
func (s *Service) resolve(ctx context.Context, tenantID, ref string) (*Board, *Metric,
	error) {
	if strings.Contains(ref, ":") {
		bs, err := s.boards(ctx, tenantID)
		if err != nil {
			return nil, nil, err
		}
		for _, b := range bs {
			for _, m := range b.Metrics {
				if m.ID == ref {
					return b, m, nil
				}
			}
		}
		return nil, nil, unknownMetric()
	}
	dash, widget, ok := strings.Cut(ref, ".")
	if !ok || widget == "" {
		return nil, nil, unknownMetric()
	}
	b, err := s.boardByID(ctx, tenantID, dash)
	if err != nil {
		return nil, nil, unknownMetric()
	}
	m := b.metric(widget)
	if m == nil {
		return nil, nil, unknownMetric()
	}
	return b, m, nil
}

func unknownMetric() error { return problem.NotFoundf("insights.unknown_metric") }

// metricByID is resolve for the metric alone.
func (s *Service) metricByID(ctx context.Context, tenantID, ref string) (*Metric, error) {
	_, m, err := s.resolve(ctx, tenantID, ref)
	if err != nil {
		return nil, err
	}
	if m.Unsupported != "" {
		return nil, problem.New(problem.Conflict, "insights.unsupported",
			i18n.Params{"reason": m.Unsupported})
	}
	return m, nil
}
