package server_test

import (
	"net/http"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// TestIncidentsAreForOwnersAndAdmins lists delivery incidents: an owner
// sees the (empty) list, a rep is refused in their language.
func TestIncidentsAreForOwnersAndAdmins(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	_, repToken := h.addUser(a, auth.Rep)
	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/incidents", token: a.token})
	if items, ok := list.body["items"].([]any); !ok || len(items) != 0 {
		t.Errorf("incidents of a new organisation = %s", list.raw)
	}
	h.must(http.StatusForbidden, req{method: "GET", path: "/api/v1/incidents", token: repToken})
	h.must(http.StatusUnprocessableEntity, req{method: "GET", path: "/api/v1/incidents?limit=-1",
		token: a.token})
}
