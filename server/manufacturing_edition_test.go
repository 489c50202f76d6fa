package server_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/server"
)

// TestManufacturingEdition installs the manufacturing edition with its
// bundled commitment center and sample plants, and drives it as a B2B
// manufacturer's team would: an opportunity without its industry is
// refused in the edition's words; it moves through samples, quotation and
// a pilot batch; a promised lead time without a unit price is refused by
// the edition's label; at the lead time, still open, the rep and their
// manager are reminded; and the fulfilment board counts by product series.
func TestManufacturingEdition(t *testing.T) {
	h := newHarness(t, server.Options{})
	u := newPackUsers(h, "zh-CN")
	u.install("manufacturing_edition", true)
	samples := u.records("lead", "company")
	if samples["宁波精工汽车零部件"]["annual_volume"] != 500000.0 ||
		samples["Foshan Brightline Electronics"]["industry_segment"] != "electronics" {
		t.Errorf("sample plants = %v", samples)
	}

	lead := map[string]any{"company": "苏州恒力精密机械", "contact_name": "赵强",
		"mobile": "13800138030", "decision_role": "influencer", "budget_cycle": "per_order",
		"pain_level": "high", "stage": "new", "annual_volume": 120000}
	expectFieldError(t, u.refused("rep", "lead", lead), "/industry_segment", "required",
		"所属行业")
	lead["industry_segment"] = "machinery"
	id := u.submit("rep", "lead", lead)
	for _, stage := range []string{"sample", "quotation", "pilot"} {
		u.patch("rep", id, map[string]any{"stage": stage})
	}

	promise := map[string]any{"customer": "苏州恒力精密机械", "status": "open",
		"delivery_at": "2026-02-21T09:00:00Z", "extra_benefits": "首批免费提供材质报告",
		"product_line": "冲压件"}
	expectFieldError(t, u.refused("rep", "promise", promise), "/price_range", "required",
		"单价区间")
	promise["price_range"] = "每件 4.20 – 4.50 元"
	open := u.submit("rep", "promise", promise)
	kept := u.submit("rep", "promise", map[string]any{"customer": "宁波精工汽车零部件",
		"status": "open", "delivery_at": "2026-02-21T09:00:00Z", "price_range": "每件 2.95 元",
		"extra_benefits": "盐雾测试报告", "product_line": "冲压件"})
	u.patch("rep", kept, map[string]any{"status": "fulfilled"})

	u.setClock("2026-02-21T10:00:00Z")
	for _, who := range []string{"rep", "sup"} {
		if !u.notified(who, open, "对 苏州恒力精密机械 的承诺已到期") {
			t.Errorf("%s was not reminded of the promised lead time", who)
		}
	}

	data := u.board("fulfilment", nil)
	series := map[string]any{"冲压件": 1.0 / 3}
	got := groupValues(data, "by_region_product", "product_line")
	if diff := cmp.Diff(series, got); diff != "" {
		t.Errorf("fulfilment by product series (-want +got):\n%s", diff)
	}
	pilot := u.h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/records?form=lead&stage=pilot", token: u.a.token})
	if items, _ := pilot.body["items"].([]any); len(items) != 1 {
		t.Errorf("opportunities in a pilot batch = %s, want the one", pilot.raw)
	}
}
