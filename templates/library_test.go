package templates_test

import (
	"slices"
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

// underTest are the packs TestListFilters knows; packs that other work
// adds to the library are left out of its lists, and tested on their own.
var underTest = []string{"commitment_center", "lead_followup", "performance_engine",
	"cross_border_edition", "education_edition", "manufacturing_edition",
	"medical_devices_edition", "retail_edition", "saas_edition",
	"starter_xs", "starter_s", "starter_m", "starter_l"}

func TestListFilters(t *testing.T) {
	c := catalog(t)
	editions := []string{"cross_border_edition", "education_edition", "manufacturing_edition",
		"medical_devices_edition", "retail_edition", "saas_edition"}
	tests := []struct {
		name   string
		filter templates.Filter
		want   []string
	}{
		{"plain packs", templates.Filter{Kind: templates.KindPack},
			[]string{"commitment_center", "lead_followup", "performance_engine"}},
		{"editions", templates.Filter{Kind: templates.KindEdition}, editions},
		{"starters", templates.Filter{Kind: templates.KindStarter},
			[]string{"starter_l", "starter_m", "starter_s", "starter_xs"}},
		{"by industry", templates.Filter{Industry: "saas"},
			[]string{"commitment_center", "lead_followup", "performance_engine", "saas_edition",
				"starter_l", "starter_m", "starter_s", "starter_xs"}},
		{"education edition", templates.Filter{Industry: "education", Kind: "edition"},
			[]string{"education_edition"}},
		{"by capability red lines", templates.Filter{Capability: "red_lines"},
			[]string{"performance_engine"}},
		{"by capability", templates.Filter{Capability: "renewal_prediction"},
			[]string{"education_edition"}},
		{"by size", templates.Filter{Size: "xs", Kind: templates.KindPack},
			[]string{"commitment_center", "lead_followup"}},
		{"starter by size", templates.Filter{Size: "m", Kind: templates.KindStarter},
			[]string{"starter_m"}},
		{"search english", templates.Filter{Query: "FOLLOW-UP"}, []string{"lead_followup"}},
		{"search chinese", templates.Filter{Query: "承诺"}, []string{"commitment_center"}},
		{"search an edition", templates.Filter{Query: "跨境"}, []string{"cross_border_edition"}},
		{"no match", templates.Filter{Industry: "mining"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{}
			for _, s := range c.List(tt.filter) {
				if slices.Contains(underTest, s.ID) {
					got = append(got, s.ID)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("List(%+v) (-want +got):\n%s", tt.filter, diff)
			}
		})
	}
}

// TestEditionPreviews checks that every edition and starter lists its base,
// names each definition in both languages and has sample data.
func TestEditionPreviews(t *testing.T) {
	c := catalog(t)
	for _, id := range underTest[3:] {
		pv, err := c.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if pv.Base != "lead_followup" || pv.SampleRecords == 0 || len(pv.Forms) == 0 {
			t.Errorf("%s preview = %+v", id, pv.Summary)
		}
		for _, it := range slices.Concat(pv.Forms, pv.Processes, pv.Dashboards) {
			if it.Name["en"] == "" || it.Name["zh-CN"] == "" {
				t.Errorf("%s: %s lacks a name in both languages: %v", id, it.Key, it.Name)
			}
		}
		if pv.Name["en"] == "" || pv.Name["zh-CN"] == "" || pv.Description["zh-CN"] == "" {
			t.Errorf("%s lacks a name or description in both languages", id)
		}
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
