package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/server"
)

// TestRecordJourney is a rep's day with one lead: submit it wrong, then
// right, change it, lose a race, log a call, read its timeline.
func TestRecordJourney(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	h.designerFixtures(a)

	bad := h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead",
			"data": map[string]any{"stage": "lost", "amount": 1.234}}})
	errs := fieldErrors(bad)
	for _, ptr := range []string{"/company", "/stage", "/amount"} {
		if errs[ptr] == "" {
			t.Errorf("no error for %s: %s", ptr, bad.raw)
		}
	}
	if !strings.Contains(string(bad.raw), "公司名称") {
		t.Errorf("errors do not name the field in Chinese: %s", bad.raw)
	}

	res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead",
			"data": map[string]any{"company": "Hangzhou Lianxin", "stage": "new"}}})
	id := str(res.body["id"])
	if res.body["form_version"] != float64(1) || res.body["owner_id"] != a.userID ||
		res.body["stage"] != "new" || res.body["version"] != float64(1) {
		t.Fatalf("record = %s", res.raw)
	}

	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/records/" + id, token: a.token,
		body: map[string]any{"data": map[string]any{"stage": "won"}, "version": 1}})
	stale := h.must(http.StatusConflict, req{method: "PATCH", path: "/api/v1/records/" + id,
		token: a.token, body: map[string]any{"data": map[string]any{"amount": 10}},
		headers: map[string]string{"If-Match": `"1"`}})
	if str(stale.body["type"]) == "" {
		t.Errorf("stale update = %s", stale.raw)
	}

	h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records/" + id + "/activities",
		token: a.token, body: map[string]any{"kind": "call", "duration_s": 300}})
	h.must(http.StatusUnprocessableEntity, req{method: "POST",
		path: "/api/v1/records/" + id + "/activities", token: a.token,
		body: map[string]any{"kind": "teleport", "duration_s": -1}})

	j := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + id + "/journey",
		token: a.token})
	if !strings.Contains(string(j.raw), `"call"`) {
		t.Errorf("journey lacks the call: %s", j.raw)
	}
	list := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/records?form=lead&stage=won&owner_id=me", token: a.token})
	if items := list.body["items"].([]any); len(items) != 1 {
		t.Errorf("list = %s", list.raw)
	}
}

func TestDebugClockMovesTime(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	res := h.must(http.StatusOK, req{method: "POST", path: "/api/v1/debug/clock",
		token: a.token, body: map[string]any{"advance": "2h"}})
	if str(res.body["now"]) != "2026-02-20T11:00:00Z" {
		t.Fatalf("clock = %s", res.raw)
	}
	h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/debug/clock",
		token: a.token, body: map[string]any{"advance": "2h business"}})
}

// TestRecordSearch is the service desk's customer search: it finds a
// lead by company in any case, refuses an over-long text in the caller's
// language, and never shows another tenant's records.
func TestRecordSearch(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	h.designerFixtures(a)
	for _, company := range []string{"Hangzhou Lianxin", "Ningbo (Lianxin) Ltd", "Globex"} {
		h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records", token: a.token,
			body: map[string]any{"form": "lead",
				"data": map[string]any{"company": company, "stage": "new"}}})
	}

	found := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/records?q=LIANXIN&sort=created_at", token: a.token})
	if items := found.body["items"].([]any); len(items) != 2 {
		t.Errorf("search = %s", found.raw)
	}
	literal := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/records?q=%28Lianxin%29", token: a.token})
	if items := literal.body["items"].([]any); len(items) != 1 {
		t.Errorf("search for a bracketed name = %s", literal.raw)
	}

	long := h.must(http.StatusUnprocessableEntity, req{method: "GET",
		path: "/api/v1/records?q=" + strings.Repeat("x", 65), token: a.token})
	if fieldErrors(long)["/q"] == "" || !strings.Contains(string(long.raw), "不能超过") {
		t.Errorf("over-long search = %s", long.raw)
	}

	b := h.signup("en")
	theirs := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records?q=lianxin",
		token: b.token})
	if items := theirs.body["items"].([]any); len(items) != 0 {
		t.Errorf("another tenant's search = %s", theirs.raw)
	}
}
