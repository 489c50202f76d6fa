package server_test

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/formworkhq/formwork/server"
)

// TestLargeOrganisationStarter installs the starter for organisations of
// 200+ with its sample accounts and drives its health check: an NPS out
// of range and a missing tier are refused; every check gets its health
// score from the one formula; and the three-dimensional board averages
// the scores by region, product line and customer tier, counts the
// accounts at risk, and narrows to one region when asked; on the 1st of
// the month the supervisors are asked for the month's checks.
func TestLargeOrganisationStarter(t *testing.T) {
	h := newHarness(t, server.Options{})
	u := newPackUsers(h, "en")
	u.install("starter_l", true)

	check := map[string]any{"customer": "Shanghai Mingyuan Medical", "region": "east",
		"product_line": "影像设备", "adoption": 60, "nps": 11, "overdue_days": 10,
		"open_issues": 2}
	bad := u.refused("rep", "account_health", check)
	expectFieldError(t, bad, "/nps", "", "NPS")
	expectFieldError(t, bad, "/customer_tier", "required", "Customer tier")
	check["nps"], check["customer_tier"] = 7, "key"
	id := u.submit("rep", "account_health", check)
	// 0.4 × 60 + 0.3 × 7 × 10 + 0.2 × (100 − 2 × 10) + 0.1 × (100 − 20 × 2) = 67
	scores := map[string]any{}
	for name, data := range u.records("account_health", "customer") {
		scores[name] = data["health_score"]
	}
	want := map[string]any{"上海明远医疗器械": 87.8, "Chengdu Yunqi Education": 45.0,
		"Shanghai Mingyuan Medical": 67.0}
	if diff := cmp.Diff(want, scores); diff != "" {
		t.Errorf("health scores (-want +got):\n%s", diff)
	}
	u.patch("rep", id, map[string]any{"open_issues": 0})
	// Two issues fewer: 67 + 0.1 × 40 = 71

	approx := cmpopts.EquateApprox(0, 1e-9)
	data := u.board("health_3d", nil)
	overall := map[string]any{"health_overall": (87.8 + 45 + 71) / 3, "at_risk": 1.0}
	if diff := cmp.Diff(overall, values(data, "health_overall", "at_risk"), approx); diff != "" {
		t.Errorf("health overall (-want +got):\n%s", diff)
	}
	dims := map[string]map[string]any{
		"health_by_region":  {"east": (87.8 + 71) / 2, "west": 45.0},
		"health_by_product": {"影像设备": (87.8 + 71) / 2, "SaaS": 45.0},
		"health_by_tier":    {"strategic": 87.8, "key": 71.0, "standard": 45.0},
	}
	by := map[string]string{"health_by_region": "region", "health_by_product": "product_line",
		"health_by_tier": "customer_tier"}
	for widget, want := range dims {
		if diff := cmp.Diff(want, groupValues(data, widget, by[widget]), approx); diff != "" {
			t.Errorf("%s (-want +got):\n%s", widget, diff)
		}
	}
	east := u.board("health_3d", url.Values{"region": {"east"}})
	if diff := cmp.Diff(map[string]any{"health_overall": (87.8 + 71) / 2, "at_risk": 0.0},
		values(east, "health_overall", "at_risk"), approx); diff != "" {
		t.Errorf("health in the east (-want +got):\n%s", diff)
	}
	cube := map[string]any{"east/影像设备/strategic": 87.8, "east/影像设备/key": 71.0,
		"west/SaaS/standard": 45.0}
	if diff := cmp.Diff(cube, groupValues(data, "health_3d", "region", "product_line",
		"customer_tier"), approx); diff != "" {
		t.Errorf("region × product line × tier (-want +got):\n%s", diff)
	}

	u.setClock("2026-02-28T23:00:00Z")
	if u.notified("sup", "", "Monthly account health check") {
		t.Errorf("the supervisor was asked for the health checks before the month began")
	}
	u.setClock("2026-03-01T01:30:00Z")
	if !u.notified("sup", "", "Monthly account health check", "every account") {
		t.Errorf("the supervisor was not asked for the month's health checks")
	}
}
