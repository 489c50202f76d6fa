package server_test

import (
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// TestPerformanceEnginePack drives the performance pack as a sales team
// would: a contract over a red line holds the bonus and gives the
// supervisor a risk review, a clean signature and a delighted customer
// earn process points, the scorecard weighs signing against the rest, the
// rewards catalog is there to spend the points, and the first working day
// of the month brings the journey retrospective.
func TestPerformanceEnginePack(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	sup, supToken := h.addUser(a, auth.Supervisor)
	rep, repToken := h.addUser(a, auth.Rep)
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + rep, token: a.token,
		body: map[string]any{"manager_id": sup}})
	h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/performance_engine/install", token: a.token})

	rewards := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/rewards", token: repToken})
	if items, _ := rewards.body["items"].([]any); len(items) != 4 {
		t.Errorf("rewards = %s; want the pack's four", rewards.raw)
	}

	submit := func(form string, data map[string]any) string {
		res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
			token: repToken, body: map[string]any{"form": form, "data": data}})
		return str(res.body["id"])
	}
	risky := submit("contract", map[string]any{"customer": "成都云启教育", "amount": 126000,
		"non_standard_clause_pct": 22, "prepayment_pct": 20, "stage": "draft"})
	rec := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + risky,
		token: repToken})
	if data, _ := rec.body["data"].(map[string]any); data["bonus_hold"] != true {
		t.Errorf("a contract over the red lines kept its bonus: %s", rec.raw)
	}
	review := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks", token: supToken})
	if !hasItem(review, func(m map[string]any) bool { return m["record_id"] == risky }) {
		t.Errorf("the supervisor has no risk review: %s", review.raw)
	}

	submit("contract", map[string]any{"customer": "上海明远医疗器械", "amount": 380000,
		"non_standard_clause_pct": 8, "prepayment_pct": 40, "stage": "signed"})
	submit("customer_review", map[string]any{"customer": "上海明远医疗器械", "nps": 9,
		"renewed": true})
	submit("customer_review", map[string]any{"customer": "某客户", "nps": 5, "renewed": false})
	bal := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/ledger/balance",
		token: repToken})
	if got := bal.body["points"]; got != 230.0 {
		t.Errorf("points = %v; want 100 for the clean signature + 50 NPS + 80 renewal", got)
	}

	card := submit("scorecard", map[string]any{"month": "2026-11", "signing_score": 82,
		"nps_score": 90, "renewal_score": 100, "upsell_score": 60, "signing_weight": 50})
	sc := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + card,
		token: repToken})
	total, _ := sc.body["data"].(map[string]any)["total"].(float64)
	if want := 0.5*82 + 0.5*(90+100+60)/3; math.Abs(total-want) > 0.01 {
		t.Errorf("weighted score = %v, want %.2f", total, want)
	}

	// Within five weeks comes a first working day of a month; sessions
	// last a week, so the owner signs in again on the way.
	token := a.token
	for range 5 {
		h.must(http.StatusOK, req{method: "POST", path: "/api/v1/debug/clock", token: token,
			body: map[string]any{"advance": "144h"}})
		token = h.login(a.email, testPassword)
	}
	u := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/users/" + sup, token: token})
	supToken = h.login(str(u.body["email"]), testPassword)
	tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks", token: supToken})
	if !hasItem(tasks, func(m map[string]any) bool {
		title, _ := m["title"].(map[string]any)
		return m["kind"] == "ticket" && strings.Contains(str(title["zh-CN"]), "客户旅程复盘")
	}) {
		t.Errorf("no journey retrospective for the supervisors after a month: %s", tasks.raw)
	}
}
