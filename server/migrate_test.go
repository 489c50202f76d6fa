package server_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/formworkhq/formwork/server"
)

// TestPublishKeepsRunningWork is the implementer's change of "2 hours" to
// "90 business minutes": running leads keep their version until someone
// chooses otherwise, and the choice is counted.
func TestPublishKeepsRunningWork(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	ids := h.designerFixtures(a)
	process := "/api/v1/processes/" + ids["process"]

	h.must(http.StatusOK, req{method: "PATCH", path: process, token: a.token,
		body: map[string]any{"graph": responseProcess("lead_response", "lead",
			"90m business")["graph"]}})
	pub := h.must(http.StatusOK, req{method: "POST", path: process + "/publish",
		token: a.token})
	if pub.body["version"] != float64(2) {
		t.Fatalf("publish = %s", pub.raw)
	}

	h.must(http.StatusUnprocessableEntity, req{method: "POST", path: process + "/migrate",
		token: a.token, body: map[string]any{"from": 2}})
	kept := h.must(http.StatusOK, req{method: "POST", path: process + "/migrate",
		token: a.token, body: map[string]any{"from": 1, "mode": "keep_running"}})
	if kept.body["kept"] != float64(1) {
		t.Fatalf("keep = %s", kept.raw)
	}
	restarted := h.must(http.StatusOK, req{method: "POST", path: process + "/migrate",
		token: a.token, body: map[string]any{"from": 1, "mode": "cancel_and_restart"}})
	if restarted.body["restarted"] != float64(1) {
		t.Fatalf("restart = %s", restarted.raw)
	}
}

// taskFor is a process of one task for user, started by trigger.
func taskFor(key, user string, trigger map[string]any) map[string]any {
	node := func(id, kind string, config map[string]any) map[string]any {
		return map[string]any{"id": id, "kind": kind, "name": map[string]string{"en": id},
			"config": config}
	}
	return map[string]any{"key": key, "name": map[string]string{"en": key},
		"graph": map[string]any{
			"nodes": []any{node("start", "trigger", trigger),
				node("act", "user_task", map[string]any{
					"assignee": map[string]any{"rule": "user", "user": user}, "due": "1d"}),
				node("done", "end", map[string]any{})},
			"edges": []any{map[string]any{"id": "e1", "from": "start", "to": "act"},
				map[string]any{"id": "e2", "from": "act", "to": "done"}},
		}}
}

// TestManualAndEventTriggers starts processes by hand and by an event from
// another system, each once however often it is asked.
func TestManualAndEventTriggers(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.designerFixtures(a)
	publish := func(body map[string]any) string {
		res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/processes",
			token: a.token, body: body})
		id := str(res.body["id"])
		h.must(http.StatusOK, req{method: "POST", path: "/api/v1/processes/" + id + "/publish",
			token: a.token})
		return id
	}

	playbook := publish(taskFor("cancelled_meeting", a.userID, map[string]any{"on": "manual"}))
	for range 2 {
		h.must(http.StatusCreated, req{method: "POST",
			path: "/api/v1/processes/" + playbook + "/start", token: a.token,
			body: map[string]any{"request_id": "click-1"}})
	}
	fixture := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/processes?limit=1",
		token: a.token})
	first := str(fixture.body["items"].([]any)[0].(map[string]any)["id"])
	h.must(http.StatusConflict, req{method: "POST", path: "/api/v1/processes/" + first +
		"/start", token: a.token, body: map[string]any{}})

	publish(taskFor("call_ended", a.userID, map[string]any{"on": "inbound_event",
		"event": "call_ended"}))
	event := map[string]any{"name": "call_ended", "id": "cc-42",
		"payload": map[string]any{"duration_s": 300}}
	for range 2 {
		ev := h.must(http.StatusAccepted, req{method: "POST", path: "/api/v1/events",
			token: a.token, body: event})
		if ev.body["started"] != float64(1) {
			t.Fatalf("event = %s", ev.raw)
		}
	}

	// The fixture's lead task, one playbook task and one call task.
	tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?assignee=me",
		token: a.token})
	if n := len(tasks.body["items"].([]any)); n != 3 {
		t.Fatalf("tasks = %d: %s", n, tasks.raw)
	}
}

// TestScheduledProcessRunsOnItsCron books the runs of a process scheduled
// for 09:00 on working days and lets the manual clock reach two of them.
func TestScheduledProcessRunsOnItsCron(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	body := taskFor("standup", a.userID, map[string]any{"on": "schedule",
		"cron": "0 9 * * *", "calendar": "cn", "working_days_only": true})
	res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/processes",
		token: a.token, body: body})
	h.must(http.StatusOK, req{method: "POST",
		path: "/api/v1/processes/" + str(res.body["id"]) + "/publish", token: a.token})

	ctx := context.Background()
	for range 2 { // booking twice books one run
		if _, err := h.rt.Engine.EnsureSchedules(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// The harness clock starts on Friday 2026-02-20 09:00 UTC (17:00 in
	// Shanghai), before the Spring Festival make-up Saturday 2026-02-28
	// and after the festival: the next working-day runs are Tuesday
	// 2026-02-24 and Wednesday 2026-02-25 at 09:00 Shanghai time.
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/debug/clock", token: a.token,
		body: map[string]any{"set": "2026-02-25T02:00:00Z"}})
	tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?assignee=me",
		token: a.token})
	if n := len(tasks.body["items"].([]any)); n != 2 {
		t.Fatalf("stand-up tasks after two working mornings = %d: %s", n, tasks.raw)
	}
}
