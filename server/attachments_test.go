package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/server"
)

// attachmentLimit is the largest file the harness's attachment store takes.
const attachmentLimit = 1 << 20

// upload is one multipart upload to POST /api/v1/attachments.
type upload struct {
	name    string
	content []byte
	fields  map[string]string
	lang    string
}

func (h *harness) upload(token string, u upload) response {
	h.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range u.fields {
		_ = mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", u.name)
	if err != nil {
		h.t.Fatal(err)
	}
	_, _ = fw.Write(u.content)
	_ = mw.Close()

	hr, _ := http.NewRequest("POST", h.base+"/api/v1/attachments", &body)
	hr.Header.Set("Content-Type", mw.FormDataContentType())
	hr.Header.Set("Authorization", "Bearer "+token)
	if u.lang != "" {
		hr.Header.Set("Accept-Language", u.lang)
	}
	return h.sendRaw(hr)
}

// sendRaw sends hr; a connection reset while the body was still being
// written means the server refused it for its size.
func (h *harness) sendRaw(hr *http.Request) response {
	h.t.Helper()
	res, err := http.DefaultClient.Do(hr)
	if err != nil && strings.Contains(err.Error(), "reset") {
		return response{status: http.StatusRequestEntityTooLarge}
	}
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, header: res.Header, raw: raw}
	_ = json.Unmarshal(raw, &out.body)
	return out
}

// collectionCount counts the documents of a collection across tenants.
func (h *harness) collectionCount(name string) int64 {
	h.t.Helper()
	n, err := h.store.Unscoped(name).CountDocuments(context.Background(), bson.D{})
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

// uploadFixture uploads a PNG for a and returns its id.
func (h *harness) uploadFixture(a account) string {
	h.t.Helper()
	res := h.upload(a.token, upload{name: "photo.png", content: testPNG(h.t)})
	if res.status != http.StatusCreated {
		h.t.Fatalf("upload = %d %s", res.status, res.raw)
	}
	return str(res.body["id"])
}

func testPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestAttachmentUploadAndDownload(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	content := bytes.Repeat([]byte("company,phone\nAcme,138\n"), 20_000) // 2 chunks

	res := h.upload(a.token, upload{name: `C:\docs\报价 "v2".csv`, content: content})
	if res.status != http.StatusCreated {
		t.Fatalf("upload = %d %s", res.status, res.raw)
	}
	sum := sha256.Sum256(content)
	id := str(res.body["id"])
	if str(res.body["name"]) != "报价 v2.csv" ||
		str(res.body["sha256"]) != hex.EncodeToString(sum[:]) ||
		str(res.body["content_type"]) != "text/csv; charset=utf-8" ||
		str(res.body["uploaded_by"]) != a.userID || res.body["tenant_id"] != nil {
		t.Errorf("upload answer = %s", res.raw)
	}

	got := h.do(req{method: "GET", path: "/api/v1/attachments/" + id, token: a.token})
	if got.status != http.StatusOK || !bytes.Equal(got.raw, content) {
		t.Fatalf("download = %d, %d bytes", got.status, len(got.raw))
	}
	want := map[string]string{
		"Content-Type":           "text/csv; charset=utf-8",
		"X-Content-Type-Options": "nosniff",
		"Content-Disposition": `attachment; filename="__ v2.csv"; ` +
			`filename*=UTF-8''%E6%8A%A5%E4%BB%B7%20v2.csv`,
	}
	for k, v := range want {
		if g := got.header.Get(k); g != v {
			t.Errorf("%s = %q, want %q", k, g, v)
		}
	}

	meta := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/attachments/" + id + "/meta",
		token: a.token})
	if meta.body["size"] != float64(len(content)) || str(meta.body["purpose"]) != "attachment" {
		t.Errorf("meta = %s", meta.raw)
	}
	again := h.do(req{method: "GET", path: "/api/v1/attachments/" + id, token: a.token,
		headers: map[string]string{"If-None-Match": got.header.Get("ETag")}})
	if again.status != http.StatusNotModified {
		t.Errorf("download with the ETag = %d, want 304", again.status)
	}
}

func TestAttachmentRefusals(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	html := []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")
	tests := []struct {
		name   string
		up     upload
		status int
		code   string
		detail string // part of the localised detail
	}{
		{"html named png", upload{name: "photo.png", content: html},
			http.StatusUnsupportedMediaType, "attachment.type_refused", "text/html"},
		{"html named png, in Chinese", upload{name: "photo.png", content: html, lang: "zh-CN"},
			http.StatusUnsupportedMediaType, "attachment.type_refused", "不能上传此类文件"},
		{"svg", upload{name: "logo.svg", content: []byte(`<svg onload="alert(1)"/>`)},
			http.StatusUnsupportedMediaType, "attachment.type_refused", ""},
		{"windows executable", upload{name: "invoice.pdf",
			content: append([]byte("MZ\x90\x00"), make([]byte, 512)...)},
			http.StatusUnsupportedMediaType, "attachment.type_refused", ""},
		{"over the limit", upload{name: "big.csv",
			content: bytes.Repeat([]byte("a,b\n"), attachmentLimit/4+1)},
			http.StatusRequestEntityTooLarge, "attachment.too_large", "1 MB"},
		{"over the limit, in Chinese", upload{name: "big.csv", lang: "zh-CN",
			content: bytes.Repeat([]byte("a,b\n"), attachmentLimit/4+1)},
			http.StatusRequestEntityTooLarge, "attachment.too_large", "上限 1 MB"},
		{"far over the limit", upload{name: "huge.csv",
			content: bytes.Repeat([]byte("a,b\n"), attachmentLimit)},
			http.StatusRequestEntityTooLarge, "", ""},
		{"signature that is no png", upload{name: "s.pdf", content: []byte("%PDF-1.4 x"),
			fields: map[string]string{"purpose": "signature", "signer": "Wang"}},
			http.StatusUnsupportedMediaType, "attachment.signature_png", ""},
		{"empty file", upload{name: "a.txt"}, http.StatusUnprocessableEntity,
			"request.invalid_fields", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := h.upload(a.token, tt.up)
			if res.status != tt.status {
				t.Fatalf("status = %d %s, want %d", res.status, res.raw, tt.status)
			}
			if tt.code != "" && str(res.body["code"]) != tt.code {
				t.Errorf("code = %q, want %q: %s", res.body["code"], tt.code, res.raw)
			}
			if !strings.Contains(string(res.raw), tt.detail) {
				t.Errorf("answer %s does not say %q", res.raw, tt.detail)
			}
		})
	}
	if n := h.collectionCount("attachment_chunks"); n != 0 {
		t.Errorf("refused uploads left %d chunks", n)
	}
}

func TestAttachmentNotMultipart(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	res := h.do(req{method: "POST", path: "/api/v1/attachments", token: a.token,
		body: map[string]any{"file": "x"}})
	if res.status != http.StatusUnsupportedMediaType ||
		str(res.body["code"]) != "attachment.multipart_required" {
		t.Fatalf("JSON upload = %d %s", res.status, res.raw)
	}
}

func TestOtherRoutesKeepTheBodyLimit(t *testing.T) {
	h := newHarness(t, server.Options{BodyLimit: 4096})
	a := h.signup("en")
	res := h.do(req{method: "POST", path: "/api/v1/users", token: a.token,
		body: map[string]any{"name": strings.Repeat("x", 8000)}})
	if res.status != http.StatusRequestEntityTooLarge ||
		str(res.body["code"]) != "request.body_too_large" {
		t.Fatalf("oversized JSON = %d %s", res.status, res.raw)
	}
	// The upload route takes files larger than the JSON limit.
	big := bytes.Repeat([]byte("a,b\n"), 10_000)
	if up := h.upload(a.token, upload{name: "a.csv", content: big}); up.status != 201 {
		t.Fatalf("upload of 40 KB = %d %s", up.status, up.raw)
	}
}

func TestSignatureUpload(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	res := h.upload(a.token, upload{name: "signature.png", content: testPNG(t),
		fields: map[string]string{"purpose": "signature", "signer": "王磊"}})
	if res.status != http.StatusCreated || str(res.body["signer"]) != "王磊" ||
		str(res.body["purpose"]) != "signature" || str(res.body["uploaded_at"]) == "" {
		t.Fatalf("signature = %d %s", res.status, res.raw)
	}
	missing := h.upload(a.token, upload{name: "signature.png", content: testPNG(t),
		fields: map[string]string{"purpose": "signature"}})
	if missing.status != http.StatusUnprocessableEntity ||
		fieldErrors(missing)["/signer"] != "signer_required" {
		t.Fatalf("signature without signer = %d %s", missing.status, missing.raw)
	}
}

// visitForm has an attachment field for photos and a signature field.
func visitForm() map[string]any {
	fileRef := map[string]any{"type": "object",
		"required": []string{"id", "name", "size", "content_type"},
		"properties": map[string]any{"id": map[string]any{"type": "string"},
			"name": map[string]any{"type": "string"}, "size": map[string]any{"type": "integer"},
			"content_type": map[string]any{"type": "string"}},
		"additionalProperties": false}
	return map[string]any{
		"key": "visit", "name": map[string]string{"en": "Visit", "zh-CN": "拜访"}, "app": "sales",
		"schema": map[string]any{"type": "object", "properties": map[string]any{
			"company": map[string]any{"type": "string", "minLength": 1},
			"photos":  map[string]any{"type": "array", "maxItems": 3, "items": fileRef},
			"sign":    fileRef,
		}, "required": []string{"company"}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			map[string]any{"name": "company", "kind": "text",
				"label": map[string]string{"en": "Company", "zh-CN": "公司名称"}},
			map[string]any{"name": "photos", "kind": "attachment",
				"label":    map[string]string{"en": "Photos", "zh-CN": "照片"},
				"settings": map[string]any{"max_files": 3, "allowed_types": []string{"image/*"}}},
			map[string]any{"name": "sign", "kind": "signature",
				"label": map[string]string{"en": "Customer signature", "zh-CN": "客户签名"}},
		}}}},
	}
}

// fileValue is the reference a client puts in a record for an upload.
func fileValue(up response) map[string]any {
	return map[string]any{"id": up.body["id"], "name": "claimed.png", "size": 1,
		"content_type": "image/png"}
}

func TestRecordsLinkAttachments(t *testing.T) {
	h := newHarness(t, server.Options{})
	a, other := h.signup("en"), h.signup("en")
	_, repToken := h.addUser(a, "rep")
	res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/forms", token: a.token,
		body: visitForm()})
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/forms/" + str(res.body["id"]) +
		"/publish", token: a.token})

	photo := h.upload(a.token, upload{name: "shop.png", content: testPNG(t)})
	sign := h.upload(a.token, upload{name: "signature.png", content: testPNG(t),
		fields: map[string]string{"purpose": "signature", "signer": "Zhang Min"}})
	theirs := h.upload(other.token, upload{name: "x.png", content: testPNG(t)})
	repPhoto := h.upload(repToken, upload{name: "rep.png", content: testPNG(t)})

	bad := h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "visit", "data": map[string]any{
			"company": "Acme", "photos": []any{fileValue(theirs), fileValue(repPhoto)},
			"sign": fileValue(photo)}}})
	want := map[string]string{"/photos/0": "unknown_file", "/photos/1": "file_not_attachable",
		"/sign": "not_signature"}
	if got := fieldErrors(bad); !equalMaps(got, want) {
		t.Errorf("errors = %v, want %v", got, want)
	}

	rec := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "visit", "data": map[string]any{
			"company": "Acme", "photos": []any{fileValue(photo)}, "sign": fileValue(sign)}}})
	data, _ := rec.body["data"].(map[string]any)
	photos, _ := data["photos"].([]any)
	if len(photos) != 1 || photos[0].(map[string]any)["name"] != "shop.png" {
		t.Errorf("stored photos = %v, want the stored name, not the claimed one", data["photos"])
	}

	// An edit by someone else keeps the owner's files and adds their own.
	id := str(rec.body["id"])
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/records/" + id, token: repToken,
		body: map[string]any{"version": 1, "data": map[string]any{
			"photos": []any{fileValue(photo), fileValue(repPhoto)}}}})

	j := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + id + "/journey",
		token: a.token})
	uploads := 0
	entries, _ := j.body["entries"].([]any)
	for _, e := range entries {
		if e.(map[string]any)["kind"] == "attachment_uploaded" {
			uploads++
		}
	}
	if uploads != 2 {
		t.Errorf("journey has %d attachment_uploaded entries, want 2: %s", uploads, j.raw)
	}
	for _, id := range []string{str(photo.body["id"]), str(sign.body["id"]),
		str(repPhoto.body["id"])} {
		if !strings.Contains(string(j.raw), id) {
			t.Errorf("journey does not name file %s", id)
		}
	}
}

func TestContentDispositionEncodesEveryOddByte(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	res := h.upload(a.token, upload{name: "a (1); b=c'd%.txt", content: []byte("hello")})
	got := h.do(req{method: "GET", path: "/api/v1/attachments/" + str(res.body["id"]),
		token: a.token})
	want := `attachment; filename="a (1); b=c'd%.txt"; ` +
		`filename*=UTF-8''a%20%281%29%3B%20b%3Dc%27d%25.txt`
	if g := got.header.Get("Content-Disposition"); g != want {
		t.Errorf("Content-Disposition = %q, want %q", g, want)
	}
}
