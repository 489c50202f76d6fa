package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
)

// This file holds what the end-to-end tests of the industry editions and
// the company-size starters share: installing into a packUsers tenant,
// expecting a localised refusal, finding tasks and reading boards.

// install installs template id into u's tenant as its owner, with or
// without the sample data, and returns the created definitions' ids by key.
func (u *packUsers) install(id string, samples bool) map[string]string {
	u.h.t.Helper()
	res := u.h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/" + id + "/install", token: u.a.token,
		body: map[string]any{"sample_data": samples}})
	out := map[string]string{}
	for _, it := range res.body["created"].([]any) {
		m := it.(map[string]any)
		out[str(m["key"])] = str(m["id"])
	}
	return out
}

// refused submits data on form as who, expects 422 and returns the answer.
func (u *packUsers) refused(who, form string, data map[string]any) response {
	u.h.t.Helper()
	return u.h.must(http.StatusUnprocessableEntity, req{method: "POST",
		path: "/api/v1/records", token: u.token(who),
		body: map[string]any{"form": form, "data": data}})
}

// expectFieldError checks that a refusal names the field at pointer with
// code (any code when empty) and that its text quotes every one of words.
func expectFieldError(t *testing.T, res response, pointer, code string, words ...string) {
	t.Helper()
	got, ok := fieldErrors(res)[pointer]
	if !ok || (code != "" && got != code) {
		t.Errorf("refusal lacks %s (%s): %s", pointer, code, res.raw)
	}
	if !containsEvery(string(res.raw), words) {
		t.Errorf("refusal does not say %q: %s", words, res.raw)
	}
}

// completeTask completes task id as who with data and expects status.
func (u *packUsers) completeTask(who, id string, status int, data map[string]any) response {
	u.h.t.Helper()
	return u.h.must(status, req{method: "POST", path: "/api/v1/tasks/" + id + "/complete",
		token: u.token(who), body: map[string]any{"data": data}})
}

// openTaskOfKind returns who's open task of kind on record whose English
// title has title in it, or nil.
func (u *packUsers) openTaskOfKind(who, kind, recordID, title string) map[string]any {
	u.h.t.Helper()
	res := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?limit=100",
		token: u.token(who)})
	for _, it := range res.body["items"].([]any) {
		m := it.(map[string]any)
		t, _ := m["title"].(map[string]any)
		if m["record_id"] == recordID && m["status"] == "open" && m["kind"] == kind &&
			strings.Contains(str(t["en"]), title) {
			return m
		}
	}
	return nil
}

// titleOf returns a task's title in locale.
func titleOf(task map[string]any, locale string) string {
	t, _ := task["title"].(map[string]any)
	return str(t[locale])
}

// board reads dashboard key's data with the query (may be empty).
func (u *packUsers) board(key string, query url.Values) response {
	u.h.t.Helper()
	path := "/api/v1/dashboards/" + u.h.dashboardID(u.a, key) + "/data"
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	return u.h.must(http.StatusOK, req{method: "GET", path: path, token: u.a.token})
}

// values returns the value of each of a board's widgets.
func values(data response, widgets ...string) map[string]any {
	out := map[string]any{}
	for _, w := range widgets {
		out[w] = widgetOf(data, w)["value"]
	}
	return out
}

// records lists the tenant's records of form, as the owner sees them, by
// the field key of their data.
func (u *packUsers) records(form, key string) map[string]map[string]any {
	u.h.t.Helper()
	res := u.h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/records?limit=100&form=" + form, token: u.a.token})
	out := map[string]map[string]any{}
	for _, it := range res.body["items"].([]any) {
		data := it.(map[string]any)["data"].(map[string]any)
		out[str(data[key])] = data
	}
	return out
}

// addPerson adds a user with role to u's tenant under the name who, so
// that setClock signs them in again too.
func (u *packUsers) addPerson(who string, role auth.Role) string {
	u.h.t.Helper()
	id, token := u.h.addUser(u.a, role)
	res := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/users/" + id,
		token: u.a.token})
	u.emails[who], u.tokens[who] = str(res.body["email"]), token
	return id
}

// groupValues returns a widget's group values by the values of their keys
// in the order of by, joined with "/".
func groupValues(data response, widget string, by ...string) map[string]any {
	out := map[string]any{}
	groups, _ := widgetOf(data, widget)["groups"].([]any)
	for _, g := range groups {
		m := g.(map[string]any)
		keys, _ := m["keys"].(map[string]any)
		parts := make([]string, len(by))
		for i, k := range by {
			parts[i] = str(keys[k])
		}
		out[strings.Join(parts, "/")] = m["value"]
	}
	return out
}

// patchRefused changes fields of record id as who, at its current
// version, expects 422 and returns the answer.
func (u *packUsers) patchRefused(who, id string, data map[string]any) response {
	u.h.t.Helper()
	cur := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + id,
		token: u.token(who)})
	return u.h.must(http.StatusUnprocessableEntity, req{method: "PATCH",
		path: "/api/v1/records/" + id, token: u.token(who),
		body: map[string]any{"version": cur.body["version"], "data": data}})
}

// task reads task id in full as who.
func (u *packUsers) task(who, id string) map[string]any {
	u.h.t.Helper()
	return u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks/" + id,
		token: u.token(who)}).body
}
