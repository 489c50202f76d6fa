package server_test

import (
	"net/http"
	"testing"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/server"
)

// insightHarness is a harness whose server also serves insights, fed by
// the harness runtime's rollups.
func insightHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, server.Options{})
	log := testenv.Logger()
	accounts := auth.NewAccounts(h.store, h.clock, auth.Config{}, log)
	defs := designer.New(h.store, h.clock, log)
	h.srv = server.New(server.Deps{Store: h.store, Queue: h.queue, Accounts: accounts,
		Designer: defs, Records: h.rt.Records, Engine: h.rt.Engine, Outbox: h.rt.Outbox,
		Ledger: h.rt.Ledger, Insights: h.rt.Insights, Clock: h.clock, Log: log,
		Templates: templateLibrary(t, h.store, defs, h.rt), AdvanceClock: h.rt.AdvanceClock},
		server.Options{AuthRateLimit: 10_000})
	h.listen()
	return h
}

// dashboardID returns the id of the tenant's dashboard with key.
func (h *harness) dashboardID(a account, key string) string {
	h.t.Helper()
	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/dashboards",
		token: a.token})
	for _, it := range list.body["items"].([]any) {
		if m := it.(map[string]any); m["key"] == key {
			return str(m["id"])
		}
	}
	h.t.Fatalf("no dashboard %s: %s", key, list.raw)
	return ""
}

func widgetOf(res response, id string) map[string]any {
	for _, w := range res.body["widgets"].([]any) {
		if m := w.(map[string]any); m["id"] == id {
			return m
		}
	}
	return nil
}

// TestPackDashboardsShowRealFigures installs the commitment pack with its
// sample promise, fulfils a second one and reads the fulfilment board.
func TestPackDashboardsShowRealFigures(t *testing.T) {
	h := insightHarness(t)
	a := h.signup("en")
	h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/commitment_center/install", token: a.token,
		body: map[string]any{"sample_data": true}})
	promise := map[string]any{"customer": "Shenzhen Brightway", "price_range": "¥80,000",
		"delivery_at": "2026-03-02T10:00:00+08:00", "extra_benefits": "Free training",
		"product_line": "crm", "status": "open"}
	rec := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "promise", "data": promise}})
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/records/" + str(rec.body["id"]),
		token: a.token, body: map[string]any{"version": 1,
			"data": map[string]any{"status": "fulfilled"}}})

	id := h.dashboardID(a, "fulfilment")
	data := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/dashboards/" + id + "/data",
		token: a.token})
	rate := widgetOf(data, "fulfilment_rate")
	if rate["value"] != 0.5 || rate["numerator"] != 1.0 || rate["denominator"] != 2.0 {
		t.Errorf("fulfilment rate = %v", rate)
	}
	board := widgetOf(data, "by_rep")["groups"].([]any)
	if len(board) != 1 || board[0].(map[string]any)["rank"] != 1.0 {
		t.Errorf("by rep = %v", board)
	}

	one := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/metrics/" + id + ".by_region_product?product_line=crm", token: a.token})
	if one.body["value"] != 0.5 {
		t.Errorf("one widget = %s", one.raw)
	}
	recs := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/metrics/" + id + ".fulfilment_rate/records", token: a.token})
	if n := len(recs.body["items"].([]any)); n != 2 {
		t.Errorf("drill-down = %d records, want 2", n)
	}
	rebuilt := h.must(http.StatusOK, req{method: "POST",
		path: "/api/v1/metrics/" + id + ".fulfilment_rate/rebuild", token: a.token})
	if rebuilt.body["items"] != 2.0 {
		t.Errorf("rebuild = %s", rebuilt.raw)
	}
	bad := h.must(http.StatusUnprocessableEntity, req{method: "GET",
		path: "/api/v1/dashboards/" + id + "/data?from=yesterday&stage=won", token: a.token})
	if errs := fieldErrors(bad); errs["/from"] == "" {
		t.Errorf("bad query = %s", bad.raw)
	}
	h.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/metrics/" + id + ".nope",
		token: a.token})
}

// TestInsightRoutesIsolateTenants calls every insight route with another
// tenant's dashboard.
func TestInsightRoutesIsolateTenants(t *testing.T) {
	h := insightHarness(t)
	victim, intruder := h.signup("en"), h.signup("en")
	h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/lead_followup/install", token: victim.token,
		body: map[string]any{"sample_data": true}})
	id := h.dashboardID(victim, "lead_follow_up")
	data := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/dashboards/" + id + "/data",
		token: victim.token})
	if v := widgetOf(data, "follow_up_rate_72h")["value"]; v != 0.5 {
		t.Errorf("72-hour follow-up rate of the two sample leads = %v, want 0.5", v)
	}
	if g := widgetOf(data, "stage_ageing")["groups"].([]any); len(g) != 2 {
		t.Errorf("stage ageing = %v, want new and contacted", g)
	}
	for _, r := range []req{
		{method: "GET", path: "/api/v1/dashboards/" + id + "/data"},
		{method: "GET", path: "/api/v1/metrics/" + id + ".follow_up_rate_72h"},
		{method: "GET", path: "/api/v1/metrics/" + id + ".stage_ageing/records"},
		{method: "POST", path: "/api/v1/metrics/" + id + ".stage_ageing/rebuild"},
	} {
		r.token = intruder.token
		if res := h.do(r); res.status != http.StatusNotFound {
			t.Errorf("%s %s by another tenant = %d %s", r.method, r.path, res.status, res.raw)
		}
	}
	_, repToken := h.addUser(victim, auth.Rep)
	h.must(http.StatusForbidden, req{method: "POST",
		path: "/api/v1/metrics/" + id + ".stage_ageing/rebuild", token: repToken})
}

// TestInsightRoutesAreDocumented checks the OpenAPI document lists every
// insight route with its answer's schema.
func TestInsightRoutesAreDocumented(t *testing.T) {
	h := insightHarness(t)
	res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/openapi.json"})
	paths, _ := res.body["paths"].(map[string]any)
	for path, method := range map[string]string{
		"/api/v1/dashboards/{id}/data": "get",
		"/api/v1/metrics/{id}":         "get",
		"/api/v1/metrics/{id}/records": "get",
		"/api/v1/metrics/{id}/rebuild": "post",
	} {
		ops, _ := paths[path].(map[string]any)
		if ops[method] == nil {
			t.Errorf("OpenAPI has no %s %s", method, path)
		}
	}
}

// TestTimerWidgetsHaveFigures: a pack's widget over timers is kept (it
// answered "unsupported" before timers fed insights).
func TestTimerWidgetsHaveFigures(t *testing.T) {
	h := insightHarness(t)
	a := h.signup("en")
	h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/lead_followup/install", token: a.token,
		body: map[string]any{"sample_data": true}})
	id := h.dashboardID(a, "lead_follow_up")
	data := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/dashboards/" + id + "/data",
		token: a.token})
	w := widgetOf(data, "first_follow_up")
	if w["unsupported"] != nil || w["value"] == nil {
		t.Errorf("timers widget = %v", w)
	}
}
