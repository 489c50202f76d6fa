package server

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"mime"
	"path"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v3"
)

// mountWeb serves the embedded web app at / with an SPA fallback: a path
// that is not a file gets index.html, so client-side routes survive a
// reload. API, health and metrics paths never fall back, and neither do
// missing files under assets/: a browser holding an old index.html after an
// upgrade must get a 404 for a chunk that is gone, not HTML it would try
// to run as a script.
func (s *Server) mountWeb() {
	if s.deps.Web == nil {
		return
	}
	w := &webFiles{fsys: s.deps.Web}
	s.app.Get("/*", func(c fiber.Ctx) error {
		name := strings.TrimPrefix(path.Clean("/"+c.Params("*")), "/")
		if name == "" {
			name = "index.html"
		}
		data, err := fs.ReadFile(w.fsys, name)
		if errors.Is(err, fs.ErrNotExist) || isDir(w.fsys, name) {
			if strings.HasPrefix(name, "assets/") || strings.HasPrefix(name, ".") {
				return fiber.ErrNotFound
			}
			name = "index.html"
			data, err = fs.ReadFile(w.fsys, name)
		}
		if err != nil {
			return fiber.ErrNotFound
		}
		return w.send(c, name, data)
	})
}

func isDir(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && st.IsDir()
}

// webFiles serves the built files, gzip-compressed once per file and kept
// in memory when the browser accepts it: the app's scripts and antd's
// stylesheet shrink about fourfold, which matters on a phone.
type webFiles struct {
	fsys fs.FS
	gz   sync.Map // name → []byte
}

// minGzip is the size below which compressing is not worth a header.
const minGzip = 1024

func (w *webFiles) send(c fiber.Ctx, name string, data []byte) error {
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
	if !compressible(ct) || len(data) < minGzip {
		return c.Send(data)
	}
	c.Vary(fiber.HeaderAcceptEncoding)
	if !strings.Contains(c.Get(fiber.HeaderAcceptEncoding), "gzip") {
		return c.Send(data)
	}
	z, err := w.gzipped(name, data)
	if err != nil {
		return c.Send(data)
	}
	c.Set(fiber.HeaderContentEncoding, "gzip")
	return c.Send(z)
}

func (w *webFiles) gzipped(name string, data []byte) ([]byte, error) {
	if z, ok := w.gz.Load(name); ok {
		return z.([]byte), nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	z, _ := w.gz.LoadOrStore(name, buf.Bytes())
	return z.([]byte), nil
}

func compressible(contentType string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json",
		"image/svg+xml"} {
		if strings.HasPrefix(contentType, p) {
			return true
		}
	}
	return false
}
