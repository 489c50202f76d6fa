package designer

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Dashboard is the content of a dashboard definition: widgets that each
// chart one metric, and the filters a viewer may set for all of them.
type Dashboard struct {
	// Widgets are shown in order, in a grid of four columns.
	Widgets []Widget `json:"widgets"`
	// Filters are the dimensions a viewer may narrow every widget by.
	Filters []string `json:"filters,omitempty"`
}

// Widget charts one metric.
type Widget struct {
	// ID is unique within the dashboard: ^[a-z][a-z0-9_]*$.
	ID string `json:"id"`
	// Title per locale.
	Title Text `json:"title"`
	// Chart is number, line, bar, pie, table, funnel or leaderboard.
	Chart string `json:"chart"`
	// Metric is what is measured.
	Metric Metric `json:"metric"`
	// GroupBy lists dimensions: owner, team, region, product_line, stage,
	// channel, customer_tier, or a field of the metric's form.
	GroupBy []string `json:"group_by,omitempty"`
	// Bucket is the time bucket of a series: day, week, month or period
	// (the periods of Calendar).
	Bucket string `json:"bucket,omitempty"`
	// Calendar is the key of the business calendar for bucket "period";
	// empty means the tenant's default calendar.
	Calendar string `json:"calendar,omitempty"`
	// Top keeps the first N groups (leaderboards); 0 keeps all, at most 100.
	Top int `json:"top,omitempty"`
	// Span is the widget's width in grid columns, 1 to 4 (0 means 1).
	Span int `json:"span,omitempty"`
	// Baselines, for a funnel, are the expected conversions into stages
	// (percent of the previous stage, above 0 and at most 100), by stage;
	// they override the baselines learnt from earlier periods.
	Baselines map[string]float64 `json:"baselines,omitempty"`
}

// Metric is a measure over one source of events.
type Metric struct {
	// Kind is count, sum, avg, distinct or ratio.
	Kind string `json:"kind"`
	// Source is records, activities, tasks, timers or ledger.
	Source string `json:"source,omitempty"`
	// Form is the form key whose records (or their activities and tasks)
	// are measured; required for source records.
	Form string `json:"form,omitempty"`
	// Field is what sum, avg and distinct read.
	Field string `json:"field,omitempty"`
	// Filter keeps the items for which this expression is true; it may name
	// the form's fields as record.<field>.
	Filter string `json:"filter,omitempty"`
	// Event, for source tasks, is what is counted of a task: created (on
	// its creation day), completed (on its completion day; the default) or
	// cancelled (on the day its process cancelled it).
	Event string `json:"event,omitempty"`
	// DateField, for source records, is the date or date-time field of the
	// form whose day a record counts on (a weekly score on its week, a deal
	// on its close date); empty means the day the record was created. A
	// record whose field is empty counts on no day.
	DateField string `json:"date_field,omitempty"`
	// Numerator and Denominator make a ratio, e.g. fulfilled promises over
	// all promises.
	Numerator   *Metric `json:"numerator,omitempty"`
	Denominator *Metric `json:"denominator,omitempty"`
}

// The vocabularies of dashboards.
var (
	chartKinds    = []string{"number", "line", "bar", "pie", "table", "funnel", "leaderboard"}
	metricKinds   = []string{"count", "sum", "avg", "distinct", "ratio"}
	metricSources = []string{"records", "activities", "tasks", "timers", "ledger"}
	taskEvents    = []string{"created", "completed", "cancelled"}
	dimensions    = []string{"owner", "team", "region", "product_line", "stage", "channel",
		"customer_tier"}
	buckets = []string{"day", "week", "month", "period"}
)

// Limits of a dashboard.
const (
	maxWidgets = 50
	maxTop     = 100
)

type dashboardSpec struct{}

func (dashboardSpec) check(ctx context.Context, _ Meta, content json.RawMessage,
	refs *Refs) (json.RawMessage, []problem.FieldError, error) {
	var d Dashboard
	if err := strictDecode(content, &d); err != nil {
		return nil, nil, err
	}
	var c problem.Collector
	checkDashboard(ctx, &c, &d, refs)
	if err := c.Err(); err != nil {
		return nil, nil, err
	}
	canonical, err := json.Marshal(d)
	return canonical, nil, err
}

func checkDashboard(ctx context.Context, c *problem.Collector, d *Dashboard, refs *Refs) {
	if len(d.Widgets) > maxWidgets {
		c.Add("/widgets", "too_many", i18n.Params{"max": maxWidgets})
		return
	}
	seen := map[string]bool{}
	for i := range d.Widgets {
		w := &d.Widgets[i]
		ptr := "/widgets/" + strconv.Itoa(i)
		if seen[w.ID] {
			c.Add(ptr+"/id", "duplicate", nil)
		}
		seen[w.ID] = true
		checkWidget(ctx, c, ptr, w, refs)
	}
	for i, f := range d.Filters {
		if !slices.Contains(dimensions, f) {
			c.Add("/filters/"+strconv.Itoa(i), "unknown_dimension",
				i18n.Params{"allowed": listOf(dimensions)})
		}
	}
}

func checkWidget(ctx context.Context, c *problem.Collector, ptr string, w *Widget,
	refs *Refs) {
	checkKey(c, ptr+"/id", w.ID, true)
	checkText(c, ptr+"/title", w.Title, true)
	oneOf(c, ptr+"/chart", w.Chart, chartKinds, true)
	oneOf(c, ptr+"/bucket", w.Bucket, buckets, false)
	checkKey(c, ptr+"/calendar", w.Calendar, false)
	if w.Calendar != "" && !refs.exists(ctx, KindCalendar, w.Calendar) {
		c.Add(ptr+"/calendar", "unknown_calendar", i18n.Params{"key": w.Calendar})
	}
	if w.Top < 0 || w.Top > maxTop {
		c.Add(ptr+"/top", "out_of_range", i18n.Params{"min": 0, "max": maxTop})
	}
	if w.Span < 0 || w.Span > 4 {
		c.Add(ptr+"/span", "out_of_range", i18n.Params{"min": 1, "max": 4})
	}
	if w.Chart == "leaderboard" && len(w.GroupBy) == 0 {
		c.Add(ptr+"/group_by", "required", nil)
	}
	checkBaselines(c, ptr+"/baselines", w)
	fields := checkMetric(ctx, c, ptr+"/metric", &w.Metric, refs, 0)
	for i, g := range w.GroupBy {
		if !slices.Contains(dimensions, g) && fields[g] == nil {
			c.Add(ptr+"/group_by/"+strconv.Itoa(i), "unknown_dimension",
				i18n.Params{"allowed": listOf(dimensions)})
		}
	}
}

// SourceFields are the fields of the items a metric over tasks, timers or
// ledger entries measures, with their types; a filter names them as
// record.<field>, like a form's, and group_by, sum and avg may use them.
// A task counts on the day of its Metric.Event (created, completed or
// cancelled), as it was then; timers once fired; ledger entries when
// booked. Other sources answer nil.
func SourceFields(source string) map[string]expr.Type {
	switch source {
	case "tasks":
		return map[string]expr.Type{"status": expr.String, "outcome": expr.String,
			"kind": expr.String, "node": expr.String, "form": expr.String,
			"process": expr.String, "overdue": expr.Bool, "hours": expr.Number}
	case "timers":
		return map[string]expr.Type{"kind": expr.String, "late": expr.Bool,
			"late_seconds": expr.Number}
	case "ledger":
		return map[string]expr.Type{"ledger": expr.String, "kind": expr.String,
			"reason": expr.String, "points": expr.Number, "amount": expr.Number}
	}
	return nil
}

// checkTaskEvent checks the event a metric over tasks counts; other
// sources have none.
func checkTaskEvent(c *problem.Collector, ptr string, m *Metric) {
	switch {
	case m.Event != "" && m.Source != "tasks":
		c.Add(ptr, "metric_event_tasks_only", nil)
	default:
		oneOf(c, ptr, m.Event, taskEvents, false)
	}
}

// maxBaselines bounds the stages a funnel may configure baselines for.
const maxBaselines = 50

// checkBaselines checks a funnel's configured baselines: stage keys, and
// percentages above 0 and at most 100.
func checkBaselines(c *problem.Collector, ptr string, w *Widget) {
	if len(w.Baselines) == 0 {
		return
	}
	if w.Chart != "funnel" {
		c.Add(ptr, "baselines_funnel_only", nil)
		return
	}
	if len(w.Baselines) > maxBaselines {
		c.Add(ptr, "too_many", i18n.Params{"max": maxBaselines})
		return
	}
	stages := make([]string, 0, len(w.Baselines))
	for st := range w.Baselines {
		stages = append(stages, st)
	}
	slices.Sort(stages)
	for _, st := range stages {
		p := ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(st)
		if pct := w.Baselines[st]; !(pct > 0 && pct <= 100) {
			c.Add(p, "baseline_percent", nil)
		}
		if st == "" || len(st) > 64 {
			c.Add(p, "baseline_stage", nil)
		}
	}
}

// checkMetric checks m and returns the fields of its form, by name.
func checkMetric(ctx context.Context, c *problem.Collector, ptr string, m *Metric,
	refs *Refs, depth int) map[string]expr.Type {
	oneOf(c, ptr+"/kind", m.Kind, metricKinds, true)
	if m.Kind == "ratio" {
		return checkRatio(ctx, c, ptr, m, refs, depth)
	}
	oneOf(c, ptr+"/source", m.Source, metricSources, true)
	checkTaskEvent(c, ptr+"/event", m)
	fields := map[string]expr.Type{}
	if own := SourceFields(m.Source); own != nil {
		fields = own
	} else if m.Form != "" || m.Source == "records" {
		fields = refs.formFields(ctx, c, ptr+"/form", m.Form)
	}
	checkDateField(c, ptr+"/date_field", m, fields)
	needsField := m.Kind == "sum" || m.Kind == "avg" || m.Kind == "distinct"
	switch {
	case needsField && m.Field == "":
		c.Add(ptr+"/field", "required", nil)
	case m.Field != "" && fields[m.Field] == nil:
		c.Add(ptr+"/field", "unknown_field", i18n.Params{"field": m.Field})
	case needsField && m.Kind != "distinct" && fields[m.Field] != expr.Number:
		c.Add(ptr+"/field", "not_a_number", i18n.Params{"field": m.Field})
	}
	if m.Filter != "" {
		checkFilter(c, ptr+"/filter", m.Filter, fields)
	}
	return fields
}

func checkRatio(ctx context.Context, c *problem.Collector, ptr string, m *Metric,
	refs *Refs, depth int) map[string]expr.Type {
	if depth > 0 {
		c.Add(ptr+"/kind", "nested_ratio", nil)
		return nil
	}
	if m.Numerator == nil || m.Denominator == nil {
		if m.Numerator == nil {
			c.Add(ptr+"/numerator", "required", nil)
		}
		if m.Denominator == nil {
			c.Add(ptr+"/denominator", "required", nil)
		}
		return nil
	}
	fields := checkMetric(ctx, c, ptr+"/numerator", m.Numerator, refs, depth+1)
	checkMetric(ctx, c, ptr+"/denominator", m.Denominator, refs, depth+1)
	if m.DateField != "" {
		c.Add(ptr+"/date_field", "date_field_on_parts", nil)
	}
	if m.Numerator.DateField != m.Denominator.DateField {
		c.Add(ptr+"/denominator/date_field", "ratio_date_field", nil)
	}
	return fields
}

// checkFilter compiles a metric filter against the form's fields, named
// record.<field>.
func checkFilter(c *problem.Collector, ptr, src string, fields map[string]expr.Type) {
	vars := make([]expr.Var, 0, len(fields))
	for name, t := range fields {
		vars = append(vars, expr.Var{Name: "record." + name, Type: t})
	}
	env, err := expr.NewEnv(vars)
	if err != nil {
		c.Add(ptr, "invalid_expression", i18n.Params{"reason": err.Error()})
		return
	}
	if _, err := env.Compile(src, expr.Bool); err != nil {
		addExprError(c, ptr, err)
	}
}

// addExprError records an expression refusal with its own messages.
func addExprError(c *problem.Collector, ptr string, err error) {
	ee, ok := err.(*expr.Error)
	if !ok {
		c.Add(ptr, "invalid_expression", i18n.Params{"reason": err.Error()})
		return
	}
	c.AddField(problem.FieldError{Pointer: ptr, Code: "expr_" + ee.Code,
		Messages: ee.Messages()})
}

func oneOf(c *problem.Collector, ptr, v string, allowed []string, required bool) {
	switch {
	case v == "" && required:
		c.Add(ptr, "required", nil)
	case v != "" && !slices.Contains(allowed, v):
		c.Add(ptr, "not_allowed", i18n.Params{"allowed": listOf(allowed)})
	}
}

func listOf(items []string) string {
	out := ""
	for i, s := range items {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}

func (dashboardSpec) diff(old, new json.RawMessage) []Change {
	var a, b Dashboard
	if json.Unmarshal(old, &a) != nil || json.Unmarshal(new, &b) != nil {
		return nil
	}
	before := map[string]Widget{}
	for _, w := range a.Widgets {
		before[w.ID] = w
	}
	var out []Change
	for _, w := range b.Widgets {
		prev, ok := before[w.ID]
		delete(before, w.ID)
		switch {
		case !ok:
			out = append(out, change("widget_added", w.ID, false, nil))
		case !sameJSON(prev.Metric, w.Metric):
			out = append(out, change("widget_metric_changed", w.ID, false, nil))
		case !sameJSON(prev, w):
			out = append(out, change("widget_changed", w.ID, false, nil))
		}
	}
	for _, w := range a.Widgets {
		if _, gone := before[w.ID]; gone {
			out = append(out, change("widget_removed", w.ID, false, nil))
		}
	}
	return out
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

// change builds a Change whose message is the catalog's "change.<code>".
func change(code, subject string, breaking bool, p i18n.Params) Change {
	params := i18n.Params{"subject": subject}
	for k, v := range p {
		params[k] = v
	}
	msg := Text{}
	for _, l := range i18n.Locales {
		msg[string(l)] = i18n.T(l, "change."+code, params)
	}
	return Change{Code: code, Subject: subject, Breaking: breaking, Message: msg}
}

var _ = fmt.Sprint
