package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// TestIntakeLinkTakesLeadsFromALandingPage walks an intake link as a
// marketing team uses it: create it, let a page render and post the form
// with its campaign parameters, see the lead arrive owned by the link's
// owner, be refused per field when data is wrong, throttled when a script
// floods it, and switched off.
func TestIntakeLinkTakesLeadsFromALandingPage(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	h.designerFixtures(a)
	link := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/intake-links",
		token: a.token, body: map[string]any{"form": "lead", "name": "双十一活动页"}})
	token := str(link.body["id"])
	if len(token) != 32 || link.body["owner_id"] != a.userID {
		t.Fatalf("link = %s", link.raw)
	}
	public := "/api/v1/intake/" + token

	pre := h.must(http.StatusNoContent, req{method: "OPTIONS", path: public})
	if pre.header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(pre.header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("preflight headers = %v", pre.header)
	}
	f := h.must(http.StatusOK, req{method: "GET", path: public})
	if f.body["form"] != "lead" || f.body["schema"] == nil {
		t.Errorf("public form = %s", f.raw)
	}

	post := func(data map[string]any, query string) response {
		return h.do(req{method: "POST", path: public + query,
			body: map[string]any{"data": data}, headers: map[string]string{
				"Referer": "https://example.com/promo?x=1", "Accept-Language": "zh-CN"}})
	}
	got := post(map[string]any{"company": "杭州联信科技", "stage": "new"},
		"?utm_source=baidu&utm_campaign=double11")
	if got.status != http.StatusCreated || len(got.body) != 2 {
		t.Fatalf("submit = %d %s; want 201 with only id and submitted_at", got.status, got.raw)
	}
	rec := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" +
		str(got.body["id"]), token: a.token})
	data, _ := rec.body["data"].(map[string]any)
	if rec.body["owner_id"] != a.userID || data["company"] != "杭州联信科技" {
		t.Errorf("record = %s", rec.raw)
	}

	bad := post(map[string]any{"stage": "new"}, "")
	if bad.status != http.StatusUnprocessableEntity || fieldErrors(bad)["/company"] == "" {
		t.Errorf("a lead without a company = %d %s", bad.status, bad.raw)
	}

	throttled := 0
	for range 12 {
		if post(map[string]any{"company": "Flood"}, "").status == http.StatusTooManyRequests {
			throttled++
		}
	}
	if throttled == 0 {
		t.Error("twelve quick posts from one address were never throttled")
	}

	h.must(http.StatusNoContent, req{method: "DELETE", path: "/api/v1/intake-links/" + token,
		token: a.token})
	gone := h.must(http.StatusNotFound, req{method: "GET", path: public,
		headers: map[string]string{"Accept-Language": "zh-CN"}})
	if !strings.Contains(string(gone.raw), "停用") {
		t.Errorf("revoked link = %s", gone.raw)
	}

	refused := h.must(http.StatusUnprocessableEntity, req{method: "POST",
		path: "/api/v1/intake-links", token: a.token, body: map[string]any{"form": "nope"}})
	if fieldErrors(refused)["/form"] == "" {
		t.Errorf("a link to no form = %s", refused.raw)
	}
}

// TestCampaignLeadsAreDistributed installs the lead pack and posts two
// landing-page leads through an intake link: each goes to the rep with the
// fewest open tasks, with that rep's first follow-up; a lead the owner
// types in stays the owner's.
func TestCampaignLeadsAreDistributed(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	sup, _ := h.addUser(a, auth.Supervisor)
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + a.userID,
		token: a.token, body: map[string]any{"manager_id": sup}})
	repA, tokA := h.addUser(a, auth.Rep)
	repB, tokB := h.addUser(a, auth.Rep)
	h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/lead_followup/install", token: a.token})
	link := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/intake-links",
		token: a.token, body: map[string]any{"form": "lead"}})

	lead := func(company string) map[string]any {
		return map[string]any{"company": company, "contact_name": "王磊",
			"mobile": "13800138000", "decision_role": "decision_maker",
			"budget_cycle": "quarterly", "pain_level": "high", "stage": "new"}
	}
	owners := map[string]int{}
	for _, company := range []string{"甲公司", "乙公司"} {
		got := h.must(http.StatusCreated, req{method: "POST",
			path: "/api/v1/intake/" + str(link.body["id"]) + "?utm_source=baidu",
			body: map[string]any{"data": lead(company)}})
		rec := h.must(http.StatusOK, req{method: "GET",
			path: "/api/v1/records/" + str(got.body["id"]), token: a.token})
		owners[str(rec.body["owner_id"])]++
		data, _ := rec.body["data"].(map[string]any)
		if data["utm_source"] != "baidu" {
			t.Errorf("the campaign was not captured: %s", rec.raw)
		}
	}
	if owners[repA] != 1 || owners[repB] != 1 {
		t.Errorf("campaign leads went to %v; want one to each rep (%s, %s)", owners, repA, repB)
	}
	for rep, tok := range map[string]string{repA: tokA, repB: tokB} {
		tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks", token: tok})
		if !hasItem(tasks, func(m map[string]any) bool { return m["assignee_id"] == rep }) {
			t.Errorf("rep %s has no follow-up task: %s", rep, tasks.raw)
		}
	}

	own := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead", "data": lead("丙公司")}})
	rec := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + str(own.body["id"]),
		token: a.token})
	if rec.body["owner_id"] != a.userID {
		t.Errorf("a lead the owner typed in went to %v", rec.body["owner_id"])
	}
}
