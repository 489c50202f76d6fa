package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/server"
)

// TestBadInputChangesNothing sends every class of bad body to a route that
// creates things and checks for a problem document and an unchanged store.
func TestBadInputChangesNothing(t *testing.T) {
	h := newHarness(t, server.Options{BodyLimit: 4096})
	a := h.signup("en")
	before := h.userCount(a.token)

	valid := `"email":"new@example.com","name":"New","password":"` + testPassword +
		`","roles":["rep"]`
	tests := []struct {
		name        string
		body        string
		contentType string
		status      int
		code        string
		fields      map[string]string
	}{
		{name: "malformed json", body: `{"email":`, status: 400, code: "request.malformed_json"},
		{name: "not an object", body: `[1,2]`, status: 422, code: "request.invalid_fields",
			fields: map[string]string{"": "wrong_type"}},
		{name: "trailing data", body: `{` + valid + `} {}`, status: 400,
			code: "request.malformed_json"},
		{name: "empty body", body: ``, status: 400, code: "request.empty_body"},
		{name: "unknown field", body: `{` + valid + `,"salary":1}`, status: 422,
			code: "request.invalid_fields", fields: map[string]string{"/salary": "unknown"}},
		{name: "mass assignment", body: `{` + valid + `,"tenant_id":"x","id":"y","version":9}`,
			status: 422, code: "request.invalid_fields", fields: map[string]string{
				"/tenant_id": "unknown", "/id": "unknown", "/version": "unknown"}},
		{name: "wrong types", body: `{"email":1,"name":true,"password":"` + testPassword +
			`","roles":"rep","im":[]}`, status: 422, code: "request.invalid_fields",
			fields: map[string]string{"/email": "wrong_type", "/name": "wrong_type",
				"/roles": "wrong_type", "/im": "wrong_type"}},
		{name: "operator key", body: `{` + valid + `,"$where":"1"}`, status: 422,
			code: "request.invalid_fields", fields: map[string]string{"/$where": "invalid_key"}},
		{name: "operator in nested object", body: `{` + valid + `,"im":{"$ne":""}}`,
			status: 422, code: "request.invalid_fields",
			fields: map[string]string{"/im/$ne": "invalid_key"}},
		{name: "dotted key", body: `{` + valid + `,"im.wecom":"x"}`, status: 422,
			code: "request.invalid_fields", fields: map[string]string{"/im.wecom": "invalid_key"}},
		{name: "operator as value", body: `{"email":{"$gt":""},"name":"N","password":"` +
			testPassword + `","roles":["rep"]}`, status: 422, code: "request.invalid_fields",
			fields: map[string]string{"/email": "wrong_type"}},
		{name: "oversized", body: `{` + valid + `,"name":"` + strings.Repeat("x", 5000) + `"}`,
			status: 413, code: "request.body_too_large"},
		{name: "not json", body: `email=x`, contentType: "application/x-www-form-urlencoded",
			status: 415, code: "request.json_required"},
		{name: "domain validation", body: `{"email":"bad","name":"","password":"x",` +
			`"roles":["king","rep","rep"],"manager_id":"nobody","locale":"de"}`, status: 422,
			code: "request.invalid_fields", fields: map[string]string{"/email": "invalid_email",
				"/name": "required", "/password": "too_short", "/roles/0": "invalid_role",
				"/roles/2": "duplicate", "/manager_id": "unknown_user",
				"/locale": "invalid_locale"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := tt.contentType
			if ct == "" {
				ct = "application/json"
			}
			res := h.do(req{method: "POST", path: "/api/v1/users", token: a.token,
				body: tt.body, headers: map[string]string{"Content-Type": ct}})
			if res.status != tt.status || str(res.body["code"]) != tt.code {
				t.Fatalf("= %d %s, want %d %s", res.status, res.raw, tt.status, tt.code)
			}
			if !strings.HasPrefix(str(res.body["type"]), "urn:formwork:problem:") ||
				str(res.body["detail"]) == "" || str(res.body["title"]) == "" {
				t.Errorf("not a full problem document: %s", res.raw)
			}
			if tt.fields != nil && !equalMaps(fieldErrors(res), tt.fields) {
				t.Errorf("field errors = %v, want %v", fieldErrors(res), tt.fields)
			}
		})
	}
	if after := h.userCount(a.token); after != before {
		t.Fatalf("users went from %d to %d: bad input changed something", before, after)
	}
}

func TestUnknownRoutesAnswerProblems(t *testing.T) {
	h := newHarness(t, server.Options{})
	res := h.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/nothing-here"})
	if str(res.body["code"]) != "route.not_found" {
		t.Fatalf("body = %s", res.raw)
	}
	h.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/users?cursor=%%%",
		token: h.signup("en").token})
}
