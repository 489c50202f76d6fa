package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// definitionAPI serves the routes of one kind of definition.
type definitionAPI struct {
	s     *Server
	kind  designer.Kind
	input func() definitionInput
}

// definitionRoutes declares the routes of one kind under base, e.g.
// /api/v1/forms: CRUD, lint, publish, versions and diff.
func (s *Server) definitionRoutes(kind designer.Kind, base, tag string,
	sample definitionInput, input func() definitionInput) []route {
	api := definitionAPI{s: s, kind: kind, input: input}
	obj, write := string(kind), auth.WriteDefinitions
	name := tag // the plural: "forms", "processes" …
	title := strings.ToUpper(name[:1]) + name[1:]
	one := strings.ToUpper(obj[:1]) + obj[1:]
	return []route{
		{method: http.MethodGet, path: base, op: "list" + title, tag: tag,
			summary: "List " + name + " (published ones only for readers)",
			out:     DefinitionList{}, status: http.StatusOK, handler: api.list},
		{method: http.MethodPost, path: base, op: "create" + one, tag: tag,
			summary: "Create a draft " + string(kind) + " (lint runs first)", perm: write,
			idempotent: true, in: sample, out: DefinitionView{}, status: http.StatusCreated,
			handler: api.create},
		{method: http.MethodPost, path: base + "/lint", op: "lint" + title, tag: tag,
			summary: "Lint a " + string(kind) + " without saving it", perm: write, in: sample,
			out: LintView{}, status: http.StatusOK, handler: api.lint},
		{method: http.MethodGet, path: base + "/:id", op: "get" + one,
			tag: tag, summary: "One " + string(kind) + " with its draft and versions",
			object: obj, out: DefinitionView{}, status: http.StatusOK, handler: api.get},
		{method: http.MethodPatch, path: base + "/:id", op: "update" + one,
			tag: tag, summary: "Change the draft (If-Match: its revision)", perm: write,
			object: obj, in: sample, out: DefinitionView{}, status: http.StatusOK,
			handler: api.update},
		{method: http.MethodDelete, path: base + "/:id", op: "archive" + one,
			tag: tag, summary: "Archive (versions stay readable)", perm: write, object: obj,
			status: http.StatusNoContent, handler: api.archive},
		{method: http.MethodPost, path: base + "/:id/publish",
			op: "publish" + one, tag: tag,
			summary: "Publish the draft as the next immutable version", perm: write,
			object: obj, out: PublishView{}, status: http.StatusOK, handler: api.publish},
		{method: http.MethodGet, path: base + "/:id/versions",
			op: "list" + one + "Versions", tag: tag,
			summary: "Every published version", object: obj, out: VersionList{},
			status: http.StatusOK, handler: api.versions},
		{method: http.MethodGet, path: base + "/:id/versions/:version",
			op: "get" + one + "Version", tag: tag,
			summary: "One published version", object: obj, out: VersionView{},
			status: http.StatusOK, handler: api.version},
		{method: http.MethodGet, path: base + "/:id/diff",
			op: "diff" + one, tag: tag,
			summary: "Changes between versions (?from=N&to=M; to 0 is the draft)",
			perm:    write, object: obj, out: DiffView{}, status: http.StatusOK,
			handler: api.diff},
	}
}

func (a definitionAPI) list(c fiber.Ctx) error {
	pg, err := pageParams(c)
	if err != nil {
		return err
	}
	p := principalOf(c)
	q := designer.ListQuery{App: c.Query("app"), Archived: c.Query("archived") == "true",
		Page: pg}

	defs, more, err := a.s.deps.Designer.List(c.Context(), p, a.kind, q)
	if err != nil {
		return err
	}
	out := DefinitionList{Items: make([]DefinitionView, 0, len(defs))}
	for i := range defs {
		out.Items = append(out.Items, definitionView(&defs[i], false))
	}
	if more {
		out.NextCursor = encodeCursor(defs[len(defs)-1].ID)
	}
	return c.JSON(out)
}

func (a definitionAPI) create(c fiber.Ctx) error {
	in := a.input()
	if err := decodeJSON(c, in); err != nil {
		return err
	}
	content, err := json.Marshal(in.content())
	if err != nil {
		return err
	}

	p := principalOf(c)
	d, warnings, err := a.s.deps.Designer.Create(c.Context(), p, a.kind, in.meta(), content)
	if err != nil {
		return err
	}
	v := definitionView(d, true)
	v.Warnings = fieldProblems(warnings, localeOf(c))
	return c.Status(http.StatusCreated).JSON(v)
}

func (a definitionAPI) lint(c fiber.Ctx) error {
	in := a.input()
	if err := decodeJSON(c, in); err != nil {
		return err
	}
	content, err := json.Marshal(in.content())
	if err != nil {
		return err
	}

	errs, warnings, err := a.s.deps.Designer.Lint(c.Context(), principalOf(c), a.kind,
		in.meta(), content)
	if err != nil {
		return err
	}
	loc := localeOf(c)
	return c.JSON(LintView{Valid: len(errs) == 0, Errors: fieldProblems(errs, loc),
		Warnings: fieldProblems(warnings, loc)})
}

func (a definitionAPI) get(c fiber.Ctx) error {
	p := principalOf(c)
	d, err := a.s.deps.Designer.Get(c.Context(), p, a.kind, c.Params("id"))
	if err != nil {
		return err
	}
	versions, err := a.s.deps.Designer.Versions(c.Context(), p, a.kind, d.ID)
	if err != nil {
		return err
	}

	v := definitionView(d, p.Can(auth.WriteDefinitions))
	v.Versions = make([]VersionSummary, 0, len(versions))
	for _, ver := range versions {
		v.Versions = append(v.Versions, VersionSummary{Version: ver.Number,
			PublishedAt: ver.PublishedAt, PublishedBy: ver.PublishedBy,
			Changes: nonNil(ver.Changes)})
		if ver.Number == d.Published {
			v.Published = ver.ContentJSON()
		}
	}
	return c.JSON(v)
}

func (a definitionAPI) update(c fiber.Ctx) error {
	if err := a.exists(c); err != nil {
		return err
	}
	in := a.input()
	if err := decodeJSON(c, in); err != nil {
		return err
	}
	rev, err := revisionOf(c, in.revision())
	if err != nil {
		return err
	}
	m := in.meta()
	patch := designer.Patch{Name: m.Name, Description: m.Description, Content: in.content()}

	d, warnings, err := a.s.deps.Designer.Update(c.Context(), principalOf(c), a.kind,
		c.Params("id"), rev, patch)
	if err != nil {
		return err
	}
	v := definitionView(d, true)
	v.Warnings = fieldProblems(warnings, localeOf(c))
	c.Set(fiber.HeaderETag, strconv.Quote(strconv.FormatInt(d.Revision, 10)))
	return c.JSON(v)
}

// revisionOf reads the revision a change was made against: If-Match
// ("3" or W/"3") wins over the body's revision.
func revisionOf(c fiber.Ctx, body int64) (int64, error) {
	h := strings.TrimPrefix(strings.TrimSpace(c.Get(fiber.HeaderIfMatch)), "W/")
	if h == "" || h == "*" {
		return body, nil
	}
	n, err := strconv.ParseInt(strings.Trim(h, `"`), 10, 64)
	if err != nil || n < 1 {
		return 0, problem.New(problem.BadRequest, "request.invalid_if_match", nil)
	}
	return n, nil
}

func (a definitionAPI) archive(c fiber.Ctx) error {
	err := a.s.deps.Designer.Archive(c.Context(), principalOf(c), a.kind, c.Params("id"))
	if err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (a definitionAPI) publish(c fiber.Ctx) error {
	pub, err := a.s.deps.Designer.Publish(c.Context(), principalOf(c), a.kind, c.Params("id"))
	if err != nil {
		return err
	}
	v := PublishView{Version: pub.Version.Number, Changes: nonNil(pub.Version.Changes),
		Warnings: fieldProblems(pub.Warnings, localeOf(c))}
	for _, ch := range v.Changes {
		v.Breaking = v.Breaking || ch.Breaking
	}
	return c.JSON(v)
}

func (a definitionAPI) versions(c fiber.Ctx) error {
	vs, err := a.s.deps.Designer.Versions(c.Context(), principalOf(c), a.kind, c.Params("id"))
	if err != nil {
		return err
	}
	out := VersionList{Items: make([]VersionView, 0, len(vs))}
	for i := range vs {
		out.Items = append(out.Items, versionView(&vs[i]))
	}
	return c.JSON(out)
}

func (a definitionAPI) version(c fiber.Ctx) error {
	n, err := strconv.Atoi(c.Params("version"))
	if err != nil || n < 1 {
		return problem.NotFoundf("definition.version_not_found")
	}
	v, err := a.s.deps.Designer.Version(c.Context(), principalOf(c), a.kind,
		c.Params("id"), n)
	if err != nil {
		return err
	}
	return c.JSON(versionView(v))
}

func (a definitionAPI) diff(c fiber.Ctx) error {
	if err := a.exists(c); err != nil {
		return err
	}
	from := fiber.Query[int](c, "from", 0)
	to := fiber.Query[int](c, "to", 0)
	if from < 1 || to < 0 {
		return problem.New(problem.BadRequest, "request.invalid_query",
			i18n.Params{"name": "from"})
	}
	changes, err := a.s.deps.Designer.Diff(c.Context(), principalOf(c), a.kind,
		c.Params("id"), from, to)
	if err != nil {
		return err
	}
	return c.JSON(DiffView{From: from, To: to, Changes: nonNil(changes)})
}

// exists answers 404 for an id the caller cannot see, before the request
// is looked at any further: another tenant's id is never a 422 or a 400.
func (a definitionAPI) exists(c fiber.Ctx) error {
	_, err := a.s.deps.Designer.Get(c.Context(), principalOf(c), a.kind, c.Params("id"))
	return err
}
