package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/server"
	"github.com/formworkhq/formwork/web"
)

// webOnly is a server with no stores: only the web app and the API's 404
// answer, which is all these tests ask of it.
func webOnly(t testing.TB) *server.Server {
	t.Helper()
	return server.New(server.Deps{Log: slog.New(slog.DiscardHandler), Web: web.Dist()},
		server.Options{})
}

func get(t testing.TB, s *server.Server, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://formwork.test"+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := s.App().Test(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

var entryScript = regexp.MustCompile(`<script type="module"[^>]* src="/(assets/[^"]+\.js)"`)

// entry is the app's entry script, as index.html names it.
func entry(t *testing.T) string {
	t.Helper()
	html, err := fs.ReadFile(web.Dist(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	m := entryScript.FindSubmatch(html)
	if m == nil {
		t.Fatalf("index.html names no module script:\n%s", html)
	}
	return string(m[1])
}

func TestServesTheAppWithFallbackAndPolicy(t *testing.T) {
	s := webOnly(t)
	for _, path := range []string{"/", "/inbox", "/records/01HXYZ", "/admin/users"} {
		res := get(t, s, path)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("<title>Formwork")) {
			t.Errorf("GET %s = %d, not the app: %.120s", path, res.StatusCode, body)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("GET %s Cache-Control = %q, want no-cache", path, cc)
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "style-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("GET %s CSP = %q", path, csp)
		}
	}
}

func TestAssetsAreGzippedAndImmutable(t *testing.T) {
	s := webOnly(t)
	name := entry(t)
	want, err := fs.ReadFile(web.Dist(), name)
	if err != nil {
		t.Fatal(err)
	}

	plain := get(t, s, "/"+name)
	got, _ := io.ReadAll(plain.Body)
	if !bytes.Equal(got, want) || plain.Header.Get("Content-Encoding") != "" {
		t.Errorf("plain GET /%s: %d bytes, encoding %q", name, len(got),
			plain.Header.Get("Content-Encoding"))
	}
	if !strings.HasPrefix(plain.Header.Get("Content-Type"), "text/javascript") {
		t.Errorf("content type = %q", plain.Header.Get("Content-Type"))
	}
	if !strings.Contains(plain.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("Cache-Control = %q", plain.Header.Get("Cache-Control"))
	}

	zipped := get(t, s, "/"+name, "Accept-Encoding", "gzip, br")
	if zipped.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", zipped.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(unzipped, want) {
		t.Errorf("gzip body differs from the file (err %v)", err)
	}
	if !strings.Contains(zipped.Header.Get("Vary"), "Accept-Encoding") {
		t.Errorf("Vary = %q", zipped.Header.Get("Vary"))
	}
}

func TestMissingAssetIsNotTheApp(t *testing.T) {
	s := webOnly(t)
	for _, path := range []string{"/assets/app-gone.js", "/api/v1/nothing", "/.hidden"} {
		if res := get(t, s, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
}

// FuzzWebPath holds any request path to an answer from the dist: the app,
// a file of it or a 404, never a server error or a file outside it.
func FuzzWebPath(f *testing.F) {
	for _, p := range []string{"/", "/inbox", "/assets/x.js", "/../../etc/passwd", "/%2e%2e/",
		"/assets/..%2f..%2fembed.go", "//double", "/index.html", "/.vite/chunks.json"} {
		f.Add(p)
	}
	s := webOnly(f)
	f.Fuzz(func(t *testing.T, path string) {
		// A request line longer than the server's read buffer is refused by
		// fasthttp itself (431 on a real connection, an error from App.Test).
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \r\n\t#?\x00") ||
			len(url.PathEscape(path)) > 2048 {
			t.Skip()
		}
		req, err := http.NewRequest(http.MethodGet, "http://formwork.test"+path, nil)
		if err != nil {
			t.Skip()
		}
		res, err := s.App().Test(req)
		if err != nil {
			t.Fatalf("GET %q: %v", path, err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode >= 500 {
			t.Fatalf("GET %q = %d", path, res.StatusCode)
		}
		if bytes.Contains(body, []byte("package web")) {
			t.Fatalf("GET %q served Go source", path)
		}
	})
}
