package insights_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// funnelDashboard is one funnel over leads with configured baselines.
func funnelDashboard(baselines map[string]any) map[string]any {
	count := map[string]any{"kind": "count", "source": "records", "form": "lead"}
	return map[string]any{"widgets": []any{
		widget("funnel", "funnel", count, map[string]any{"baselines": baselines}),
	}}
}

// TestConfiguredBaselinesOverrideLearnt: a configured stage baseline
// replaces the learnt one and raises its alert; a stage without one keeps
// learning.
func TestConfiguredBaselinesOverrideLearnt(t *testing.T) {
	f := newFixture(t)
	f.publish(designer.KindForm, "lead", leadForm())
	dash := f.publish(designer.KindDashboard, "funnel", funnelDashboard(
		map[string]any{"won": 90}))
	for range 4 {
		f.submit(f.reps[0], map[string]any{"company": "Acme", "stage": "won"})
	}
	f.clock.Advance(10 * 24 * time.Hour)
	for _, st := range []string{"new", "contacted", "won", "won"} {
		f.submit(f.reps[0], map[string]any{"company": "Acme", "stage": st})
	}
	now := f.clock.Now()
	q := insights.Query{From: now.AddDate(0, 0, -4), To: now.AddDate(0, 0, 6)}

	w, err := f.svc.Widget(f.ctx, f.admin, dash+".funnel", q)
	if err != nil {
		t.Fatal(err)
	}
	want := []insights.StageData{{Stage: "new", Count: 4},
		{Stage: "contacted", Count: 3, Conversion: ptr(0.75), Baseline: ptr(1), Below: true},
		{Stage: "won", Count: 2, Conversion: ptr(2.0 / 3), Baseline: ptr(0.9),
			Configured: true, Below: true}}
	if diff := cmp.Diff(want, w.Stages); diff != "" {
		t.Errorf("funnel (-want +got):\n%s", diff)
	}
	stages := map[string]bool{}
	for _, a := range f.alerts.list {
		stages[a.Stage] = true
	}
	if diff := cmp.Diff(map[string]bool{"contacted": true, "won": true}, stages); diff != "" {
		t.Errorf("alerted stages (-want +got):\n%s", diff)
	}
}

// TestBaselinesAreLinted: baselines belong to funnels and are percents.
func TestBaselinesAreLinted(t *testing.T) {
	f := newFixture(t)
	f.publish(designer.KindForm, "lead", leadForm())
	count := map[string]any{"kind": "count", "source": "records", "form": "lead"}
	cases := []struct {
		name    string
		widget  map[string]any
		pointer string
		code    string
	}{
		{"not a funnel", widget("bar", "bar", count,
			map[string]any{"baselines": map[string]any{"won": 50}}),
			"/widgets/0/baselines", "baselines_funnel_only"},
		{"over 100", widget("f", "funnel", count,
			map[string]any{"baselines": map[string]any{"won": 150}}),
			"/widgets/0/baselines/won", "baseline_percent"},
		{"zero", widget("f", "funnel", count,
			map[string]any{"baselines": map[string]any{"a/b": 0}}),
			"/widgets/0/baselines/a~1b", "baseline_percent"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			meta := designer.Meta{Key: "bad", Name: designer.Text{"en": "bad"}}
			content := map[string]any{"widgets": []any{c.widget}}
			_, _, err := f.designer.Create(f.ctx, f.admin, designer.KindDashboard, meta,
				raw(t, content))
			pe, ok := problem.As(err)
			if !ok || len(pe.Fields) == 0 {
				t.Fatalf("err = %v, want a problem with fields", err)
			}
			got := pe.Fields[0]
			if got.Pointer != c.pointer || got.Code != c.code {
				t.Errorf("field = %s %s, want %s %s", got.Pointer, got.Code, c.pointer, c.code)
			}
			for _, l := range i18n.Locales {
				if msg := i18n.T(l, "field."+c.code, got.Params); msg == "field."+c.code {
					t.Errorf("no %s message for %s", l, c.code)
				}
			}
		})
	}
}
