package server_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// TestMidSizeStarter installs the starter for companies of 51–200 with its
// sample customers and drives it across departments: a customer carries
// its journey id; a lead and a promise link to it, a ticket for a customer
// that does not exist is refused; two service tickets
// are offered to customer service, who answers one in time; the other,
// at four business hours, is marked breached and its owner and their
// manager are told; the customer's journey shows the lead, the promise
// and both tickets; and the service board counts them.
func TestMidSizeStarter(t *testing.T) {
	h := newHarness(t, server.Options{})
	u := newPackUsers(h, "zh-CN")
	service := u.addPerson("svc", auth.Service)
	u.install("starter_m", true)
	customers := u.h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/records?form=customer&limit=10", token: u.a.token})
	var customer string
	for _, it := range customers.body["items"].([]any) {
		m := it.(map[string]any)
		if data := m["data"].(map[string]any); data["name"] == "杭州联信科技" {
			customer = str(m["id"])
			if data["journey_code"] != "J-EAST-杭州联信科技" {
				t.Errorf("journey id = %v", data["journey_code"])
			}
		}
	}
	if customer == "" {
		t.Fatalf("no sample customer: %s", customers.raw)
	}

	lead := u.submit("rep", "lead", map[string]any{"company": "杭州联信科技",
		"contact_name": "王磊", "mobile": "13800138050", "decision_role": "decision_maker",
		"budget_cycle": "annual", "pain_level": "high", "stage": "qualified",
		"customer_ref": customer})
	promise := u.submit("rep", "promise", map[string]any{"customer": "杭州联信科技",
		"customer_ref": customer, "delivery_at": "2026-03-20T09:00:00Z", "status": "open",
		"price_range": "8 万 – 9.5 万元", "extra_benefits": "上线前免费培训两次"})
	expectFieldError(t, u.refused("rep", "service_ticket", map[string]any{
		"customer": "01nosuchcustomer", "subject": "无法登录", "priority": "p2",
		"status": "open"}), "/customer", "", "客户")
	down := u.submit("rep", "service_ticket", map[string]any{"customer": customer,
		"subject": "无法导出报表", "priority": "p1", "status": "open"})
	question := u.submit("rep", "service_ticket", map[string]any{"customer": customer,
		"subject": "如何新增子账号", "priority": "p3", "status": "open"})

	answer := u.openTask("svc", question, "Respond to the customer")
	late := u.openTask("svc", down, "Respond to the customer")
	if answer == nil || late == nil ||
		!slices.Contains(anyStrings(u.task("svc", str(late["id"]))["candidates"]), service) {
		t.Fatalf("customer service was not offered both tickets: %v %v", answer, late)
	}
	u.completeTask("svc", str(answer["id"]), http.StatusOK, nil)
	u.patch("svc", question, map[string]any{"status": "resolved"})
	u.setClock(taskDueAt(t, late).Add(time.Minute).Format(time.RFC3339))
	if u.record(down)["sla_breached"] != true || u.record(question)["sla_breached"] == true {
		t.Errorf("breached = %v / %v, want only the unanswered ticket",
			u.record(down)["sla_breached"], u.record(question)["sla_breached"])
	}
	for _, who := range []string{"rep", "sup"} {
		if !u.notified(who, down, "服务工单“无法导出报表”已等待 4 个工作小时") {
			t.Errorf("%s was not told of the breached ticket", who)
		}
	}

	journey := u.h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/records/" + customer + "/customer-journey", token: u.token("svc")})
	ids := anyStrings(journey.body["record_ids"])
	if !hasEveryID(ids, customer, lead, promise, down, question) || len(ids) != 5 {
		t.Errorf("customer journey covers %v", ids)
	}

	data := u.board("service_sla_board", nil)
	want := map[string]any{"open_tickets": 1.0, "within_sla": 0.5}
	if diff := cmp.Diff(want, values(data, "open_tickets", "within_sla")); diff != "" {
		t.Errorf("service board (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"p1": 1.0},
		groupValues(data, "breaches_by_priority", "priority")); diff != "" {
		t.Errorf("breaches by priority (-want +got):\n%s", diff)
	}
}

// anyStrings reads a JSON array of strings.
func anyStrings(v any) []string {
	var out []string
	items, _ := v.([]any)
	for _, it := range items {
		out = append(out, str(it))
	}
	return out
}
