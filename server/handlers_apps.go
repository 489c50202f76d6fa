package server

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
)

// AppList lists the tenant's installed apps.
type AppList struct {
	Items []designer.App `json:"items"`
}

// ImportView answers an import.
type ImportView struct {
	App designer.App `json:"app"`
	// Created is false when the pack was already installed: nothing changed.
	Created bool `json:"created"`
}

// PackBundle is a pack as one JSON document: the manifest and each kind's
// definitions, each in the file format of a pack folder.
type PackBundle struct {
	Manifest   designer.Manifest `json:"manifest"`
	Calendars  []json.RawMessage `json:"calendars,omitempty"`
	Forms      []json.RawMessage `json:"forms,omitempty"`
	Processes  []json.RawMessage `json:"processes,omitempty"`
	Dashboards []json.RawMessage `json:"dashboards,omitempty"`
}

func (s *Server) appRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/api/v1/apps", op: "listApps", tag: "apps",
			summary: "Installed apps", out: AppList{}, status: http.StatusOK,
			handler: s.listApps},
		{method: http.MethodPost, path: "/api/v1/apps/import", op: "importApp", tag: "apps",
			summary: "Install a pack (zip archive or JSON bundle) under new ids",
			perm:    auth.WriteDefinitions, idempotent: true, in: PackBundle{}, out: ImportView{},
			status: http.StatusCreated, handler: s.importApp},
		{method: http.MethodGet, path: "/api/v1/apps/:key/export", op: "exportApp",
			tag: "apps", summary: "An app as a pack (zip; ?format=json for a bundle)",
			perm: auth.WriteDefinitions, object: "app", status: http.StatusOK,
			handler: s.exportApp},
	}
}

func (s *Server) listApps(c fiber.Ctx) error {
	apps, err := s.deps.Designer.Apps(c.Context(), principalOf(c))
	if err != nil {
		return err
	}
	if apps == nil {
		apps = []designer.App{}
	}
	return c.JSON(AppList{Items: apps})
}

func (s *Server) importApp(c fiber.Ctx) error {
	pk, err := readPackBody(c)
	if err != nil {
		return err
	}
	res, err := s.deps.Designer.Import(c.Context(), principalOf(c), pk)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if !res.Created {
		status = http.StatusOK
	}
	return c.Status(status).JSON(ImportView{App: *res.App, Created: res.Created})
}

// readPackBody reads a pack sent as a zip archive or as a JSON bundle.
func readPackBody(c fiber.Ctx) (*designer.Pack, error) {
	mt, _, _ := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if mt == "application/zip" {
		return designer.ReadArchive(c.Body())
	}
	var b PackBundle
	if err := decodeJSON(c, &b); err != nil {
		return nil, err
	}
	return designer.ReadBundle(b.Manifest, map[designer.Kind][]json.RawMessage{
		designer.KindCalendar: b.Calendars, designer.KindForm: b.Forms,
		designer.KindProcess: b.Processes, designer.KindDashboard: b.Dashboards,
	})
}

func (s *Server) exportApp(c fiber.Ctx) error {
	key := c.Params("key")
	pk, err := s.deps.Designer.Export(c.Context(), principalOf(c), key)
	if err != nil {
		return err
	}
	if c.Query("format") == "json" {
		return c.JSON(bundleOf(pk))
	}
	var buf bytes.Buffer
	if err := pk.WriteArchive(&buf); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/zip")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+safeName(key)+`.zip"`)
	return c.Send(buf.Bytes())
}

func bundleOf(pk *designer.Pack) PackBundle {
	b := PackBundle{Manifest: pk.Manifest}
	for _, it := range pk.Items {
		raw, err := designer.ItemFile(it)
		if err != nil {
			continue
		}
		switch it.Kind {
		case designer.KindCalendar:
			b.Calendars = append(b.Calendars, raw)
		case designer.KindForm:
			b.Forms = append(b.Forms, raw)
		case designer.KindProcess:
			b.Processes = append(b.Processes, raw)
		case designer.KindDashboard:
			b.Dashboards = append(b.Dashboards, raw)
		}
	}
	return b
}

// safeName keeps a file name to key characters.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, s)
}
