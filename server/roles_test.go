package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// TestRoleMatrix calls every permission-guarded route as a holder of each
// role and checks that auth.Can's answer is what the route enforces.
func TestRoleMatrix(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	targetID, _ := h.addUser(a, auth.Rep)
	tokens := map[auth.Role]string{auth.Owner: a.token}
	for _, r := range auth.Roles[1:] {
		_, tokens[r] = h.addUser(a, r)
	}

	for _, rt := range h.srv.Routes() {
		if rt.Public || rt.Path == "/api/v1/auth/logout" { // logout would end the sessions
			continue
		}
		for _, role := range auth.Roles {
			path := strings.Replace(rt.Path, "{id}", targetID, 1)
			res := h.do(req{method: rt.Method, path: path, token: tokens[role],
				body: bodyFor(rt.Method)})
			forbidden := res.status == http.StatusForbidden &&
				str(res.body["code"]) == "auth.forbidden"
			allowed := rt.Perm == "" || auth.Can([]auth.Role{role}, rt.Perm)
			if allowed == forbidden {
				t.Errorf("%s %s as %s = %d %s; auth.Can says allowed=%v",
					rt.Method, rt.Path, role, res.status, res.raw, allowed)
			}
		}
	}
}

func bodyFor(method string) any {
	if method == http.MethodPost || method == http.MethodPatch {
		return map[string]any{}
	}
	return nil
}

func TestAdminCannotGrantOwnerOrRemoveLastOwner(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	adminID, adminTok := h.addUser(a, auth.Admin)

	res := h.must(http.StatusUnprocessableEntity, req{method: "PATCH",
		path: "/api/v1/users/" + adminID, token: adminTok,
		body: map[string]any{"roles": []string{"owner"}}})
	if fieldErrors(res)["/roles/0"] != "role_not_grantable" {
		t.Errorf("errors = %v", fieldErrors(res))
	}

	res = h.must(http.StatusUnprocessableEntity, req{method: "PATCH",
		path: "/api/v1/users/" + a.userID, token: a.token,
		body: map[string]any{"roles": []string{"admin"}}})
	if fieldErrors(res)["/roles"] != "last_owner" {
		t.Errorf("errors = %v", fieldErrors(res))
	}

	// A rep may edit their own profile but not their roles.
	_, repTok := h.addUser(a, auth.Rep)
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/me", token: repTok,
		body: map[string]any{"name": "Wang Lei", "locale": "zh-CN",
			"im": map[string]string{"wecom": "wanglei"}}})
	h.must(http.StatusForbidden, req{method: "PATCH", path: "/api/v1/me", token: repTok,
		body: map[string]any{"roles": []string{"admin"}}})
}

func TestManagerChainHasNoCycles(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	boss, _ := h.addUser(a, auth.Supervisor)
	rep := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/users", token: a.token,
		body: map[string]any{"email": "rep@example.com", "name": "Rep", "password": testPassword,
			"roles": []string{"rep"}, "manager_id": boss, "team": "East", "region": "Shanghai",
			"im": map[string]string{"wecom": "rep1", "dingtalk": "d1", "feishu": "f1"}}})
	repID := str(rep.body["id"])
	if str(rep.body["manager_id"]) != boss || str(rep.body["team"]) != "East" {
		t.Fatalf("created = %s", rep.raw)
	}

	res := h.must(http.StatusUnprocessableEntity, req{method: "PATCH",
		path: "/api/v1/users/" + boss, token: a.token, body: map[string]any{"manager_id": repID}})
	if fieldErrors(res)["/manager_id"] != "manager_cycle" {
		t.Errorf("errors = %v", fieldErrors(res))
	}
}
