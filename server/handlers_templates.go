package server

import (
	"bytes"
	"net/http"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/templates"
)

// TemplateList lists the packs of the template library.
type TemplateList struct {
	Items []templates.Summary `json:"items"`
}

// templateRoutes declare the template library. Template ids are global, not
// tenant objects: the isolation test fills {id} with a tenant's app key,
// which no template has, and expects 404. Without a library the routes do
// not exist.
func (s *Server) templateRoutes() []route {
	if s.deps.Templates == nil {
		return nil
	}
	return []route{
		{method: http.MethodGet, path: "/api/v1/templates", op: "listTemplates",
			tag: "templates", summary: "The template library (?industry=&size=&capability=&kind=&q=)",
			out: TemplateList{}, status: http.StatusOK, handler: s.listTemplates},
		{method: http.MethodGet, path: "/api/v1/templates/:id", op: "getTemplate",
			tag: "templates", summary: "A template's preview: its forms, processes, dashboards",
			object: "template", out: templates.Preview{}, status: http.StatusOK,
			handler: s.getTemplate},
		{method: http.MethodPost, path: "/api/v1/templates/:id/install", op: "installTemplate",
			tag: "templates", summary: "Install a template into the caller's organisation",
			perm: auth.WriteDefinitions, object: "template", idempotent: true,
			in: templates.InstallOptions{}, out: templates.Installation{},
			status: http.StatusCreated, handler: s.installTemplate},
		{method: http.MethodGet, path: "/api/v1/templates/:id/compare", op: "compareTemplate",
			tag: "templates", summary: "What this template version would change in the app " +
				"installed from it, definition by definition",
			perm: auth.WriteDefinitions, object: "template", out: designer.PackComparison{},
			status: http.StatusOK, handler: s.compareTemplate},
	}
}

func (s *Server) compareTemplate(c fiber.Ctx) error {
	cmp, err := s.deps.Templates.Compare(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(cmp)
}

func (s *Server) listTemplates(c fiber.Ctx) error {
	items := s.deps.Templates.List(templates.Filter{Industry: c.Query("industry"),
		Size: c.Query("size"), Capability: c.Query("capability"), Kind: c.Query("kind"),
		Query: c.Query("q")})
	return c.JSON(TemplateList{Items: items})
}

func (s *Server) getTemplate(c fiber.Ctx) error {
	pv, err := s.deps.Templates.Get(c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(pv)
}

func (s *Server) installTemplate(c fiber.Ctx) error {
	var in templates.InstallOptions
	if len(bytes.TrimSpace(c.Body())) > 0 {
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
	}
	res, err := s.deps.Templates.Install(c.Context(), principalOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}

	status := http.StatusCreated
	if !res.New {
		status = http.StatusOK
	}
	return c.Status(status).JSON(res)
}
