package server

import (
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
)

// access says who may call a route.
type access int

const (
	// signedIn routes need a principal; perm, when set, narrows further.
	signedIn access = iota
	// public routes need no principal (sign-up, sign-in, health).
	public
)

// route is one entry of the route table: everything the router, the OpenAPI
// document and the isolation and role tests need to know about an endpoint.
type route struct {
	method  string
	path    string // Fiber syntax: /api/v1/users/:id
	op      string // OpenAPI operationId
	tag     string
	summary string
	access  access
	perm    auth.Permission // "" means any signed-in user
	// object names the kind of thing the :id parameter identifies; the
	// tenant-isolation test fills it with another tenant's id.
	object string
	// in and out are the request and success-response body types.
	in     any
	out    any
	status int
	// idempotent routes honour the Idempotency-Key header.
	idempotent bool
	// limited routes count against the per-address sign-in rate limit.
	limited bool
	// before runs after the rate limit and before authentication.
	before  []fiber.Handler
	handler fiber.Handler
}

// routeTable declares every API route.
func (s *Server) routeTable() []route {
	var all []route
	all = append(all, s.accountRoutes()...)
	all = append(all, s.resetRoutes()...)
	all = append(all, s.auditRoutes()...)
	all = append(all, s.designerRoutes()...)
	all = append(all, s.appRoutes()...)
	all = append(all, s.templateRoutes()...)
	all = append(all, s.recordRoutes()...)
	all = append(all, s.attachmentRoutes()...)
	all = append(all, s.taskRoutes()...)
	all = append(all, s.deliveryRoutes()...)
	all = append(all, s.clockRoutes()...)
	all = append(all, s.pluginRoutes()...)
	all = append(all, s.inboundRoutes()...)
	all = append(all, s.intakeRoutes()...)
	all = append(all, s.dataHubRoutes()...)
	all = append(all, s.insightRoutes()...)
	return append(all, s.metaRoutes()...)
}

// designerRoutes declares the definitions API of every kind.
func (s *Server) designerRoutes() []route {
	var out []route
	out = append(out, s.definitionRoutes(designer.KindForm, "/api/v1/forms", "forms",
		&FormInput{}, func() definitionInput { return &FormInput{} })...)
	out = append(out, s.definitionRoutes(designer.KindProcess, "/api/v1/processes",
		"processes", &ProcessInput{}, func() definitionInput { return &ProcessInput{} })...)
	out = append(out, s.definitionRoutes(designer.KindDashboard, "/api/v1/dashboards",
		"dashboards", &DashboardInput{},
		func() definitionInput { return &DashboardInput{} })...)
	out = append(out, s.definitionRoutes(designer.KindCalendar, "/api/v1/calendars",
		"calendars", &CalendarInput{}, func() definitionInput { return &CalendarInput{} })...)
	return append(out, route{method: http.MethodGet, path: "/api/v1/field-kinds",
		op: "listFieldKinds", tag: "forms", summary: "The field kinds of the form designer",
		out: FieldKindList{}, status: http.StatusOK, handler: s.listFieldKinds})
}

// accountRoutes declares sign-up, sign-in, people and tokens.
func (s *Server) accountRoutes() []route {
	return []route{
		{method: http.MethodPost, path: "/api/v1/signup", op: "signup", tag: "auth",
			summary: "Create a tenant and its owner", access: public, limited: true,
			idempotent: true, in: auth.SignupInput{}, out: SignupView{},
			status: http.StatusCreated, handler: s.signup},
		{method: http.MethodPost, path: "/api/v1/auth/login", op: "login", tag: "auth",
			summary: "Sign in with e-mail and password", access: public, limited: true,
			in: auth.LoginInput{}, out: LoginView{}, status: http.StatusOK, handler: s.login},
		{method: http.MethodPost, path: "/api/v1/auth/logout", op: "logout", tag: "auth",
			summary: "End the current session", status: http.StatusNoContent,
			handler: s.logout},
		{method: http.MethodGet, path: "/api/v1/me", op: "getMe", tag: "auth",
			summary: "The signed-in user", out: UserView{}, status: http.StatusOK,
			handler: s.getMe},
		{method: http.MethodPatch, path: "/api/v1/me", op: "updateMe", tag: "auth",
			summary: "Change one's own name, language, IM ids or password",
			in:      auth.UserPatch{}, out: UserView{}, status: http.StatusOK, handler: s.updateMe},
		{method: http.MethodGet, path: "/api/v1/tenant", op: "getTenant", tag: "tenant",
			summary: "The signed-in user's organisation", out: TenantView{},
			status: http.StatusOK, handler: s.getTenant},
		{method: http.MethodGet, path: "/api/v1/users", op: "listUsers", tag: "users",
			summary: "People of the organisation, oldest first", out: UserList{},
			status: http.StatusOK, handler: s.listUsers},
		{method: http.MethodPost, path: "/api/v1/users", op: "createUser", tag: "users",
			summary: "Add a person", perm: auth.ManageUsers, idempotent: true,
			in: auth.UserInput{}, out: UserView{}, status: http.StatusCreated,
			handler: s.createUser},
		{method: http.MethodGet, path: "/api/v1/users/:id", op: "getUser", tag: "users",
			summary: "One person", object: "user", out: UserView{}, status: http.StatusOK,
			handler: s.getUser},
		{method: http.MethodPatch, path: "/api/v1/users/:id", op: "updateUser", tag: "users",
			summary: "Change a person's roles, manager, team, region or status",
			perm:    auth.ManageUsers, object: "user", in: auth.UserPatch{}, out: UserView{},
			status: http.StatusOK, handler: s.updateUser},
		{method: http.MethodGet, path: "/api/v1/tokens", op: "listTokens", tag: "tokens",
			summary: "API tokens of the organisation", perm: auth.ManageTokens,
			out: TokenList{}, status: http.StatusOK, handler: s.listTokens},
		{method: http.MethodPost, path: "/api/v1/tokens", op: "createToken", tag: "tokens",
			summary: "Create an API token (its secret is shown once)",
			perm:    auth.ManageTokens, idempotent: true, in: auth.TokenInput{}, out: TokenView{},
			status: http.StatusCreated, handler: s.createToken},
		{method: http.MethodDelete, path: "/api/v1/tokens/:id", op: "revokeToken",
			tag: "tokens", summary: "Revoke an API token", perm: auth.ManageTokens,
			object: "token", status: http.StatusNoContent, handler: s.revokeToken},
	}
}

// metaRoutes declares the API document, health and metrics.
func (s *Server) metaRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/api/v1/openapi.json", op: "openapi", tag: "meta",
			summary: "This document", access: public, status: http.StatusOK,
			handler: s.openAPI},
		{method: http.MethodGet, path: "/healthz", op: "healthz", tag: "meta",
			summary: "The process is alive", access: public, out: HealthView{},
			status: http.StatusOK, handler: s.healthz},
		{method: http.MethodGet, path: "/readyz", op: "readyz", tag: "meta",
			summary: "Each store answers", access: public, out: ReadyView{},
			status: http.StatusOK, handler: s.readyz},
		{method: http.MethodGet, path: "/metrics", op: "metrics", tag: "meta",
			summary: "Prometheus metrics", access: public, status: http.StatusOK,
			handler: s.metrics.handler()},
	}
}

// register mounts the route table, then the web app and the API's 404.
func (s *Server) register() {
	limiter := s.authLimiter()
	for _, r := range s.routes {
		chain := []any{}
		if r.limited {
			chain = append(chain, limiter)
		}
		for _, h := range r.before {
			chain = append(chain, h)
		}
		if r.access != public {
			chain = append(chain, s.audited(r), s.authenticate, requirePerm(r.perm))
		}
		if r.idempotent {
			chain = append(chain, s.idempotency)
		}
		chain = append(chain, r.handler)
		s.app.Add([]string{r.method}, r.path, chain[0], chain[1:]...)
	}
	s.app.All("/api/*", func(c fiber.Ctx) error { return fiber.ErrNotFound })
	s.mountWeb()
}

// openAPIPath turns "/api/v1/users/:id" into "/api/v1/users/{id}".
func openAPIPath(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		if strings.HasPrefix(part, ":") {
			parts[i] = "{" + part[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

// RouteInfo describes one API route, for tests and tools that walk the
// route table (isolation, role and OpenAPI checks).
type RouteInfo struct {
	Method string
	Path   string // OpenAPI syntax: /api/v1/users/{id}
	Public bool
	Perm   auth.Permission
	// Object is the kind of thing the {id} parameter names, if any.
	Object string
	// Op is the OpenAPI operationId.
	Op string
}

// Routes lists the route table.
func (s *Server) Routes() []RouteInfo {
	out := make([]RouteInfo, 0, len(s.routes))
	for _, r := range s.routes {
		out = append(out, RouteInfo{Method: r.method, Path: openAPIPath(r.path),
			Public: r.access == public, Perm: r.perm, Object: r.object, Op: r.op})
	}
	return out
}
