package insights

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/formworkhq/formwork/designer"
)

// Alert is a funnel stage converting below its baseline in a period.
type Alert struct {
	// DedupeKey is the same for the same metric, stage and period, so a
	// stage raises one alert per period however often it is read.
	DedupeKey  string
	Dashboard  string
	Metric     string
	Widget     designer.Text
	Stage      string
	Conversion float64
	Baseline   float64
	From, To   string
}

// lostStages are stage names that end a funnel without reaching its goal;
// they count for no stage.
var lostStages = []string{"lost", "disqualified", "cancelled", "canceled", "closed_lost"}

// window is the range a widget read covers, with the figures read for it
// and the documents loaded so far.
type window struct {
	from, to time.Time
	docs     []dayFigures
	cache    *months
}

// funnel computes a funnel widget's stages with their baselines (the
// configured ones, else learnt) and raises an alert for each stage below
// its baseline.
func (s *Service) funnel(ctx context.Context, tenantID string, b *Board, m *Metric, v *view,
	w window) ([]StageData, error) {
	stages, err := s.stages(ctx, tenantID, m.Form)
	if err != nil {
		return nil, err
	}

	out := conversions(stages, v.stageCounts(w.docs))
	if err := s.baselines(ctx, tenantID, m, v, w, out); err != nil {
		return nil, err
	}
	configured(m.Widget.Baselines, out)
	mark(out)

	for _, st := range out {
		if st.Below {
			s.raise(ctx, tenantID, b, m, st, w.from, w.to)
		}
	}
	return out, nil
}

// configured puts the widget's configured baselines (percent per stage)
// in place of the learnt ones.
func configured(baselines map[string]float64, out []StageData) {
	for i := 1; i < len(out); i++ {
		if pct, ok := baselines[out[i].Stage]; ok {
			b := pct / 100
			out[i].Baseline, out[i].Configured = &b, true
		}
	}
}

// mark flags the stages converting below their baselines.
func mark(out []StageData) {
	for i := range out {
		b, c := out[i].Baseline, out[i].Conversion
		out[i].Below = b != nil && c != nil && *c < *b-1e-9
	}
}

// stageCounts counts the filtered items by stage.
func (v *view) stageCounts(docs []dayFigures) map[string]int64 {
	out := map[string]int64{}
	for i := range docs {
		for _, g := range docs[i].Metrics[v.m.Key] {
			if v.keep(g.Keys) {
				out[g.Keys["stage"]] += g.Main.Count
			}
		}
	}
	return out
}

// conversions turns per-stage counts into funnel stages: an item counts
// for every stage up to the one it is in.
func conversions(stages []string, counts map[string]int64) []StageData {
	out := make([]StageData, len(stages))
	var reached int64
	for i := len(stages) - 1; i >= 0; i-- {
		reached += counts[stages[i]]
		out[i] = StageData{Stage: stages[i], Count: reached}
	}
	for i := 1; i < len(out); i++ {
		if out[i-1].Count > 0 {
			c := float64(out[i].Count) / float64(out[i-1].Count)
			out[i].Conversion = &c
		}
	}
	return out
}

// baselines learns each stage's baseline as the mean conversion of the
// BaselinePeriods periods of the same length before the window. A widget
// whose every stage after the first has a configured baseline learns
// nothing.
func (s *Service) baselines(ctx context.Context, tenantID string, m *Metric, v *view,
	w window, out []StageData) error {
	if allConfigured(m.Widget.Baselines, out) {
		return nil
	}
	span := w.to.Sub(w.from)
	sums, ns := make([]float64, len(out)), make([]int, len(out))
	for k := 1; k <= s.cfg.BaselinePeriods; k++ {
		pf, pt := w.from.Add(-time.Duration(k)*span), w.from.Add(-time.Duration(k-1)*span)
		docs, err := s.loadDays(ctx, tenantID, m.Family(), pf, pt, w.cache)
		if err != nil {
			return err
		}
		stages := make([]string, len(out))
		for i := range out {
			stages[i] = out[i].Stage
		}
		for i, st := range conversions(stages, v.stageCounts(docs)) {
			if st.Conversion != nil {
				sums[i] += *st.Conversion
				ns[i]++
			}
		}
	}
	for i := range out {
		if ns[i] == 0 {
			continue
		}
		b := sums[i] / float64(ns[i])
		out[i].Baseline = &b
	}
	return nil
}

// allConfigured reports whether every stage after the first has a
// configured baseline.
func allConfigured(baselines map[string]float64, out []StageData) bool {
	for i := 1; i < len(out); i++ {
		if _, ok := baselines[out[i].Stage]; !ok {
			return false
		}
	}
	return len(out) > 1
}

// raise hands one alert to the alerter; a failure is logged, not fatal to
// the read.
func (s *Service) raise(ctx context.Context, tenantID string, b *Board, m *Metric,
	st StageData, from, to time.Time) {
	if s.alerter == nil {
		return
	}
	a := Alert{Dashboard: b.DefinitionID, Metric: m.ID, Widget: m.Widget.Title,
		Stage: st.Stage, Conversion: *st.Conversion, Baseline: *st.Baseline,
		From: dayOf(from, s.cfg.Zone), To: dayOf(to, s.cfg.Zone)}
	a.DedupeKey = strings.Join([]string{"funnel", m.ID, st.Stage, a.From, a.To}, "|")
	if err := s.alerter.Alert(ctx, tenantID, a); err != nil {
		s.log.WarnContext(ctx, "funnel alert not raised", "tenant_id", tenantID,
			"metric", m.ID, "stage", st.Stage, "err", err)
	}
}

// stages returns the funnel stages of form key: its stage field's values
// in schema order, without the lost ones.
func (s *Service) stages(ctx context.Context, tenantID, key string) ([]string, error) {
	v, err := s.defs.Latest(ctx, system(tenantID), designer.KindForm, key)
	if err != nil {
		return nil, err
	}
	var fc struct {
		Schema struct {
			Properties map[string]struct {
				Enum []any `json:"enum"`
			} `json:"properties"`
		} `json:"schema"`
	}
	if err := json.Unmarshal(v.ContentJSON(), &fc); err != nil {
		return nil, err
	}
	var out []string
	for _, e := range fc.Schema.Properties["stage"].Enum {
		if st, ok := e.(string); ok && !slices.Contains(lostStages, st) {
			out = append(out, st)
		}
	}
	return out, nil
}
