package server_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/server"
)

// TestRetailEdition installs the store-sales edition with its sample
// stores and drives it as a field rep would: a store without its type, on
// a cycle the edition does not order by, is refused in the edition's
// words; a new store gives the rep a first store visit, reminded on WeCom
// with the supervisor copied after two hours; the store moves through the
// edition's own stages, not the base's; and the store development board
// counts the stores by stage.
func TestRetailEdition(t *testing.T) {
	h := newHarness(t, server.Options{})
	u := newPackUsers(h, "zh-CN")
	u.install("retail_edition", true)
	samples := u.records("lead", "company")
	if s := samples["联华超市（文三路店）"]; s["store_type"] != "supermarket" ||
		samples["Sunny Mart Nanshan"]["shelf_facings"] != 4.0 {
		t.Errorf("sample stores = %v", samples)
	}

	store := map[string]any{"company": "好又多便利（学院路店）", "contact_name": "李娜",
		"mobile": "13800138010", "decision_role": "decision_maker", "budget_cycle": "quarterly",
		"pain_level": "high", "stage": "new", "address": "杭州市西湖区学院路 5 号"}
	bad := u.refused("rep", "lead", store)
	expectFieldError(t, bad, "/store_type", "required", "门店类型")
	expectFieldError(t, bad, "/budget_cycle", "", "进货周期")
	store["budget_cycle"], store["store_type"], store["shelf_facings"] = "biweekly",
		"mom_and_pop", 6
	id := u.submit("rep", "lead", store)

	visit := u.openTask("rep", id, "First store visit")
	if visit == nil || titleOf(visit, "zh-CN") != "首次拜访门店" {
		t.Errorf("the rep has no first store visit: %v", visit)
	}
	u.setClock("2026-02-20T12:00:00Z")
	sent := u.h.deliverAll(u.a, id)
	if !hasEveryID(sent.recipients["wecom"], u.rep, u.sup) {
		t.Errorf("the two-hour WeCom to-do = %+v, want the rep and the supervisor", sent)
	}

	expectFieldError(t, u.patchRefused("rep", id, map[string]any{"stage": "qualified"}),
		"/stage", "", "门店阶段")
	u.patch("rep", id, map[string]any{"stage": "display", "shelf_facings": 10})

	data := u.board("lead_follow_up", nil)
	want := map[string]any{"follow_up_rate_72h": 2.0 / 3}
	if diff := cmp.Diff(want, values(data, "follow_up_rate_72h")); diff != "" {
		t.Errorf("store development board (-want +got):\n%s", diff)
	}
	stages := map[string]any{"new": 1.0, "first_order": 1.0, "display": 1.0}
	if diff := cmp.Diff(stages, groupValues(data, "stage_ageing", "stage")); diff != "" {
		t.Errorf("stores by stage (-want +got):\n%s\n%s", diff, data.raw)
	}
	if title := widgetOf(data, "stage_ageing")["title"]; str(title.(map[string]any)["zh-CN"]) !=
		"门店阶段停留" {
		t.Errorf("stage ageing title = %v", title)
	}
}
