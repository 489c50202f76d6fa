package server

import (
	"net/http"
	"net/url"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// insightRoutes declares dashboard data, widget figures, drill-down and
// rebuilds. A metric is named "<dashboard id>.<widget id>", so its routes
// name a dashboard: another tenant's dashboard id answers 404.
func (s *Server) insightRoutes() []route {
	if s.deps.Insights == nil {
		return nil
	}
	return []route{
		{method: http.MethodGet, path: "/api/v1/dashboards/:id/data", op: "dashboardData",
			tag: "insights", summary: "Every widget's figures (from, to, the declared filters)",
			object: "dashboard", out: insights.DashboardData{}, status: http.StatusOK,
			handler: s.dashboardData},
		{method: http.MethodGet, path: "/api/v1/metrics/:id", op: "metricData",
			tag: "insights", summary: "One widget's figures (<dashboard id>.<widget id>; " +
				"from, to, group_by, bucket, top, filters)", object: "dashboard",
			out: insights.WidgetData{}, status: http.StatusOK, handler: s.metricData},
		{method: http.MethodGet, path: "/api/v1/metrics/:id/records", op: "metricRecords",
			tag: "insights", summary: "The records behind a figure (<dimension>=value)",
			object: "dashboard", out: MetricRecords{}, status: http.StatusOK,
			handler: s.metricRecords},
		{method: http.MethodPost, path: "/api/v1/metrics/:id/rebuild", op: "rebuildMetric",
			tag: "insights", summary: "Recompute a metric from the raw data",
			perm: auth.WriteDefinitions, object: "dashboard", out: insights.Rebuilt{},
			status: http.StatusOK, handler: s.rebuildMetric},
	}
}

// insightQuery parses the query string; filters are checked by the domain.
func insightQuery(c fiber.Ctx) (insights.Query, error) {
	v, err := url.ParseQuery(string(c.Request().URI().QueryString()))
	if err != nil {
		return insights.Query{}, problem.New(problem.BadRequest, "request.invalid_query",
			i18n.Params{"name": "query"})
	}
	return insights.ParseQuery(v, nil)
}

func (s *Server) dashboardData(c fiber.Ctx) error {
	q, err := insightQuery(c)
	if err != nil {
		return err
	}
	d, err := s.deps.Insights.Dashboard(c.Context(), principalOf(c), c.Params("id"), q)
	if err != nil {
		return err
	}
	return c.JSON(d)
}

func (s *Server) metricData(c fiber.Ctx) error {
	q, err := insightQuery(c)
	if err != nil {
		return err
	}
	w, err := s.deps.Insights.Widget(c.Context(), principalOf(c), c.Params("id"), q)
	if err != nil {
		return err
	}
	return c.JSON(w)
}

func (s *Server) metricRecords(c fiber.Ctx) error {
	q, err := insightQuery(c)
	if err != nil {
		return err
	}
	recs, err := s.deps.Insights.Records(c.Context(), principalOf(c), c.Params("id"), q)
	if err != nil {
		return err
	}
	return c.JSON(MetricRecords{Items: recs})
}

func (s *Server) rebuildMetric(c fiber.Ctx) error {
	p := principalOf(c)
	r, err := s.deps.Insights.Rebuild(c.Context(), p.TenantID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(r)
}
