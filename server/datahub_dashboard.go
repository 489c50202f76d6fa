package server

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// dashboardExportRoutes declares the download of a dashboard's figures,
// served when both the data hub and insights are.
func (s *Server) dashboardExportRoutes() []route {
	if s.deps.DataHub == nil || s.deps.Insights == nil {
		return nil
	}
	return []route{{method: http.MethodGet, path: "/api/v1/dashboards/:id/export",
		op: "exportDashboard", tag: "insights", summary: "Download a dashboard's figures " +
			"(the query of its data) as format=csv or xlsx, one line per figure",
		object: "dashboard", status: http.StatusOK, handler: s.exportDashboard}}
}

func (s *Server) exportDashboard(c fiber.Ctx) error {
	v, err := url.ParseQuery(string(c.Request().URI().QueryString()))
	if err != nil {
		return problem.New(problem.BadRequest, "request.invalid_query",
			i18n.Params{"name": "query"})
	}
	v.Del("format") // the rest is the dashboard data's own query
	q, err := insights.ParseQuery(v, nil)
	if err != nil {
		return err
	}
	f, err := datahub.ParseFormat(c.Query("format"))
	if err != nil {
		return err
	}
	d, err := s.deps.Insights.Dashboard(c.Context(), principalOf(c), c.Params("id"), q)
	if err != nil {
		return err
	}

	loc := localeOf(c)
	return s.download(c, f, safeName(d.Key), func(_ context.Context, w *bufio.Writer) error {
		return writeDashboard(d, f, loc, w)
	})
}

// dashboardColumns are the columns of a dashboard export.
var dashboardColumns = []string{"widget", "metric", "part", "item", "value", "numerator",
	"denominator", "rank", "conversion", "baseline"}

// writeDashboard writes every figure of d: each widget's total, then its
// groups, periods and funnel stages.
func writeDashboard(d *insights.DashboardData, f datahub.Format, loc i18n.Locale,
	w *bufio.Writer) error {
	t, err := datahub.NewTable(f, w)
	if err != nil {
		return err
	}
	head := make([]any, len(dashboardColumns))
	for i, c := range dashboardColumns {
		head[i] = i18n.T(loc, "export."+c, nil)
	}
	if err := t.Write(head); err != nil {
		return err
	}

	for _, wd := range d.Widgets {
		for _, row := range widgetRows(wd, loc) {
			if err := t.Write(row); err != nil {
				return err
			}
		}
	}
	return t.Close()
}

// widgetRows are one widget's lines of a dashboard export.
func widgetRows(wd insights.WidgetData, loc i18n.Locale) [][]any {
	title := wd.Title.In(loc)
	part := func(p string) string { return i18n.T(loc, "export.part."+p, nil) }
	rows := [][]any{{title, wd.Metric, part("total"), "", wd.Value, wd.Numerator,
		wd.Denominator, nil, nil, nil}}
	for _, g := range wd.Groups {
		rows = append(rows, []any{title, wd.Metric, part("group"), groupName(g), g.Value,
			g.Numerator, g.Denominator, g.Rank, nil, nil})
	}
	for _, p := range wd.Series {
		rows = append(rows, []any{title, wd.Metric, part("bucket"), p.Bucket, p.Value,
			nil, nil, nil, nil, nil})
	}
	for _, st := range wd.Stages {
		rows = append(rows, []any{title, wd.Metric, part("stage"), st.Stage, st.Count,
			nil, nil, nil, st.Conversion, st.Baseline})
	}
	return rows
}

// groupName names a group by its labels (or keys), "owner: Wang Lei".
func groupName(g insights.GroupData) string {
	names := g.Labels
	if len(names) == 0 {
		names = g.Keys
	}
	dims := make([]string, 0, len(names))
	for k := range names {
		dims = append(dims, k)
	}
	slices.Sort(dims)
	parts := make([]string, len(dims))
	for i, k := range dims {
		parts[i] = k + ": " + names[k]
	}
	return strings.Join(parts, "; ")
}
