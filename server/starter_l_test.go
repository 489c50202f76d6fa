package server_test

import (
	"net/http"
	"net/url"
	"strings"
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
// the month every account's owner gets a health check task for it.
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

	expectMonthlyChecks(t, u, id)
}

// expectMonthlyChecks moves to the 1st of the month: every account's
// owner, and no one else, has a health check task for it, once however
// often the run is delivered; the rep's figures land on the account and
// are scored again; a check left undone five working days reaches the
// owner and their manager.
func expectMonthlyChecks(t *testing.T, u *packUsers, repAccount string) {
	t.Helper()
	u.setClock("2026-02-28T23:00:00Z")
	if u.openTask("rep", repAccount, "Monthly health check") != nil {
		t.Errorf("a health check task before the month began")
	}
	u.setClock("2026-03-01T01:30:00Z") // Sunday 09:30 in Shanghai
	accounts := accountOwners(u)
	if len(accounts) != 3 {
		t.Fatalf("accounts = %v, want the two samples and the rep's", accounts)
	}
	for id, owner := range accounts {
		who := map[string]string{u.rep: "rep"}[owner]
		if u.openTask(who, id, "Monthly health check") == nil {
			t.Errorf("the owner of account %s has no health check task", id)
		}
		if who == "rep" && u.openTask("sup", id, "Monthly health check") != nil {
			t.Errorf("the supervisor got the rep's health check task")
		}
	}
	if n := countTasks(u, "rep", "Monthly health check"); n != 1 {
		t.Errorf("the rep has %d health check tasks, want 1 for their one account", n)
	}

	task := u.openTask("rep", repAccount, "Monthly health check")
	u.completeTask("rep", str(task["id"]), http.StatusOK, map[string]any{"adoption": 70,
		"nps": 8, "overdue_days": 0, "open_issues": 1})
	// 0.4 × 70 + 0.3 × 8 × 10 + 0.2 × 100 + 0.1 × (100 − 20) = 80
	if rec := u.record(repAccount); rec["health_score"] != 80.0 || rec["nps"] != 8.0 {
		t.Errorf("account after its check = %v, want this month's figures scored 80", rec)
	}

	u.setClock("2026-03-09T02:00:00Z") // five working days on, Monday 10:00
	for id, owner := range accounts {
		if owner == u.rep {
			continue
		}
		if !u.notified("", id, "monthly health check", "is overdue") {
			t.Errorf("the owner of account %s was not told the check is overdue", id)
		}
	}
	if u.notified("rep", repAccount, "is overdue") {
		t.Errorf("the rep was told a check they did is overdue")
	}
}

// accountOwners maps every account_health record to its owner.
func accountOwners(u *packUsers) map[string]string {
	u.h.t.Helper()
	res := u.h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/records?limit=100&form=account_health", token: u.a.token})
	out := map[string]string{}
	for _, it := range res.body["items"].([]any) {
		m := it.(map[string]any)
		out[str(m["id"])] = str(m["owner_id"])
	}
	return out
}

// countTasks counts who's open tasks whose English title has title in it.
func countTasks(u *packUsers, who, title string) int {
	u.h.t.Helper()
	res := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?limit=100",
		token: u.token(who)})
	n := 0
	for _, it := range res.body["items"].([]any) {
		m := it.(map[string]any)
		ti, _ := m["title"].(map[string]any)
		if m["status"] == "open" && strings.Contains(str(ti["en"]), title) {
			n++
		}
	}
	return n
}
