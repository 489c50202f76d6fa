package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// buildInputs are the files and folders whose content the built dist
// depends on; scripts/source-hash.mjs hashes the same set the same way.
var (
	buildFiles = []string{"index.html", "package.json", "package-lock.json", "tsconfig.json",
		"vite.config.ts"}
	buildDirs = []string{"src", "scripts"}
	testFile  = regexp.MustCompile(`\.test\.(ts|tsx|js|jsx|mjs)$`)
)

const rebuild = "run `npm --prefix web run build` and commit web/dist"

// sourceHash is the SHA-256 over, for each input file in byte order of
// its slash path: the path, a NUL, the content with CRLF as LF, a NUL.
func sourceHash(t *testing.T) string {
	t.Helper()
	paths := slices.Clone(buildFiles)
	for _, dir := range buildDirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || testFile.MatchString(d.Name()) {
				return err
			}
			paths = append(paths, filepath.ToSlash(p))
			return nil
		})
		if err != nil {
			t.Fatalf("walking %s: %v", dir, err)
		}
	}
	slices.Sort(paths)
	h := sha256.New()
	for _, p := range paths {
		data, err := os.ReadFile(filepath.FromSlash(p))
		if err != nil {
			t.Fatalf("reading build input: %v", err)
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestDistIsFresh fails when the sources changed after the dist was built.
func TestDistIsFresh(t *testing.T) {
	if _, err := os.Stat("package-lock.json"); err != nil {
		t.Skip("no web sources next to the package (installed module?)")
	}
	want, err := fs.ReadFile(Dist(), ".source-hash")
	if err != nil {
		t.Fatalf("dist has no .source-hash: %s", rebuild)
	}
	if got := sourceHash(t); strings.TrimSpace(string(want)) != got {
		t.Fatalf("web/dist is stale against web/src (built from %s, sources are %s): %s",
			strings.TrimSpace(string(want)), got, rebuild)
	}
}

var (
	assetRef    = regexp.MustCompile(`(?:src|href)="(/[^"]+)"`)
	inlineCode  = regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]|<style|\sstyle=`)
	scriptNoSrc = regexp.MustCompile(`<script(?:\s+(?:type|crossorigin)(?:="[^"]*")?)*\s*>`)
)

// TestIndexHasNoInlineCode holds index.html to the server's CSP: every
// script and stylesheet is a file of the dist, nothing is inline.
func TestIndexHasNoInlineCode(t *testing.T) {
	html, err := fs.ReadFile(Dist(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html, []byte("<title>Formwork</title>")) {
		t.Error("index.html lacks <title>Formwork</title>")
	}
	if inlineCode.Match(html) || scriptNoSrc.Match(html) {
		t.Errorf("index.html has inline script or style, which the CSP refuses:\n%s", html)
	}
	refs := assetRef.FindAllSubmatch(html, -1)
	if len(refs) == 0 {
		t.Fatalf("index.html references no asset: %s", rebuild)
	}
	for _, m := range refs {
		name := strings.TrimPrefix(string(m[1]), "/")
		if _, err := fs.Stat(Dist(), name); err != nil {
			t.Errorf("index.html references %s, which the dist lacks: %s", name, rebuild)
		}
	}
}

// chunk is one entry of dist/.vite/chunks.json (scripts/chunk-report.ts).
type chunk struct {
	Facade   string   `json:"facade"`
	Imports  []string `json:"imports"`
	Packages []string `json:"packages"`
}

// repRoutes are the screens a rep on a phone opens.
var repRoutes = []string{"index.html", "src/workspace/InboxPage.tsx",
	"src/workspace/RecordsPage.tsx", "src/workspace/RecordPage.tsx",
	"src/workspace/NewRecordPage.tsx", "src/auth/LoginPage.tsx"}

// heavy are the packages only designers and dashboards may load.
var heavy = []string{"@xyflow/react", "@xyflow/system", "echarts", "echarts-for-react",
	"zrender", "@dagrejs/dagre"}

// TestRepRoutesStayLight checks that no chunk a rep's screen loads up
// front contains the process canvas or the charts.
func TestRepRoutesStayLight(t *testing.T) {
	raw, err := fs.ReadFile(Dist(), ".vite/chunks.json")
	if err != nil {
		t.Fatalf("dist has no .vite/chunks.json: %s", rebuild)
	}
	var chunks map[string]chunk
	if err := json.Unmarshal(raw, &chunks); err != nil {
		t.Fatalf("chunks.json: %v", err)
	}
	byFacade := map[string]string{}
	for name, c := range chunks {
		byFacade[c.Facade] = name
	}
	for _, route := range repRoutes {
		start, ok := byFacade[route]
		if !ok {
			t.Errorf("no chunk for %s", route)
			continue
		}
		for name := range closure(chunks, start) {
			for _, p := range chunks[name].Packages {
				if slices.Contains(heavy, p) {
					t.Errorf("%s loads %s, which contains %s", route, name, p)
				}
			}
		}
	}
}

// closure is start and every chunk it imports statically, transitively.
func closure(chunks map[string]chunk, start string) map[string]bool {
	seen := map[string]bool{}
	todo := []string{start}
	for len(todo) > 0 {
		n := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		todo = append(todo, chunks[n].Imports...)
	}
	return seen
}

// TestNoRawHTML keeps user text from ever becoming markup: the sources use
// no dangerouslySetInnerHTML and no innerHTML.
func TestNoRawHTML(t *testing.T) {
	bad := regexp.MustCompile(`dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=`)
	err := filepath.WalkDir("src", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || testFile.MatchString(d.Name()) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if loc := bad.FindIndex(data); loc != nil {
			line := bytes.Count(data[:loc[0]], []byte("\n")) + 1
			t.Errorf("%s:%d renders raw HTML", p, line)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
}
