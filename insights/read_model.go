package insights

import "github.com/formworkhq/formwork/designer"

// DashboardData is the answer of a dashboard read; its JSON shape is what
// the web app codes against.
type DashboardData struct {
	DashboardID string       `json:"dashboard_id"`
	Key         string       `json:"key"`
	Version     int          `json:"version"`
	From        string       `json:"from"`
	To          string       `json:"to"`
	Widgets     []WidgetData `json:"widgets"`
}

// WidgetData is one widget's figures.
type WidgetData struct {
	ID    string        `json:"id"`
	Chart string        `json:"chart"`
	Title designer.Text `json:"title"`
	// Metric is the metric's reference for the widget and drill-down
	// reads: "<dashboard id>.<widget id>".
	Metric string `json:"metric"`
	// Value is the figure over everything shown; null when undefined (an
	// average or ratio of nothing).
	Value       *float64    `json:"value"`
	Numerator   *float64    `json:"numerator,omitempty"`
	Denominator *float64    `json:"denominator,omitempty"`
	Groups      []GroupData `json:"groups"`
	Series      []Point     `json:"series"`
	Stages      []StageData `json:"stages,omitempty"`
	// Capped says a distinct count reached its exact limit somewhere and
	// is a lower bound.
	Capped bool `json:"capped,omitempty"`
	// Unsupported, when set, says why the widget has no figures.
	Unsupported string `json:"unsupported,omitempty"`
}

// GroupData is one group of a widget, ranked by value.
type GroupData struct {
	Keys        map[string]string `json:"keys"`
	Labels      map[string]string `json:"labels"`
	Value       *float64          `json:"value"`
	Numerator   *float64          `json:"numerator,omitempty"`
	Denominator *float64          `json:"denominator,omitempty"`
	// Rank is 1 for the highest value; ties are ordered by their keys, so
	// ranks are distinct and stable.
	Rank int `json:"rank"`
}

// Point is one bucket of a series.
type Point struct {
	Bucket string   `json:"bucket"`
	Value  *float64 `json:"value"`
}

// StageData is one stage of a funnel.
type StageData struct {
	Stage string `json:"stage"`
	// Count is how many items reached the stage (are in it or beyond).
	Count int64 `json:"count"`
	// Conversion is Count over the previous stage's; null for the first.
	Conversion *float64 `json:"conversion"`
	// Baseline is the expected conversion: the widget's configured one
	// for the stage, else learnt from earlier periods.
	Baseline *float64 `json:"baseline"`
	// Configured says the baseline is the widget's, not learnt.
	Configured bool `json:"configured,omitempty"`
	// Below says the conversion is under its baseline.
	Below bool `json:"below"`
}
