package server

import (
	"errors"
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v3"
)

// mountWeb serves the embedded web app at / with an SPA fallback: a path
// that is not a file gets index.html, so client-side routes survive a
// reload. API, health and metrics paths never fall back.
func (s *Server) mountWeb() {
	if s.deps.Web == nil {
		return
	}
	web := s.deps.Web
	s.app.Get("/*", func(c fiber.Ctx) error {
		name := strings.TrimPrefix(path.Clean("/"+c.Params("*")), "/")
		if name == "" {
			name = "index.html"
		}
		data, err := fs.ReadFile(web, name)
		if errors.Is(err, fs.ErrNotExist) || isDir(web, name) {
			name = "index.html"
			data, err = fs.ReadFile(web, name)
		}
		if err != nil {
			return fiber.ErrNotFound
		}
		return sendAsset(c, name, data)
	})
}

func isDir(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && st.IsDir()
}

func sendAsset(c fiber.Ctx, name string, data []byte) error {
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	c.Set(fiber.HeaderContentType, ct)
	if strings.HasPrefix(name, "assets/") {
		// Built assets carry a content hash in their names.
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	} else {
		c.Set(fiber.HeaderCacheControl, "no-cache")
	}
	return c.Send(data)
}
