package server_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
	"github.com/formworkhq/formwork/web"
)

// TestOpenAPIListsExactlyTheRoutes compares the served OpenAPI document with
// the routes Fiber actually has, so a route added outside the route table
// (or a stale entry in it) fails here.
func TestOpenAPIListsExactlyTheRoutes(t *testing.T) {
	h := newHarness(t, server.Options{})
	res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/openapi.json"})
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(res.raw, &doc); err != nil || doc.OpenAPI != "3.1.0" {
		t.Fatalf("not an OpenAPI 3.1 document (%v): %.200s", err, res.raw)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}

	var registered []string
	for _, r := range h.srv.App().GetRoutes(true) {
		if r.Method == http.MethodHead || !documentable(r.Path) {
			continue
		}
		registered = append(registered, r.Method+" "+fiberToOpenAPI(r.Path))
	}
	sort.Strings(documented)
	sort.Strings(registered)
	if diff := cmp.Diff(registered, documented); diff != "" {
		t.Errorf("OpenAPI paths differ from the router (-router +openapi):\n%s", diff)
	}
}

// documentable leaves out the catch-alls: the API's 404 and the web app.
func documentable(p string) bool { return p != "/api/*" && p != "/*" }

func fiberToOpenAPI(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") {
			parts[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

func TestIdempotencyKey(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	body := map[string]any{"email": "once@example.com", "name": "Once",
		"password": testPassword, "roles": []string{"rep"}}
	key := map[string]string{"Idempotency-Key": "create-once-1"}
	before := h.userCount(a.token)

	var wg sync.WaitGroup
	results := make([]response, 6)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = h.do(req{method: "POST", path: "/api/v1/users", token: a.token,
				body: body, headers: key})
		}()
	}
	wg.Wait()
	var ids []string
	for _, r := range results {
		switch r.status {
		case http.StatusCreated:
			ids = append(ids, str(r.body["id"]))
		case http.StatusConflict: // a concurrent twin still running
		default:
			t.Fatalf("concurrent duplicate = %d %s", r.status, r.raw)
		}
	}
	replay := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/users",
		token: a.token, body: body, headers: key})
	ids = append(ids, str(replay.body["id"]))
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("different answers for one key: %v", ids)
		}
	}
	if replay.header.Get("Idempotent-Replayed") != "true" {
		t.Error("replay not marked Idempotent-Replayed")
	}
	if after := h.userCount(a.token); after != before+1 {
		t.Fatalf("users %d → %d, want exactly one created", before, after)
	}

	body["name"] = "Different"
	res := h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/users",
		token: a.token, body: body, headers: key})
	if str(res.body["code"]) != "idempotency.mismatch" {
		t.Fatalf("same key, other body = %s", res.raw)
	}
}

func TestFailedRequestReleasesIdempotencyKey(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	key := map[string]string{"Idempotency-Key": "fix-and-retry"}
	h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/users",
		token: a.token, headers: key, body: map[string]any{"email": "x@example.com"}})
	h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/users", token: a.token,
		headers: key, body: map[string]any{"email": "x@example.com", "name": "X",
			"password": testPassword, "roles": []string{"rep"}}})
}

func TestCookieSessionsNeedCSRFHeader(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	login := h.must(http.StatusOK, req{method: "POST", path: "/api/v1/auth/login",
		body: map[string]string{"email": a.email, "password": testPassword}})
	var session, csrf string
	for _, c := range (&http.Response{Header: login.header}).Cookies() {
		switch c.Name {
		case server.SessionCookie:
			session = c.Value
			if !c.HttpOnly {
				t.Error("session cookie is not HttpOnly")
			}
		case server.CSRFCookie:
			csrf = c.Value
		}
	}
	if session == "" || csrf == "" || csrf != str(login.body["csrf_token"]) {
		t.Fatalf("cookies missing: session %q csrf %q", session, csrf)
	}
	cookie := fmt.Sprintf("%s=%s; %s=%s", server.SessionCookie, session, server.CSRFCookie, csrf)
	patch := map[string]any{"name": "Renamed"}

	h.must(http.StatusOK, req{method: "GET", path: "/api/v1/me",
		headers: map[string]string{"Cookie": cookie}})
	res := h.must(http.StatusForbidden, req{method: "PATCH", path: "/api/v1/me", body: patch,
		headers: map[string]string{"Cookie": cookie}})
	if str(res.body["code"]) != "auth.csrf" {
		t.Fatalf("body = %s", res.raw)
	}
	h.must(http.StatusForbidden, req{method: "PATCH", path: "/api/v1/me", body: patch,
		headers: map[string]string{"Cookie": cookie, server.CSRFHeader: "forged"}})
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/me", body: patch,
		headers: map[string]string{"Cookie": cookie, server.CSRFHeader: csrf}})
}

func TestCursorPagination(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	want := []string{a.userID}
	for range 4 {
		id, _ := h.addUser(a, auth.Rep)
		want = append(want, id)
	}

	var got []string
	path := "/api/v1/users?limit=2"
	for pages := 0; path != ""; pages++ {
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		res := h.must(http.StatusOK, req{method: "GET", path: path, token: a.token})
		for _, it := range res.body["items"].([]any) {
			got = append(got, str(it.(map[string]any)["id"]))
		}
		path = ""
		if c := str(res.body["next_cursor"]); c != "" {
			path = "/api/v1/users?limit=2&cursor=" + c
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"?limit=0", "?limit=201", "?limit=x", "?cursor=bm9wZQ"} {
		h.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/users" + bad, token: a.token})
	}
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	h := newHarness(t, server.Options{})
	h.must(http.StatusOK, req{method: "GET", path: "/healthz"})
	ready := h.must(http.StatusOK, req{method: "GET", path: "/readyz"})
	stores, _ := ready.body["stores"].(map[string]any)
	for _, name := range []string{"mongodb", "redis"} {
		s, _ := stores[name].(map[string]any)
		if str(s["status"]) != "ok" || str(s["mode"]) == "" || str(s["addr"]) == "" {
			t.Errorf("readyz %s = %v", name, s)
		}
	}
	metrics := h.must(http.StatusOK, req{method: "GET", path: "/metrics"})
	if !strings.Contains(string(metrics.raw), `formwork_http_requests_total{method="GET",route="/readyz",status="200"}`) {
		t.Errorf("metrics lack the request counter:\n%.500s", metrics.raw)
	}

	if err := h.queue.Close(); err != nil {
		t.Fatal(err)
	}
	degraded := h.must(http.StatusServiceUnavailable, req{method: "GET", path: "/readyz"})
	stores, _ = degraded.body["stores"].(map[string]any)
	if s, _ := stores["redis"].(map[string]any); str(s["status"]) != "unavailable" {
		t.Errorf("readyz with Redis closed = %s", degraded.raw)
	}
	if s, _ := stores["mongodb"].(map[string]any); str(s["status"]) != "ok" {
		t.Errorf("MongoDB should still be ok: %s", degraded.raw)
	}
}

func TestWebAppAndHeaders(t *testing.T) {
	h := newHarness(t, server.Options{})
	for _, path := range []string{"/", "/inbox/tasks/42"} {
		res := h.must(http.StatusOK, req{method: "GET", path: path})
		if !strings.Contains(string(res.raw), "<title>Formwork</title>") {
			t.Errorf("GET %s did not serve the web app: %.200s", path, res.raw)
		}
		csp := res.header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("CSP = %q", csp)
		}
		if res.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Error("nosniff missing")
		}
	}
	index, err := fs.ReadFile(web.Dist(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	script := regexp.MustCompile(`<script type="module"[^>]*src="(/assets/[^"]+\.js)"`).
		FindSubmatch(index)
	if script == nil {
		t.Fatalf("index.html names no module script: %.300s", index)
	}
	js := h.must(http.StatusOK, req{method: "GET", path: string(script[1])})
	if !strings.HasPrefix(js.header.Get("Content-Type"), "text/javascript") {
		t.Errorf("%s content type = %q", script[1], js.header.Get("Content-Type"))
	}
	h.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/not-a-route"})
}
