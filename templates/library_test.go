package templates_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/templates"
)

func catalog(t testing.TB) *templates.Catalog {
	t.Helper()
	c, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestListFilters(t *testing.T) {
	c := catalog(t)
	tests := []struct {
		name   string
		filter templates.Filter
		want   []string
	}{
		{"everything", templates.Filter{}, []string{"commitment_center", "lead_followup",
			"performance_engine"}},
		{"by industry", templates.Filter{Industry: "saas"},
			[]string{"commitment_center", "lead_followup", "performance_engine"}},
		{"by capability red lines", templates.Filter{Capability: "red_lines"},
			[]string{"performance_engine"}},
		{"by capability", templates.Filter{Capability: "silence_breaker"}, []string{"lead_followup"}},
		{"by size", templates.Filter{Size: "xs"}, []string{"commitment_center", "lead_followup"}},
		{"search english", templates.Filter{Query: "FOLLOW-UP"}, []string{"lead_followup"}},
		{"search chinese", templates.Filter{Query: "承诺"}, []string{"commitment_center"}},
		{"no match", templates.Filter{Industry: "mining"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{}
			for _, s := range c.List(tt.filter) {
				got = append(got, s.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("List(%+v) (-want +got):\n%s", tt.filter, diff)
			}
		})
	}
}

func TestGetPreview(t *testing.T) {
	c := catalog(t)
	pv, err := c.Get("lead_followup")
	if err != nil {
		t.Fatal(err)
	}
	keys := func(items []templates.Item) []string {
		out := []string{}
		for _, it := range items {
			out = append(out, it.Key)
			if it.Name["en"] == "" || it.Name["zh-CN"] == "" {
				t.Errorf("%s lacks a name in both languages: %v", it.Key, it.Name)
			}
		}
		return out
	}
	got := map[string][]string{"forms": keys(pv.Forms), "processes": keys(pv.Processes),
		"dashboards": keys(pv.Dashboards)}
	want := map[string][]string{
		"forms":      {"follow_up", "lead", "standup", "warning_ticket"},
		"processes":  {"lead_response_sla", "silence_breaker"},
		"dashboards": {"lead_follow_up"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("preview (-want +got):\n%s", diff)
	}
	if pv.SampleRecords == 0 || pv.Requires.Channels[0] != "wecom" {
		t.Errorf("preview = %+v", pv)
	}
}

func TestGetUnknown(t *testing.T) {
	_, err := catalog(t).Get("no_such_pack")
	pe, ok := problem.As(err)
	if !ok || pe.Kind != problem.NotFound || pe.Code != "templates.not_found" {
		t.Fatalf("Get(unknown) = %v, want a templates.not_found refusal", err)
	}
}
