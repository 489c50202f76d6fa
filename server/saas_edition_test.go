package server_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/server"
)

// TestSaaSEdition installs the SaaS edition, once with its sample trials
// in both languages, and drives it as a SaaS team would: a lead on a quarterly budget (not a
// subscription term) with no seats is refused in the edition's words; a
// campaign sign-up goes to the rep, moves through demo and trial, and
// left silent for two days the sales lead steps in and a warning ticket
// is opened; the board counts the deals by the
// edition's stages.
func TestSaaSEdition(t *testing.T) {
	h := newHarness(t, server.Options{})
	sampled := newPackUsers(h, "en")
	sampled.install("saas_edition", true)
	samples := sampled.records("lead", "company")
	if samples["杭州云帆软件"]["seats"] != 50.0 || samples["Northwind Analytics"]["seats"] != 12.0 {
		t.Errorf("sample trials = %v", samples)
	}
	u := newPackUsers(h, "en")
	u.install("saas_edition", false)

	lead := map[string]any{"company": "Brightwave Labs", "contact_name": "Ana Silva",
		"mobile": "+14155550111", "decision_role": "influencer", "budget_cycle": "quarterly",
		"pain_level": "high", "stage": "new", "seats": 0, "trial_ends_on": "2026-03-06",
		"utm_source": "google", "utm_campaign": "crm_trial"}
	bad := u.refused("", "lead", lead)
	expectFieldError(t, bad, "/budget_cycle", "", "Subscription term")
	expectFieldError(t, bad, "/seats", "", "Seats")
	lead["budget_cycle"], lead["seats"] = "multi_year", 40
	id := u.submit("", "lead", lead)
	if owner := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + id,
		token: u.a.token}).body["owner_id"]; owner != u.rep {
		t.Errorf("campaign sign-up owner = %v, want the rep %s", owner, u.rep)
	}
	u.patch("rep", id, map[string]any{"stage": "demo"})
	u.patch("rep", id, map[string]any{"stage": "trial", "current_tool": "HubSpot"})
	u.submit("rep", "lead", map[string]any{"company": "Northwind Analytics",
		"contact_name": "Sam Patel", "mobile": "+14155550100", "decision_role": "decision_maker",
		"budget_cycle": "usage", "pain_level": "medium", "stage": "new"})

	u.setClock("2026-02-22T12:00:00Z")
	if task := u.openTask("sup", id, "Sales lead steps in"); task == nil ||
		titleOf(task, "zh-CN") != "销售主管介入" {
		t.Errorf("the supervisor has no intervention after two silent days: %v", task)
	}
	if u.openTaskOfKind("sup", "ticket", id, "Silent lead: Brightwave Labs") == nil {
		t.Errorf("no warning ticket for the silent trial")
	}

	data := u.board("lead_follow_up", nil)
	stages := map[string]any{"new": 1.0, "trial": 1.0}
	if diff := cmp.Diff(stages, groupValues(data, "stage_ageing", "stage")); diff != "" {
		t.Errorf("deals by stage (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"follow_up_rate_72h": 0.5},
		values(data, "follow_up_rate_72h")); diff != "" {
		t.Errorf("follow-up rate (-want +got):\n%s", diff)
	}
	if title := widgetOf(data, "stage_ageing")["title"]; str(title.(map[string]any)["en"]) !=
		"Days in each deal stage" {
		t.Errorf("stage ageing title = %v", title)
	}
}
