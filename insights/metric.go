package insights

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/expr"
)

// The sources a metric is kept for incrementally.
const (
	SourceRecords    = "records"
	SourceActivities = "activities"
	SourceTasks      = "tasks"
	SourceTimers     = "timers"
	SourceLedger     = "ledger"
)

// factSources are the sources whose items are facts: counted once, on
// their day, never changed (facts.go).
var factSources = []string{SourceTasks, SourceTimers, SourceLedger}

func isFact(source string) bool { return slices.Contains(factSources, source) }

// Metric is one widget's measure, compiled for upkeep and reads.
type Metric struct {
	// ID is "<dashboard key>:<widget id>:<hash>".
	ID string
	// Key is the short hash of ID that keys the metric's groups and shares
	// inside rollup documents.
	Key    string
	Widget designer.Widget
	// Kind, Source and Form are the measure's; a ratio's parts share the
	// numerator's source and form.
	Kind, Source, Form string
	// Dims are the dimensions groups are kept by: the widget's group-by
	// and the dashboard's filters, sorted.
	Dims []string
	// DateField, for a metric over records, is the form's date or
	// date-time field whose day a record counts on; empty means its
	// creation day (datefield.go).
	DateField string
	// Main is the measure or a ratio's numerator; Den a ratio's
	// denominator.
	Main part
	Den  *part
	// Unsupported, when set, says why the metric has no rollup (an unknown
	// source, a record metric without its form, or a ratio that mixes
	// sources).
	Unsupported string
}

// part is one measured quantity; event, for a metric over tasks, is the
// one task event it counts.
type part struct {
	kind   string
	field  string
	event  string
	filter *expr.Program
}

// taskEvents lists the task events m's parts count.
func (m *Metric) taskEvents() []string {
	out := []string{m.Main.event}
	if m.Den != nil && m.Den.event != m.Main.event {
		out = append(out, m.Den.event)
	}
	return out
}

// Family names the events that feed the metric: a form's records or
// activities, or all of a tenant's tasks, timers or ledger entries.
func (m *Metric) Family() string {
	if isFact(m.Source) {
		return m.Source + ":"
	}
	return m.Source + ":" + m.Form
}

// actorDims are the dimensions an activity metric is kept by: the
// actor's own. The record's dimensions (stage, region …) change after the
// activity, and a rollup keyed by them could not be rebuilt exactly from
// the raw data, so an activity widget ignores filters on them.
var actorDims = []string{"owner", "team"}

// metricID derives the stable id of a widget's measure.
func metricID(dashboardKey string, w designer.Widget, dims []string) string {
	raw, _ := json.Marshal(struct {
		M designer.Metric `json:"m"`
		D []string        `json:"d"`
	}{w.Metric, dims})
	sum := sha256.Sum256(raw)
	return dashboardKey + ":" + w.ID + ":" + hex.EncodeToString(sum[:6])
}

// storageKey is the short key of metric id inside documents.
func storageKey(id string) string {
	sum := sha256.Sum256([]byte(id))
	return "k" + hex.EncodeToString(sum[:5])
}

// dimsOf is the sorted union of a widget's group-by and the filters, and
// the stage for a funnel.
func dimsOf(w designer.Widget, filters []string) []string {
	out := append(append([]string(nil), w.GroupBy...), filters...)
	if w.Chart == "funnel" {
		out = append(out, "stage")
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// keptDims are the dimensions widget w's metric is kept by: an activity's
// are its actor's; a task's, timer's or ledger entry's are its person's
// (none for timers) and its own fields.
func keptDims(w designer.Widget, filters []string) []string {
	dims, source := dimsOf(w, filters), sourceOf(w.Metric)
	var allowed []string
	switch {
	case source == SourceActivities:
		allowed = actorDims
	case source == SourceTimers:
		allowed = sortedKeys(designer.SourceFields(source))
	case isFact(source):
		allowed = append(slices.Clone(actorDims), sortedKeys(designer.SourceFields(source))...)
	default:
		return dims
	}
	return slices.DeleteFunc(dims, func(d string) bool { return !slices.Contains(allowed, d) })
}

// sourceOf is a measure's source; a ratio's is its numerator's.
func sourceOf(m designer.Metric) string {
	if m.Kind == "ratio" && m.Numerator != nil {
		return m.Numerator.Source
	}
	return m.Source
}

// compileMetric builds the Metric of widget w; fields are the form's
// fields with their expression types.
func compileMetric(dashboardKey string, w designer.Widget, filters []string,
	fields map[string]expr.Type) (*Metric, error) {
	dims := keptDims(w, filters)
	id := metricID(dashboardKey, w, dims)
	m := &Metric{ID: id, Key: storageKey(id), Widget: w, Kind: w.Metric.Kind,
		Source: w.Metric.Source, Form: w.Metric.Form, Dims: dims}
	main, den := &w.Metric, (*designer.Metric)(nil)
	if m.Kind == "ratio" {
		if w.Metric.Numerator == nil || w.Metric.Denominator == nil {
			return nil, fmt.Errorf("ratio %s without its parts", m.ID)
		}
		main, den = w.Metric.Numerator, w.Metric.Denominator
		m.Source, m.Form = main.Source, main.Form
	}
	m.DateField = main.DateField
	m.Unsupported = unsupported(m, main, den)
	var err error
	if m.Main, err = compilePart(main, fields); err != nil {
		return nil, fmt.Errorf("compiling %s: %w", m.ID, err)
	}
	if den != nil {
		p, err := compilePart(den, fields)
		if err != nil {
			return nil, fmt.Errorf("compiling %s: %w", m.ID, err)
		}
		m.Den = &p
	}
	return m, nil
}

// unsupported says why m cannot be kept, or "".
func unsupported(m *Metric, main, den *designer.Metric) string {
	fact := isFact(m.Source)
	switch {
	case m.Source != SourceRecords && m.Source != SourceActivities && !fact:
		return "source " + m.Source + " emits no events to insights"
	case m.Form == "" && !fact:
		return "a rollup needs the metric's form"
	case den != nil && (den.Source != main.Source || !fact && den.Form != main.Form):
		return "a ratio's parts must measure the same source and form"
	case den != nil && (!countOrSum(main.Kind) || !countOrSum(den.Kind)):
		return "a ratio's parts must be counts or sums"
	case main.DateField != "" && m.Source != SourceRecords:
		return "only a metric over records counts on a date field"
	case den != nil && den.DateField != main.DateField:
		return "a ratio's parts must count on the same date field"
	}
	return ""
}

func countOrSum(kind string) bool { return kind == "count" || kind == "sum" }

func compilePart(m *designer.Metric, fields map[string]expr.Type) (part, error) {
	p := part{kind: m.Kind, field: m.Field, event: m.Event}
	if m.Source == SourceTasks && p.event == "" {
		p.event = TaskCompleted
	}
	if m.Filter == "" {
		return p, nil
	}
	vars := make([]expr.Var, 0, len(fields))
	for name, t := range fields {
		vars = append(vars, expr.Var{Name: "record." + name, Type: t})
	}
	env, err := expr.NewEnv(vars)
	if err != nil {
		return p, err
	}
	p.filter, err = env.Compile(m.Filter, expr.Bool)
	return p, err
}

// measure returns what an item with data contributes to the part, or nil
// when the part does not count it.
func (p *part) measure(data map[string]any) *Item {
	if p.event != "" && data["event"] != p.event {
		return nil
	}
	if p.filter != nil {
		vars := make(map[string]any, len(data))
		for k, v := range data {
			vars["record."+k] = v
		}
		ok, err := p.filter.EvalBool(vars)
		if err != nil || !ok {
			return nil
		}
	}
	switch p.kind {
	case "sum", "avg":
		f, ok := number(data[p.field])
		if !ok {
			return nil
		}
		return &Item{Sum: int64(math.Round(f * micro))}
	case "distinct":
		s := text(data[p.field])
		if s == "" {
			return nil
		}
		return &Item{Value: encodeValue(s)}
	}
	return &Item{}
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// text renders a dimension or distinct value.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	}
	if f, ok := number(v); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	raw, _ := json.Marshal(v)
	return string(raw)
}
