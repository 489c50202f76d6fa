package server_test

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/server"
)

// TestCrossBorderEdition installs the cross-border edition with its
// sample inquiries and drives it as an export team would: an inquiry on a
// domestic region and without a country is refused in the edition's
// words; a buyer's inquiry gives the rep a first reply, reminded on WeCom
// with the supervisor copied after two hours; and the inquiry board,
// filtered to one market, counts that market's inquiries only.
func TestCrossBorderEdition(t *testing.T) {
	h := newHarness(t, server.Options{})
	u := newPackUsers(h, "zh-CN")
	u.install("cross_border_edition", true)
	samples := u.records("lead", "company")
	if samples["Lakeside Home Goods LLC"]["incoterm"] != "ddp" ||
		samples["Tokopedia 家居旗舰店"]["country"] != "印度尼西亚" {
		t.Errorf("sample inquiries = %v", samples)
	}

	inquiry := map[string]any{"company": "Maple Leaf Living Inc.", "contact_name": "Chloe Martin",
		"mobile": "+14165550142", "region": "east", "decision_role": "decision_maker",
		"budget_cycle": "trial_order", "pain_level": "high", "stage": "new",
		"platform": "shopify", "incoterm": "ddp", "moq": 300}
	bad := u.refused("rep", "lead", inquiry)
	expectFieldError(t, bad, "/country", "required", "国家")
	expectFieldError(t, bad, "/region", "", "市场")
	inquiry["region"], inquiry["country"] = "north_america", "Canada"
	id := u.submit("rep", "lead", inquiry)
	reply := u.openTask("rep", id, "First reply to the inquiry")
	if reply == nil || titleOf(reply, "zh-CN") != "首次回复询盘" {
		t.Errorf("the rep has no first reply to the inquiry: %v", reply)
	}

	u.setClock("2026-02-20T11:30:00Z")
	sent := u.h.deliverAll(u.a, id)
	if !hasEveryID(sent.recipients["wecom"], u.rep, u.sup) {
		t.Errorf("WeCom to-do = %+v, want the rep and the supervisor", sent)
	}

	data := u.board("lead_follow_up", url.Values{"region": {"north_america"}})
	want := map[string]any{"follow_up_rate_72h": 0.5}
	if diff := cmp.Diff(want, values(data, "follow_up_rate_72h")); diff != "" {
		t.Errorf("inquiries from North America (-want +got):\n%s", diff)
	}
	stages := map[string]any{"new": 1.0, "sample_sent": 1.0}
	if diff := cmp.Diff(stages, groupValues(data, "stage_ageing", "stage")); diff != "" {
		t.Errorf("North American inquiries by stage (-want +got):\n%s", diff)
	}
}
