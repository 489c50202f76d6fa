package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// TestFormLifecycle is the implementer's journey: create a draft, read it,
// publish version 1, change it, lose a race, publish version 2 with its
// changes, and read the old version.
func TestFormLifecycle(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")

	res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/forms",
		token: a.token, body: leadForm("lead")})
	id := str(res.body["id"])
	if res.body["status"] != "draft" || res.body["key"] != "lead" || id == "" {
		t.Fatalf("created form = %s", res.raw)
	}

	pub := h.must(http.StatusOK, req{method: "POST", path: "/api/v1/forms/" + id + "/publish",
		token: a.token})
	if pub.body["version"] != float64(1) {
		t.Fatalf("first publish = %s", pub.raw)
	}

	body := leadForm("lead")
	props := body["schema"].(map[string]any)["properties"].(map[string]any)
	delete(props, "amount")
	fields := body["layout"].(map[string]any)["sections"].([]any)[0].(map[string]any)
	fields["fields"] = fields["fields"].([]any)[:2]
	patch := map[string]any{"schema": body["schema"], "layout": body["layout"]}
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/forms/" + id, token: a.token,
		body: patch, headers: map[string]string{"If-Match": `"2"`}})
	stale := h.must(http.StatusConflict, req{method: "PATCH", path: "/api/v1/forms/" + id,
		token: a.token, body: patch, headers: map[string]string{"If-Match": `"2"`}})
	if str(stale.body["code"]) != "definition.stale_revision" {
		t.Errorf("stale save = %s", stale.raw)
	}

	pub = h.must(http.StatusOK, req{method: "POST", path: "/api/v1/forms/" + id + "/publish",
		token: a.token})
	if pub.body["version"] != float64(2) || pub.body["breaking"] != true ||
		!strings.Contains(string(pub.raw), `"field_removed"`) {
		t.Fatalf("second publish = %s", pub.raw)
	}

	got := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/forms/" + id, token: a.token})
	if n := len(got.body["versions"].([]any)); n != 2 || got.body["draft"] == nil {
		t.Fatalf("form = %s", got.raw)
	}
	v1 := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/forms/" + id + "/versions/1",
		token: a.token})
	if !strings.Contains(string(v1.raw), `"amount"`) {
		t.Errorf("version 1 lost its field: %s", v1.raw)
	}
	diff := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/forms/" + id + "/diff?from=1&to=2", token: a.token})
	if !strings.Contains(string(diff.raw), `"subject":"amount"`) {
		t.Errorf("diff = %s", diff.raw)
	}
}

// TestDefinitionsAreForImplementers checks who sees what: a rep cannot
// change definitions, sees no drafts, and reads published ones without
// their draft.
func TestDefinitionsAreForImplementers(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	_, implTok := h.addUser(a, auth.Implementer)
	_, repTok := h.addUser(a, auth.Rep)

	h.must(http.StatusForbidden, req{method: "POST", path: "/api/v1/forms", token: repTok,
		body: leadForm("lead")})
	res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/forms",
		token: implTok, body: leadForm("lead")})
	id := str(res.body["id"])

	h.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/forms/" + id, token: repTok})
	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/forms", token: repTok})
	if len(list.body["items"].([]any)) != 0 {
		t.Errorf("rep lists drafts: %s", list.raw)
	}

	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/forms/" + id + "/publish",
		token: implTok})
	got := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/forms/" + id, token: repTok})
	if got.body["draft"] != nil || got.body["published"] == nil {
		t.Errorf("rep's view of a published form = %s", got.raw)
	}
}

// TestBadDefinitionsStoreNothing sends each class of bad definition and
// expects a problem document naming where it is wrong, and no form.
func TestBadDefinitionsStoreNothing(t *testing.T) {
	// A body limit above the designer's own 1 MiB schema limit, so that the
	// big schema reaches the designer.
	h := newHarness(t, server.Options{BodyLimit: 8 << 20})
	a := h.signup("zh-CN")

	withSchema := func(schema any) map[string]any {
		f := leadForm("bad")
		f["schema"] = schema
		return f
	}
	missingField := leadForm("bad")
	missingField["layout"] = map[string]any{"sections": []any{map[string]any{
		"fields": []any{map[string]any{"name": "nowhere", "kind": "text"}}}}}
	badRule := leadForm("bad")
	badRule["rules"] = []any{map[string]any{"id": "r1", "when": "stagee == 'won'",
		"require": []string{"amount"}}}
	deep := map[string]any{"type": "object"}
	for range 40 {
		deep = map[string]any{"type": "object", "properties": map[string]any{"x": deep}}
	}
	loop := responseProcess("loop", "lead", "2h")
	loop["graph"].(map[string]any)["edges"] = []any{
		map[string]any{"id": "e1", "from": "start", "to": "follow_up"},
		map[string]any{"id": "e2", "from": "follow_up", "to": "follow_up"},
	}

	tests := []struct {
		name, path string
		body       any
		status     int
		pointer    string
	}{
		{"schema does not compile", "/api/v1/forms", withSchema(map[string]any{
			"type": "object", "properties": map[string]any{"x": map[string]any{"type": 5}}}),
			422, "/schema/properties/x/type"},
		{"remote $ref", "/api/v1/forms", withSchema(map[string]any{
			"type": "object", "properties": map[string]any{
				"x": map[string]any{"$ref": "https://example.com/s.json"}}}), 422, ""},
		{"too deep", "/api/v1/forms", withSchema(deep), 422, "/schema"},
		{"layout names a missing field", "/api/v1/forms", missingField, 422, "/layout"},
		{"rule names an unknown field", "/api/v1/forms", badRule, 422, "/rules/0/when"},
		{"process loops without an exit", "/api/v1/processes", loop, 422, "/graph"},
		{"five megabytes", "/api/v1/forms", withSchema(map[string]any{"type": "object",
			"description": strings.Repeat("x", 5<<20)}), 422, "/schema"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := h.must(tt.status, req{method: "POST", path: tt.path, token: a.token,
				body: tt.body})
			if str(res.body["type"]) == "" || res.header.Get("Content-Language") != "zh-CN" {
				t.Errorf("not a localised problem document: %s", res.raw)
			}
			if tt.pointer != "" && !hasPointerUnder(res, tt.pointer) {
				t.Errorf("no error under %s: %s", tt.pointer, res.raw)
			}
		})
	}
	for _, path := range []string{"/api/v1/forms", "/api/v1/processes"} {
		list := h.must(http.StatusOK, req{method: "GET", path: path, token: a.token})
		if len(list.body["items"].([]any)) != 0 {
			t.Errorf("%s stored something: %s", path, list.raw)
		}
	}
}

func hasPointerUnder(res response, prefix string) bool {
	for ptr := range fieldErrors(res) {
		if strings.HasPrefix(ptr, prefix) {
			return true
		}
	}
	return false
}

// TestLintNamesNodes checks that a graph finding points at its node.
func TestLintNamesNodes(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/forms", token: a.token,
		body: leadForm("lead")})

	res := h.must(http.StatusOK, req{method: "POST", path: "/api/v1/processes/lint",
		token: a.token, body: responseProcess("p", "lead", "two hours")})
	if res.body["valid"] != false || !strings.Contains(string(res.raw), `"node":"follow_up"`) {
		t.Fatalf("lint = %s", res.raw)
	}
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/processes/lint",
		token: a.token, body: responseProcess("p", "lead", "90m business")})
}

// TestPackExportImport moves an app to another tenant as a zip archive:
// new ids, same keys, published, and a second import changes nothing.
func TestPackExportImport(t *testing.T) {
	h := newHarness(t, server.Options{})
	from, to := h.signup("en"), h.signup("en")
	ids := h.designerFixtures(from)

	zip := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/apps/sales/export",
		token: from.token})
	if zip.header.Get("Content-Type") != "application/zip" {
		t.Fatalf("export content type = %q", zip.header.Get("Content-Type"))
	}
	send := req{method: "POST", path: "/api/v1/apps/import", token: to.token, body: zip.raw,
		headers: map[string]string{"Content-Type": "application/zip"}}
	first := h.must(http.StatusCreated, send)
	if first.body["created"] != true {
		t.Fatalf("import = %s", first.raw)
	}
	h.must(http.StatusOK, send) // installing twice does not duplicate

	objects := map[string]string{"/api/v1/forms": "form", "/api/v1/processes": "process",
		"/api/v1/dashboards": "dashboard", "/api/v1/calendars": "calendar"}
	for path, object := range objects {
		list := h.must(http.StatusOK, req{method: "GET", path: path, token: to.token})
		items := list.body["items"].([]any)
		if len(items) != 1 {
			t.Fatalf("%s after import = %s", path, list.raw)
		}
		item := items[0].(map[string]any)
		if item["published_version"] != float64(1) || item["id"] == ids[object] {
			t.Errorf("%s imported = %s", path, list.raw)
		}
	}

	bundle := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/apps/sales/export?format=json", token: from.token})
	bad := bundle.body
	bad["manifest"].(map[string]any)["id"] = "sales_copy"
	bad["processes"].([]any)[0].(map[string]any)["graph"].(map[string]any)["edges"] = []any{}
	third := h.signup("en")
	h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/apps/import",
		token: third.token, body: bad})
	if n := len(h.must(http.StatusOK, req{method: "GET", path: "/api/v1/forms",
		token: third.token}).body["items"].([]any)); n != 0 {
		t.Errorf("a refused import left %d forms behind", n)
	}
}

// TestSimulateShowsTheEscalation runs the response process on a virtual
// clock: the timeline says the owner is reminded after 2 h, and nothing is
// written or sent.
func TestSimulateShowsTheEscalation(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	ids := h.designerFixtures(a)
	before := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/deliveries",
		token: a.token})

	res := h.must(http.StatusOK, req{method: "POST",
		path: "/api/v1/processes/" + ids["process"] + "/simulate", token: a.token,
		body: map[string]any{"script": map[string]any{"start": "2026-12-04T09:00:00+08:00",
			"record": map[string]any{"company": "Acme"},
			"events": []any{map[string]any{"kind": "submit"},
				map[string]any{"kind": "advance", "duration": "5h"}}}}})
	if !strings.Contains(string(res.raw), `"escalate"`) ||
		!strings.Contains(string(res.raw), "2026-12-04T11:00:00+08:00") {
		t.Fatalf("timeline = %s", res.raw)
	}
	after := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/deliveries",
		token: a.token})
	if string(after.raw) != string(before.raw) {
		t.Errorf("the simulation sent something: %s", after.raw)
	}
}
