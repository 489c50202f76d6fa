package server_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
)

// leadForm is a small form body for the designer API.
func leadForm(key string) map[string]any {
	return map[string]any{
		"key":  key,
		"name": map[string]string{"en": "Lead", "zh-CN": "线索"},
		"app":  "sales",
		"schema": map[string]any{
			"type": "object",
			"properties": map[string]any{
				"company": map[string]any{"type": "string", "minLength": 1},
				"stage":   map[string]any{"type": "string", "enum": []string{"new", "won"}},
				"amount":  map[string]any{"type": "number", "multipleOf": 0.01},
			},
			"required": []string{"company"},
		},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			map[string]any{"name": "company", "kind": "text",
				"label": map[string]string{"en": "Company", "zh-CN": "公司名称"}},
			map[string]any{"name": "stage", "kind": "select",
				"label": map[string]string{"en": "Stage", "zh-CN": "阶段"},
				"settings": map[string]any{"options": []any{
					map[string]any{"value": "new", "label": map[string]string{"en": "New"}},
					map[string]any{"value": "won", "label": map[string]string{"en": "Won"}},
				}}},
			map[string]any{"name": "amount", "kind": "money",
				"label": map[string]string{"en": "Amount", "zh-CN": "金额"}},
		}}}},
	}
}

// responseProcess is a process on form: a 2 h first follow-up task.
func responseProcess(key, form, due string) map[string]any {
	node := func(id, kind string, config map[string]any) map[string]any {
		return map[string]any{"id": id, "kind": kind, "name": map[string]string{"en": id},
			"config": config}
	}
	return map[string]any{
		"key":  key,
		"name": map[string]string{"en": "Lead response", "zh-CN": "线索响应"},
		"app":  "sales",
		"graph": map[string]any{
			"nodes": []any{
				node("start", "trigger", map[string]any{"on": "record_created", "form": form}),
				node("follow_up", "user_task", map[string]any{
					"assignee": map[string]any{"rule": "owner"}, "due": due}),
				node("done", "end", map[string]any{}),
				node("remind", "notify", map[string]any{"channel": "in_app",
					"recipients": []any{map[string]any{"kind": "owner"}},
					"message": map[string]string{"en": "{{record.company}} waits for you",
						"zh-CN": "{{record.company}} 等待您跟进"}}),
				node("reminded", "end", map[string]any{}),
			},
			"edges": []any{
				map[string]any{"id": "e1", "from": "start", "to": "follow_up"},
				map[string]any{"id": "e2", "from": "follow_up", "to": "done"},
				map[string]any{"id": "sla", "from": "follow_up", "to": "remind",
					"kind": "boundary", "after": "2h"},
				map[string]any{"id": "e3", "from": "remind", "to": "reminded"},
			},
		},
	}
}

func taskDashboard(key string) map[string]any {
	return map[string]any{
		"key": key, "name": map[string]string{"en": "Tasks"}, "app": "sales",
		"widgets": []any{map[string]any{"id": "open", "title": map[string]string{"en": "Open"},
			"chart": "number", "metric": map[string]any{"kind": "count", "source": "tasks"}}},
	}
}

func workCalendar(key string) map[string]any {
	return map[string]any{
		"key": key, "name": map[string]string{"en": "Work days"}, "app": "sales",
		"calendar": map[string]any{"time_zone": "Asia/Shanghai",
			"working_hours": map[string]any{
				"monday": []any{map[string]string{"start": "09:00", "end": "18:00"}}},
			"holidays": []string{"2026-10-01"}},
	}
}

// designerFixtures creates and publishes one definition of each kind in
// a's tenant, all in app "sales", and returns their ids by object kind.
func (h *harness) designerFixtures(a account) map[string]string {
	h.t.Helper()
	// Templates are global: the tenant's app key is no template id, so 404.
	ids := map[string]string{"app": "sales"}
	for _, f := range []struct {
		object, path string
		body         map[string]any
	}{
		{"calendar", "/api/v1/calendars", workCalendar("work_days")},
		{"form", "/api/v1/forms", leadForm("lead")},
		{"process", "/api/v1/processes", responseProcess("lead_response", "lead", "2h")},
		{"dashboard", "/api/v1/dashboards", taskDashboard("tasks")},
	} {
		res := h.must(http.StatusCreated, req{method: "POST", path: f.path, token: a.token,
			body: f.body})
		id := str(res.body["id"])
		h.must(http.StatusOK, req{method: "POST", path: f.path + "/" + id + "/publish",
			token: a.token})
		ids[f.object] = id
	}
	rec := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead",
			"data": map[string]any{"company": "Acme", "stage": "new"}}})
	ids["record"] = str(rec.body["id"])
	tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks", token: a.token})
	if items, _ := tasks.body["items"].([]any); len(items) > 0 {
		ids["task"] = str(items[0].(map[string]any)["id"])
	} else {
		h.t.Fatalf("the lead started no task: %s", tasks.raw)
	}

	// Two hours later the SLA edge reminds the owner.
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/debug/clock", token: a.token,
		body: map[string]any{"advance": "3h"}})
	ids["delivery"] = h.first("/api/v1/deliveries?record_id="+ids["record"], a.token)
	// The harness runs no job workers: deliver the reminder as one would.
	if err := h.rt.Outbox.Deliver(context.Background(), a.tenantID, ids["delivery"]); err != nil {
		h.t.Fatal(err)
	}
	ids["notification"] = h.first("/api/v1/notifications", a.token)

	hook := h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/plugins/webhook/instances", token: a.token, body: map[string]any{
			"key": "crm_hook", "settings": map[string]any{
				"url":    "https://hooks.example.com/formwork",
				"secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}})
	ids["plugin_instance"] = str(hook.body["id"])
	link := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/intake-links",
		token: a.token, body: map[string]any{"form": "lead", "name": "Landing page"}})
	ids["intake_link"] = str(link.body["id"])
	ids["import"] = h.importFixture(a)
	return ids
}

// importFixture uploads a small CSV of leads and returns the import's id.
func (h *harness) importFixture(a account) string {
	h.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("form", "lead")
	fw, err := mw.CreateFormFile("file", "leads.csv")
	if err != nil {
		h.t.Fatal(err)
	}
	_, _ = fw.Write([]byte("company,stage\nAcme,new\n"))
	_ = mw.Close()
	res := h.do(req{method: "POST", path: "/api/v1/imports", token: a.token,
		body: body.Bytes(), headers: map[string]string{"Content-Type": mw.FormDataContentType()}})
	if res.status != http.StatusCreated && res.status != http.StatusAccepted {
		h.t.Fatalf("uploading the import fixture = %d %s", res.status, res.raw)
	}
	return str(res.body["id"])
}

// first returns the id of the first item a list answers, failing without.
func (h *harness) first(path, token string) string {
	h.t.Helper()
	res := h.must(http.StatusOK, req{method: "GET", path: path, token: token})
	items, _ := res.body["items"].([]any)
	if len(items) == 0 {
		h.t.Fatalf("%s is empty: %s", path, res.raw)
	}
	return str(items[0].(map[string]any)["id"])
}
