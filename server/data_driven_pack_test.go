package server_test

import (
	"net/http"
	"testing"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/server"
)

// packHubHarness is a hub harness whose server also serves the template
// library, so a pack can be installed and then fed by imports.
func packHubHarness(t *testing.T) *hubHarness {
	t.Helper()
	hh := newHubHarness(t, datahub.Config{})
	log := testenv.Logger()
	accounts := auth.NewAccounts(hh.store, hh.clock, auth.Config{}, log)
	defs := designer.New(hh.store, hh.clock, log)
	hh.srv = server.New(server.Deps{Store: hh.store, Queue: hh.queue, Accounts: accounts,
		Designer: defs, Records: hh.rt.Records, Engine: hh.rt.Engine, Outbox: hh.rt.Outbox,
		Ledger: hh.rt.Ledger, Insights: hh.rt.Insights, DataHub: hh.hub, Clock: hh.clock,
		Log: log, Templates: templateLibrary(t, hh.store, defs, hh.rt),
		AdvanceClock: hh.rt.AdvanceClock}, server.Options{AuthRateLimit: 10_000})
	hh.listen()
	return hh
}

// TestDataDrivenPack drives the data-hub pack: CRM and ERP files merge by
// customer id, a funnel stage converting below the baseline of the week
// before alerts the supervisor with its usual causes, a client's
// cancelled meeting suggests the playbooks and one click creates three
// follow-up tasks, and a customer worth over 50,000 left alone for 30
// days gives the supervisor a task.
func TestDataDrivenPack(t *testing.T) {
	hh := packHubHarness(t)
	u := newPackUsers(hh.harness, "zh-CN")
	hh.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + u.a.userID,
		token: u.a.token, body: map[string]any{"manager_id": u.sup}})
	inst := hh.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/data_driven/install", token: u.a.token,
		body: map[string]any{"sample_data": false}})
	expectListed(hh.harness, u.a, "recovery_playbooks", "data_driven")
	hh.must(http.StatusCreated, req{method: "POST", // its keys do not clash with this one's
		path: "/api/v1/templates/honest_activity/install", token: u.a.token})
	created := map[string]string{}
	for _, it := range inst.body["created"].([]any) {
		m := it.(map[string]any)
		created[str(m["key"])] = str(m["id"])
	}

	customers := expectCustomerMerge(t, hh, u)
	expectFunnelAlert(t, hh, u)
	expectPlaybook(t, u, created["playbook_rebook_fast"])
	expectHighValueWatch(t, u, customers)
	expectHubBoard(t, u)
}

// expectCustomerMerge imports a CRM file and an ERP file keyed by
// customer id and finds one record per customer with both systems' data.
func expectCustomerMerge(t *testing.T, hh *hubHarness, u *packUsers) map[string]string {
	t.Helper()
	run := func(name, csv string, mapping map[string]any) map[string]any {
		up := hh.upload(u.a.token, name, []byte(csv),
			map[string]string{"form": "customer_account"}, "zh-CN")
		if up.status != http.StatusCreated {
			t.Fatalf("upload %s = %d %s", name, up.status, up.raw)
		}
		done := hh.start(u.a.token, str(up.body["id"]), "run",
			map[string]any{"mapping": mapping, "key_field": "customer_id"})
		return progress(done)
	}
	run("crm.csv", "客户编号,客户名称,区域\nC-1,杭州联信科技,east\nC-2,成都云启教育,west\n"+
		"C-3,上海明远医疗,east\n",
		map[string]any{"客户编号": "customer_id", "客户名称": "name", "区域": "region"})
	erp := run("erp.csv", "customer_id,lifetime_value\nC-1,186000\nC-2,32000\nC-3,90000\n",
		map[string]any{"customer_id": "customer_id", "lifetime_value": "lifetime_value"})
	if erp["merged"] != 3.0 {
		t.Errorf("ERP import = %v, want 3 rows merged into the CRM's customers", erp)
	}

	list := hh.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/records?form=customer_account&limit=10", token: u.a.token})
	out := map[string]string{}
	for _, it := range list.body["items"].([]any) {
		m := it.(map[string]any)
		data := m["data"].(map[string]any)
		out[str(data["customer_id"])] = str(m["id"])
		if data["name"] == nil || data["lifetime_value"] == nil {
			t.Errorf("customer %v lacks one system's data", data)
		}
	}
	if len(out) != 3 {
		t.Fatalf("customers = %s, want 3", list.raw)
	}
	return out
}

// expectFunnelAlert records a good week of deals, then a week where few
// leads qualify, and reads the funnel over the second week.
func expectFunnelAlert(t *testing.T, hh *hubHarness, u *packUsers) {
	t.Helper()
	deals := func(stages map[string]int) {
		for stage, n := range stages {
			for range n {
				u.submit("", "pipeline_deal", map[string]any{"customer_id": "C-1",
					"title": "扩容", "amount": 50000, "stage": stage})
			}
		}
	}
	deals(map[string]int{"lead": 2, "qualified": 2, "demo": 2, "proposal": 2, "won": 2})
	u.setClock("2026-02-27T02:00:00Z")
	deals(map[string]int{"lead": 8, "qualified": 1, "won": 1})

	id := hh.dashboardID(u.a, "data_hub")
	data := hh.must(http.StatusOK, req{method: "GET", path: "/api/v1/dashboards/" + id +
		"/data?from=2026-02-27&to=2026-03-06", token: u.a.token})
	var qualified map[string]any
	for _, st := range widgetOf(data, "funnel")["stages"].([]any) {
		if m := st.(map[string]any); m["stage"] == "qualified" {
			qualified = m
		}
	}
	if qualified == nil || qualified["below"] != true || qualified["baseline"] != 0.8 ||
		qualified["conversion"] != 0.2 {
		t.Errorf("qualified stage = %v, want 20 %% against a baseline of 80 %%", qualified)
	}
	if !u.notified("sup", "", "漏斗预警", "qualified", "常见原因") &&
		!u.notified("sup", "", "qualified", "Usual causes") {
		t.Errorf("the supervisor has no funnel alert naming the stage and its causes")
	}
}

// expectPlaybook marks a meeting cancelled by the client: the owner is
// asked to pick a playbook, and starting one twice creates its three
// follow-up tasks once.
func expectPlaybook(t *testing.T, u *packUsers, playbook string) {
	t.Helper()
	meeting := u.submit("", "client_meeting", map[string]any{"customer_id": "C-1",
		"topic": "二期方案讲解", "meeting_at": "2026-03-05T14:00:00+08:00",
		"status": "scheduled"})
	u.patch("", meeting, map[string]any{"status": "cancelled_by_client",
		"cancel_reason": "预算会议改期"})
	if !u.notified("", meeting, "挽回打法", "二期方案讲解") {
		t.Errorf("the owner was not asked to pick a recovery playbook")
	}
	for range 2 {
		u.h.must(http.StatusCreated, req{method: "POST",
			path: "/api/v1/processes/" + playbook + "/start", token: u.a.token,
			body: map[string]any{"record_id": meeting, "request_id": "click-1"}})
	}
	res := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?limit=100",
		token: u.a.token})
	n := 0
	for _, it := range res.body["items"].([]any) {
		if m := it.(map[string]any); m["record_id"] == meeting && m["status"] == "open" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("one click made %d follow-up tasks, want 3: %s", n, res.raw)
	}
}

// expectHighValueWatch lets 30 days pass: the customer worth 186,000 that
// nobody contacted gives the supervisor a task; the one worth 90,000 that
// was called on the way, and the one worth 32,000, do not.
func expectHighValueWatch(t *testing.T, u *packUsers, customers map[string]string) {
	t.Helper()
	u.setClock("2026-03-10T02:00:00Z")
	u.h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/records/" + customers["C-3"] + "/activities", token: u.a.token,
		body: map[string]any{"kind": "call", "duration_s": 900}})
	u.setClock("2026-03-23T00:00:00Z")
	for id, want := range map[string]bool{"C-1": true, "C-2": false, "C-3": false} {
		task := u.openTask("sup", customers[id], "High-value customer silent for 30 days")
		if (task != nil) != want {
			t.Errorf("customer %s: supervisor task = %v, want %v", id, task, want)
		}
	}
}

// expectHubBoard reads the customer figures of the board.
func expectHubBoard(t *testing.T, u *packUsers) {
	t.Helper()
	id := u.h.dashboardID(u.a, "data_hub")
	data := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/dashboards/" + id +
		"/data?from=2026-02-01&to=2026-03-24", token: u.a.token})
	if v := widgetOf(data, "high_value_customers")["value"]; v != 2.0 {
		t.Errorf("customers worth over 50,000 = %v, want 2", v)
	}
	if v := widgetOf(data, "cancelled_share")["value"]; v != 1.0 {
		t.Errorf("share of meetings cancelled by the client = %v, want 1", v)
	}
}
