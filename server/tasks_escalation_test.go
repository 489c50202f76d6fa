package server_test

import (
	"net/http"
	"testing"

	"github.com/formworkhq/formwork/server"
)

// escalatingProcess gives the owner a 2 h follow-up whose boundary path
// escalates to user.
func escalatingProcess(user string) map[string]any {
	p := responseProcess("escalating", "lead", "")
	g := p["graph"].(map[string]any)
	g["nodes"] = append(g["nodes"].([]any), map[string]any{"id": "escalate",
		"kind": "user_task", "name": map[string]string{"en": "Escalation"},
		"config": map[string]any{"assignee": map[string]any{"rule": "user", "user": user}}})
	edges := g["edges"].([]any)
	for i, e := range edges {
		if e.(map[string]any)["id"] == "e3" { // remind → escalate → reminded
			edges[i] = map[string]any{"id": "e3", "from": "remind", "to": "escalate"}
		}
	}
	g["edges"] = append(edges, map[string]any{"id": "e4", "from": "escalate",
		"to": "reminded"})
	return p
}

// TestTasksEscalatedFilter lets a follow-up run 2 h late: the task its
// boundary path creates lists under ?escalated=true with its level and
// the overdue task, the follow-up does not, and a bad value is refused in
// the caller's language.
func TestTasksEscalatedFilter(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.designerFixtures(a)
	res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/processes",
		token: a.token, body: escalatingProcess(a.userID)})
	h.must(http.StatusOK, req{method: "POST",
		path: "/api/v1/processes/" + str(res.body["id"]) + "/publish", token: a.token})
	h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records", token: a.token,
		body: map[string]any{"form": "lead", "data": map[string]any{"company": "Acme"}}})

	before := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?escalated=true",
		token: a.token})
	if items := before.body["items"].([]any); len(items) != 0 {
		t.Fatalf("escalations before the SLA = %s", before.raw)
	}
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/debug/clock", token: a.token,
		body: map[string]any{"advance": "3h"}})

	all := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks", token: a.token})
	var escalated map[string]any
	normal := map[any]map[string]any{}
	for _, it := range all.body["items"].([]any) {
		item := it.(map[string]any)
		switch item["escalation_level"] {
		case float64(0):
			normal[item["id"]] = item
		case float64(1):
			escalated = item
		}
	}
	if escalated == nil || normal[escalated["escalated_from"]] == nil {
		t.Fatalf("inbox = %s; want a level-1 task from a level-0 one", all.raw)
	}
	for _, n := range normal {
		if _, ok := n["escalated_from"]; ok {
			t.Errorf("a level-0 task names escalated_from: %v", n)
		}
	}

	only := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?escalated=true",
		token: a.token})
	items := only.body["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["id"] != escalated["id"] {
		t.Errorf("?escalated=true = %s; want the escalation only", only.raw)
	}
	one := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks/" +
		str(escalated["id"]), token: a.token})
	if one.body["escalation_level"] != float64(1) ||
		one.body["escalated_from"] != escalated["escalated_from"] {
		t.Errorf("the task = %s", one.raw)
	}

	for lang, want := range map[string]string{"en": "The query parameter escalated is not valid.",
		"zh-CN": "查询参数 escalated 无效。"} {
		bad := h.must(http.StatusBadRequest, req{method: "GET",
			path: "/api/v1/tasks?escalated=maybe", token: a.token,
			headers: map[string]string{"Accept-Language": lang}})
		if bad.body["detail"] != want {
			t.Errorf("%s: bad value = %s", lang, bad.raw)
		}
	}
}
