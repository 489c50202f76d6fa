package server

import (
	"bufio"
	"context"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// dataHubRoutes declares imports, exports (of record lists and, with
// insights, of dashboards) and batched behaviour events.
// Imports write records in bulk for the whole tenant, so they need
// WriteDefinitions, the permission of the people who set an app up
// (owners, admins, implementers); exports and event batches are open to
// whoever may list records and log activities.
func (s *Server) dataHubRoutes() []route {
	if s.deps.DataHub == nil {
		return nil
	}
	return append(s.dashboardExportRoutes(), []route{
		{method: http.MethodPost, path: "/api/v1/imports", op: "uploadImport", tag: "imports",
			summary: "Upload a CSV or Excel file to import into a form (multipart: file, " +
				"form, encoding, sheet); answers the columns and a suggested mapping",
			perm: auth.WriteDefinitions, out: DataImportView{}, status: http.StatusCreated,
			handler: s.uploadImport},
		{method: http.MethodGet, path: "/api/v1/imports/:id", op: "getImport", tag: "imports",
			summary: "An import and its progress", perm: auth.WriteDefinitions,
			object: "import", out: DataImportView{}, status: http.StatusOK, handler: s.getImport},
		{method: http.MethodDelete, path: "/api/v1/imports/:id", op: "deleteImport",
			tag: "imports", summary: "Delete an import that is not running, with its " +
				"stored file and report", perm: auth.WriteDefinitions, object: "import",
			status: http.StatusNoContent, handler: s.deleteImport},
		{method: http.MethodPost, path: "/api/v1/imports/:id/check", op: "checkImport",
			tag: "imports", summary: "Dry run: validate every row, write nothing but the report",
			perm: auth.WriteDefinitions, object: "import", in: DataImportRunInput{},
			out: DataImportView{}, status: http.StatusAccepted, handler: s.checkImport},
		{method: http.MethodPost, path: "/api/v1/imports/:id/run", op: "runImport",
			tag: "imports", summary: "Import: upsert each row by the key field " +
				"(all_or_nothing by default, or valid_rows)",
			perm: auth.WriteDefinitions, object: "import", in: DataImportRunInput{},
			out: DataImportView{}, status: http.StatusAccepted, handler: s.runImport},
		{method: http.MethodGet, path: "/api/v1/imports/:id/issues", op: "importIssues",
			tag: "imports", summary: "The per-row report of the latest check or run " +
				"(format=json with chunk=N, or csv, xlsx to download)",
			perm: auth.WriteDefinitions, object: "import", out: DataImportIssueList{},
			status: http.StatusOK, handler: s.importIssues},
		{method: http.MethodGet, path: "/api/v1/exports/records", op: "exportRecords",
			tag: "records", summary: "Download a record list (the filters of " +
				"GET /api/v1/records) as format=csv or xlsx, headers in the caller's language",
			status: http.StatusOK, handler: s.exportRecords},
		{method: http.MethodPost, path: "/api/v1/activities/batch", op: "logActivityBatch",
			tag: "records", summary: "Log up to 500 behaviour events from another system, " +
				"deduplicated by event id; answers logged, duplicate or error per event",
			in: ActivityBatchInput{}, out: ActivityBatchView{}, status: http.StatusOK,
			handler: s.logActivityBatch},
	}...)
}

func (s *Server) uploadImport(c fiber.Ctx) error {
	limit := s.deps.DataHub.MaxBytes()
	if n := c.Request().Header.ContentLength(); int64(n) > limit {
		return s.deps.DataHub.TooLarge()
	}
	fh, err := c.FormFile("file")
	if err != nil { // not multipart, or no part called "file"
		return problem.New(problem.Invalid, "import.file_required", nil)
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()

	j, err := s.deps.DataHub.Upload(c.Context(), principalOf(c), datahub.UploadInput{
		Form: c.FormValue("form"), FileName: fh.Filename, Size: fh.Size,
		Encoding: c.FormValue("encoding"), Sheet: c.FormValue("sheet"), Body: f})
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(importView(j, localeOf(c)))
}

func (s *Server) getImport(c fiber.Ctx) error {
	j, err := s.deps.DataHub.Get(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(importView(j, localeOf(c)))
}

func (s *Server) deleteImport(c fiber.Ctx) error {
	if err := s.deps.DataHub.Delete(c.Context(), principalOf(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *Server) checkImport(c fiber.Ctx) error { return s.startImport(c, false) }

func (s *Server) runImport(c fiber.Ctx) error { return s.startImport(c, true) }

// startImport starts a check or a run of the import named in the path.
func (s *Server) startImport(c fiber.Ctx, run bool) error {
	p := principalOf(c)
	if _, err := s.deps.DataHub.Get(c.Context(), p, c.Params("id")); err != nil {
		return err
	}
	var in DataImportRunInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}

	start := s.deps.DataHub.Check
	if run {
		start = s.deps.DataHub.Run
	}
	j, err := start(c.Context(), p, c.Params("id"), datahub.RunInput{Mapping: in.Mapping,
		KeyField: in.KeyField, Mode: datahub.Mode(in.Mode)})
	if err != nil {
		return err
	}
	return c.Status(http.StatusAccepted).JSON(importView(j, localeOf(c)))
}

func (s *Server) importIssues(c fiber.Ctx) error {
	p, loc := principalOf(c), localeOf(c)
	j, err := s.deps.DataHub.Get(c.Context(), p, c.Params("id"))
	if err != nil {
		return err
	}
	format := c.Query("format")
	if format == "" || format == "json" {
		return s.issuePage(c, p, j.ID, loc)
	}

	f, err := datahub.ParseFormat(format)
	if err != nil {
		return err
	}
	return s.download(c, f, "import-"+j.ID+"-issues", func(ctx context.Context,
		w *bufio.Writer) error {
		return s.deps.DataHub.WriteIssues(ctx, p, j, f, loc, w)
	})
}

// issuePage answers one chunk of an import's report as JSON.
func (s *Server) issuePage(c fiber.Ctx, p auth.Principal, id string, loc i18n.Locale) error {
	n, err := strconv.Atoi(c.Query("chunk", "0"))
	if err != nil || n < 0 {
		return problem.New(problem.BadRequest, "request.invalid_query",
			i18n.Params{"name": "chunk"})
	}
	issues, next, err := s.deps.DataHub.Issues(c.Context(), p, id, n)
	if err != nil {
		return err
	}
	return c.JSON(issueList(issues, next, loc))
}

func (s *Server) exportRecords(c fiber.Ctx) error {
	q, err := recordQuery(c)
	if err != nil {
		return err
	}
	f, err := datahub.ParseFormat(c.Query("format"))
	if err != nil {
		return err
	}
	p, loc := principalOf(c), localeOf(c)
	e, err := s.deps.DataHub.PrepareExport(c.Context(), p, q)
	if err != nil {
		return err
	}

	name := "records"
	if q.Form != "" {
		name = safeName(q.Form)
	}
	return s.download(c, f, name, func(ctx context.Context, w *bufio.Writer) error {
		return e.Write(ctx, f, loc, w)
	})
}

// download streams a file the writer produces. The writer runs after the
// handler has returned, so it gets a context of its own, and a failure
// half-way can only be logged: the status line is already sent.
func (s *Server) download(c fiber.Ctx, f datahub.Format, name string,
	write func(ctx context.Context, w *bufio.Writer) error) error {
	c.Set(fiber.HeaderContentType, f.ContentType())
	c.Set(fiber.HeaderContentDisposition,
		`attachment; filename="`+name+"."+string(f)+`"`)
	path := c.Path()
	return c.SendStreamWriter(func(w *bufio.Writer) {
		if err := write(context.Background(), w); err != nil {
			s.log.Error("download cut short", slog.String("path", path), slog.Any("error", err))
		}
		_ = w.Flush()
	})
}

func (s *Server) logActivityBatch(c fiber.Ctx) error {
	var in ActivityBatchInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	res, err := s.deps.Records.LogBatch(c.Context(), principalOf(c), in.Events)
	if err != nil {
		return err
	}
	return c.JSON(batchView(res, localeOf(c)))
}
