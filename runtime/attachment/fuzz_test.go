package attachment_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/attachment"
)

// FuzzReadUpload feeds arbitrary bodies and Content-Type headers to the
// multipart parser: it never panics, every refusal is a problem document,
// and an accepted upload respects the limits.
func FuzzReadUpload(f *testing.F) {
	body, ct := multipartBody(f, part{name: "purpose", body: []byte("signature")},
		part{name: "signer", body: []byte("王磊")},
		part{name: "file", fileName: "sign.png", body: pngBytes(f)})
	f.Add(body, ct)
	body, ct = multipartBody(f, part{name: "file", fileName: "a.csv", body: []byte("a,b\n")})
	f.Add(body, ct)
	f.Add([]byte("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n"),
		"multipart/form-data; boundary=x")
	f.Add([]byte("--x--"), "multipart/form-data; boundary=\"x\"; charset=utf-8")

	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		const max = 1 << 16
		up, err := attachment.ReadUpload(ct, bytes.NewReader(body), max)
		if err != nil {
			if _, ok := problem.As(err); !ok {
				t.Fatalf("refusal is not a problem: %v", err)
			}
			return
		}
		if len(up.Data) == 0 || len(up.Data) > max {
			t.Fatalf("accepted %d bytes", len(up.Data))
		}
		checkName(t, up.Name)
		if utf8.RuneCountInString(up.Signer) > 100 {
			t.Fatalf("accepted a signer of %d characters", utf8.RuneCountInString(up.Signer))
		}
		if up.Purpose != attachment.PurposeAttachment && up.Purpose != attachment.PurposeSignature {
			t.Fatalf("accepted purpose %q", up.Purpose)
		}
	})
}

// FuzzCleanName checks that any name becomes a safe, short, valid one.
func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"report.pdf", `..\..\a.exe`, "a\"\r\n.txt", "\u202e", "名.pdf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := attachment.CleanName(name)
		checkName(t, got)
		if attachment.CleanName(got) != got {
			t.Fatalf("CleanName is not stable: %q → %q → %q", name, got,
				attachment.CleanName(got))
		}
	})
}

// FuzzDetect checks that detection never panics and that an accepted type
// is on the allowlist.
func FuzzDetect(f *testing.F) {
	f.Add("a.png", pngBytes(f))
	f.Add("a.docx", zipBytes(f, map[string]string{"[Content_Types].xml": "",
		"word/document.xml": ""}, ""))
	f.Add("a.csv", []byte("a,b\n"))
	f.Add("a.png", []byte("<html>"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		ct, err := attachment.Detect(name, data)
		if err != nil {
			if pe, ok := problem.As(err); !ok || pe.Kind != problem.MediaType {
				t.Fatalf("refusal is not a MediaType problem: %v", err)
			}
			return
		}
		mt, _, _ := strings.Cut(ct, ";")
		if !allowed[mt] {
			t.Fatalf("accepted %q as %s", data, ct)
		}
	})
}

// allowed is the allowlist, spelled out independently of the package.
var allowed = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true,
	"image/webp": true, "image/bmp": true, "application/pdf": true, "text/plain": true,
	"text/csv": true, "text/tab-separated-values": true, "application/msword": true,
	"application/vnd.ms-excel": true, "application/vnd.ms-powerpoint": true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         true,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": true,
	"application/vnd.oasis.opendocument.text":                                   true,
	"application/vnd.oasis.opendocument.spreadsheet":                            true,
	"application/vnd.oasis.opendocument.presentation":                           true}

func checkName(t *testing.T, name string) {
	t.Helper()
	if name == "" || len(name) > 255 || !utf8.ValidString(name) ||
		strings.ContainsAny(name, "/\\\"\r\n\x00") {
		t.Fatalf("unsafe name %q", name)
	}
}
