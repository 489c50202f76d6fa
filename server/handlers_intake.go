package server

import (
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/intake"
)

// IntakeSubmission is what a landing page posts to an intake link.
type IntakeSubmission struct {
	// Data holds the form's field values; utm_* query parameters of the
	// request and its Referer fill the form's fields of those names.
	Data json.RawMessage `json:"data"`
}

// IntakeLinkList is a page of intake links.
type IntakeLinkList struct {
	Items []intake.Link `json:"items"`
}

// intakeRoutes declares the intake links of forms: managed by people who
// design apps, used by landing pages without signing in. The token in the
// public paths is the whole permission (a capability URL), so it names no
// tenant's object the isolation walk could reach.
func (s *Server) intakeRoutes() []route {
	if s.deps.Intake == nil {
		return nil
	}
	const tag = "intake"
	return []route{
		{method: http.MethodPost, path: "/api/v1/intake-links", op: "createIntakeLink", tag: tag,
			summary: "Create a public intake link for a published form",
			perm:    auth.WriteDefinitions, idempotent: true, in: intake.LinkInput{},
			out: intake.Link{}, status: http.StatusCreated, handler: s.createIntakeLink},
		{method: http.MethodGet, path: "/api/v1/intake-links", op: "listIntakeLinks", tag: tag,
			summary: "The organisation's intake links, newest first",
			perm:    auth.WriteDefinitions, out: IntakeLinkList{}, status: http.StatusOK,
			handler: s.listIntakeLinks},
		{method: http.MethodDelete, path: "/api/v1/intake-links/:id", op: "revokeIntakeLink",
			tag: tag, summary: "Switch an intake link off", perm: auth.WriteDefinitions,
			object: "intake_link", status: http.StatusNoContent, handler: s.revokeIntakeLink},
		{method: http.MethodGet, path: "/api/v1/intake/:token", op: "getIntakeForm", tag: tag,
			summary: "The form behind an intake link, to render on a landing page",
			access:  public, object: "intake_token", out: intake.PublicForm{},
			status: http.StatusOK, handler: s.getIntakeForm},
		{method: http.MethodPost, path: "/api/v1/intake/:token", op: "submitIntake", tag: tag,
			summary: "Submit a lead from a landing page; rate-limited per address",
			access:  public, object: "intake_token", in: IntakeSubmission{},
			out: intake.Receipt{}, status: http.StatusCreated, handler: s.submitIntake},
		{method: http.MethodOptions, path: "/api/v1/intake/:token", op: "intakePreflight",
			tag: tag, summary: "CORS preflight of landing pages on other sites",
			access: public, object: "intake_token", status: http.StatusNoContent,
			handler: s.intakePreflight},
	}
}

func (s *Server) createIntakeLink(c fiber.Ctx) error {
	var in intake.LinkInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	l, err := s.deps.Intake.Create(c.Context(), principalOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(l)
}

func (s *Server) listIntakeLinks(c fiber.Ctx) error {
	links, err := s.deps.Intake.List(c.Context(), principalOf(c))
	if err != nil {
		return err
	}
	return c.JSON(IntakeLinkList{Items: links})
}

func (s *Server) revokeIntakeLink(c fiber.Ctx) error {
	if err := s.deps.Intake.Revoke(c.Context(), principalOf(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *Server) getIntakeForm(c fiber.Ctx) error {
	allowAnyOrigin(c)
	f, err := s.deps.Intake.Form(c.Context(), c.Params("token"))
	if err != nil {
		return err
	}
	return c.JSON(f)
}

func (s *Server) submitIntake(c fiber.Ctx) error {
	allowAnyOrigin(c)
	var in IntakeSubmission
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	query, err := url.ParseQuery(string(c.Request().URI().QueryString()))
	if err != nil {
		query = url.Values{}
	}
	r, err := s.deps.Intake.Submit(c.Context(), c.Params("token"), intake.Submission{
		Data: in.Data, Query: query, Referer: c.Get(fiber.HeaderReferer), Address: c.IP(),
		Locale: localeOf(c)})
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(r)
}

// intakePreflight lets a landing page on another site post JSON here. No
// credentials are ever allowed: the token in the path is the permission.
func (s *Server) intakePreflight(c fiber.Ctx) error {
	allowAnyOrigin(c)
	c.Set(fiber.HeaderAccessControlAllowMethods, "GET, POST")
	c.Set(fiber.HeaderAccessControlAllowHeaders, "Content-Type, Accept-Language")
	c.Set(fiber.HeaderAccessControlMaxAge, "600")
	return c.SendStatus(http.StatusNoContent)
}

func allowAnyOrigin(c fiber.Ctx) {
	c.Set(fiber.HeaderAccessControlAllowOrigin, "*")
}
