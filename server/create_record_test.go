package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/server"
)

// lossReviewForm is a review of a lost lead, linked to it.
func lossReviewForm() map[string]any {
	field := func(name, kind, en string) map[string]any {
		return map[string]any{"name": name, "kind": kind,
			"label": map[string]string{"en": en, "zh-CN": en}}
	}
	link := field("lead", "record_link", "Lead")
	link["settings"] = map[string]any{"form_key": "lead"}
	return map[string]any{
		"key": "loss_review", "name": map[string]string{"en": "Loss review", "zh-CN": "输单复盘"},
		"app": "sales",
		"schema": map[string]any{"type": "object",
			"required": []string{"lead", "reason", "reviewed_on"},
			"properties": map[string]any{
				"lead":        map[string]any{"type": "string", "minLength": 1, "maxLength": 64},
				"reason":      map[string]any{"type": "string", "minLength": 1},
				"lost_amount": map[string]any{"type": "number", "maximum": 1000000},
				"reviewed_on": map[string]any{"type": "string", "format": "date"},
			}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{link,
			field("reason", "text", "Reason"), field("lost_amount", "number", "Amount lost"),
			field("reviewed_on", "date", "Reviewed on")}}}},
	}
}

// lossReviewProcess opens a loss review for every new lead; step changes
// the create_record node's config before it is sent.
func lossReviewProcess(step func(map[string]any)) map[string]any {
	config := map[string]any{"form": "loss_review", "link_field": "lead",
		"fields": map[string]any{"reason": "'Lost: ' + record.company",
			"lost_amount": "record.amount", "reviewed_on": "now"}}
	if step != nil {
		step(config)
	}
	node := func(id, kind string, config map[string]any) map[string]any {
		return map[string]any{"id": id, "kind": kind, "name": map[string]string{"en": id},
			"config": config}
	}
	return map[string]any{
		"key": "loss_reviews", "name": map[string]string{"en": "Loss reviews"}, "app": "sales",
		"graph": map[string]any{
			"nodes": []any{
				node("start", "trigger", map[string]any{"on": "record_created", "form": "lead"}),
				node("review", "create_record", config),
				node("done", "end", map[string]any{}),
			},
			"edges": []any{
				map[string]any{"id": "e1", "from": "start", "to": "review"},
				map[string]any{"id": "e2", "from": "review", "to": "done"},
			},
		},
	}
}

// publish creates and publishes a definition at path and returns its id.
func (h *harness) publish(a account, path string, body map[string]any) string {
	h.t.Helper()
	res := h.must(http.StatusCreated, req{method: "POST", path: path, token: a.token,
		body: body})
	id := str(res.body["id"])
	h.must(http.StatusOK, req{method: "POST", path: path + "/" + id + "/publish",
		token: a.token})
	return id
}

func TestCreateRecordStep(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.publish(a, "/api/v1/forms", leadForm("lead"))
	h.publish(a, "/api/v1/forms", lossReviewForm())
	h.publish(a, "/api/v1/processes", lossReviewProcess(nil))

	lead := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead",
			"data": map[string]any{"company": "Acme", "amount": 1200.5}}})
	leadID := str(lead.body["id"])
	if n := countRecords(h, a, "loss_review"); n != 0 {
		t.Fatalf("%d reviews before the outbox delivered, want none", n)
	}

	got := h.deliverAll(a, leadID)
	if got.status["create_record"] != "delivered" {
		t.Fatalf("create_record delivery = %v, want delivered", got.status)
	}
	h.deliverAll(a, leadID)
	res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records?form=loss_review",
		token: a.token})
	items := res.body["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("reviews = %s, want one", res.raw)
	}
	review := items[0].(map[string]any)
	data := review["data"].(map[string]any)
	want := map[string]any{"lead": leadID, "reason": "Lost: Acme", "lost_amount": 1200.5,
		"reviewed_on": "2026-02-20"} // 17:00 in Shanghai
	for k, v := range want {
		if data[k] != v {
			t.Errorf("review data[%s] = %v, want %v", k, data[k], v)
		}
	}
	if review["owner_id"] != a.userID || review["form_version"] != 1.0 {
		t.Errorf("review = %v, want the lead owner's, on version 1", review)
	}
}

func TestCreateRecordRefusedDataFailsTheDelivery(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.publish(a, "/api/v1/forms", leadForm("lead"))
	h.publish(a, "/api/v1/forms", lossReviewForm())
	h.publish(a, "/api/v1/processes", lossReviewProcess(nil))

	lead := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead",
			"data": map[string]any{"company": "Big Deal", "amount": 2500000}}})
	leadID := str(lead.body["id"])
	if got := h.deliverAll(a, leadID); got.status["create_record"] != "dead" {
		t.Fatalf("create_record delivery = %v, want dead", got.status)
	}

	res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/deliveries?record_id=" +
		leadID, token: a.token})
	var item map[string]any
	for _, it := range res.body["items"].([]any) {
		if m := it.(map[string]any); m["channel"] == "create_record" {
			item = m
		}
	}
	if e := str(item["last_error"]); !strings.Contains(e, "/lost_amount (maximum)") ||
		str(item["incident_id"]) == "" {
		t.Errorf("delivery = %v, want the field error logged and an incident", item)
	}
	if n := countRecords(h, a, "loss_review"); n != 0 {
		t.Errorf("%d reviews stored from refused data, want none", n)
	}
}

// TestCreateRecordSimulated runs the process in the simulator: the
// timeline shows the record the step would create, and nothing is created
// or sent.
func TestCreateRecordSimulated(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.publish(a, "/api/v1/forms", leadForm("lead"))
	h.publish(a, "/api/v1/forms", lossReviewForm())
	id := h.publish(a, "/api/v1/processes", lossReviewProcess(nil))

	res := h.must(http.StatusOK, req{method: "POST",
		path: "/api/v1/processes/" + id + "/simulate", token: a.token,
		body: map[string]any{"script": map[string]any{"start": "2026-12-04T09:00:00+08:00",
			"record": map[string]any{"company": "Acme", "amount": 10},
			"events": []any{map[string]any{"kind": "submit"}}}}})
	if !strings.Contains(string(res.raw), `"create_record"`) ||
		!strings.Contains(string(res.raw), "reason = Lost: Acme") ||
		!strings.Contains(string(res.raw), "reviewed_on = 2026-12-04T09:00:00+08:00") {
		t.Fatalf("timeline = %s", res.raw)
	}
	if n := countRecords(h, a, "loss_review"); n != 0 {
		t.Errorf("the simulation created %d reviews", n)
	}
	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/deliveries",
		token: a.token})
	if items := list.body["items"].([]any); len(items) != 0 {
		t.Errorf("the simulation sent %s", list.raw)
	}
}

func TestCreateRecordLint(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	h.publish(a, "/api/v1/forms", leadForm("lead"))
	h.publish(a, "/api/v1/forms", lossReviewForm())

	body := lossReviewProcess(func(c map[string]any) {
		c["link_field"] = "reason"
		c["fields"] = map[string]any{"budget": "1", "lost_amount": "record.company"}
	})
	res := h.must(http.StatusUnprocessableEntity, req{method: "POST",
		path: "/api/v1/processes", token: a.token, body: body})
	got := fieldErrors(res)
	want := map[string]string{
		"/graph/nodes/1/config/fields/budget":      "unknown_field",
		"/graph/nodes/1/config/fields/lost_amount": "expression_type",
		"/graph/nodes/1/config/link_field":         "field_not_record_link",
	}
	for ptr, code := range want {
		if got[ptr] != code {
			t.Errorf("finding at %s = %q, want %s; all: %v", ptr, got[ptr], code, got)
		}
	}
	if !strings.Contains(string(res.raw), "不是关联记录字段") {
		t.Errorf("findings are not in Chinese: %s", res.raw)
	}
}

// countRecords counts a's records of form.
func countRecords(h *harness, a account, form string) int {
	h.t.Helper()
	res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records?form=" + form,
		token: a.token})
	return len(res.body["items"].([]any))
}
