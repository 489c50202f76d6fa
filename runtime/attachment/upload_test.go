package attachment_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/attachment"
)

func TestReadUpload(t *testing.T) {
	body, ct := multipartBody(t, part{name: "purpose", body: []byte("signature")},
		part{name: "signer", body: []byte(" Wang Lei\x00 ")},
		part{name: "other", body: []byte("ignored")},
		part{name: "file", fileName: "../sign.png", body: []byte("PNG")})
	up, err := attachment.ReadUpload(ct, bytes.NewReader(body), 100)
	if err != nil {
		t.Fatal(err)
	}
	want := attachment.Upload{Name: "sign.png", Data: []byte("PNG"),
		Purpose: attachment.PurposeSignature, Signer: "Wang Lei"}
	if up.Name != want.Name || string(up.Data) != "PNG" || up.Purpose != want.Purpose ||
		up.Signer != want.Signer {
		t.Fatalf("ReadUpload = %+v, want %+v", *up, want)
	}
}

func TestReadUploadRefusals(t *testing.T) {
	file := part{name: "file", fileName: "a.txt", body: []byte("hello")}
	tests := []struct {
		name  string
		parts []part
		ct    string // overrides the multipart Content-Type
		max   int64
		kind  problem.Kind
		code  string // the problem's code, or a field's pointer:code
	}{
		{"not multipart", []part{file}, "application/json", 100, problem.MediaType,
			"attachment.multipart_required"},
		{"no boundary", []part{file}, "multipart/form-data", 100, problem.MediaType,
			"attachment.multipart_required"},
		{"no file", []part{{name: "purpose", body: []byte("attachment")}}, "", 100,
			problem.Invalid, "/file:file_required"},
		{"empty file", []part{{name: "file", fileName: "a.txt"}}, "", 100, problem.Invalid,
			"/file:file_empty"},
		{"two files", []part{file, file}, "", 100, problem.Invalid, "/file:one_file"},
		{"too large", []part{file}, "", 4, problem.TooLarge, "attachment.too_large"},
		{"bad purpose", []part{file, {name: "purpose", body: []byte("avatar")}}, "", 100,
			problem.Invalid, "/purpose:purpose_invalid"},
		{"signature without signer", []part{file, {name: "purpose",
			body: []byte("signature")}}, "", 100, problem.Invalid, "/signer:signer_required"},
		{"long signer", []part{file, {name: "purpose", body: []byte("signature")},
			{name: "signer", body: []byte(strings.Repeat("王", 101))}}, "", 100,
			problem.Invalid, "/signer:signer_too_long"},
		{"huge text part", []part{file, {name: "signer", body: bytes.Repeat([]byte("x"), 2000)}},
			"", 100, problem.BadRequest, "attachment.malformed"},
		{"too many parts", []part{{name: "a"}, {name: "b"}, {name: "c"}, {name: "d"},
			{name: "e"}, {name: "f"}, {name: "g"}, {name: "h"}, file}, "", 100,
			problem.BadRequest, "attachment.malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ct := multipartBody(t, tt.parts...)
			if tt.ct != "" {
				ct = tt.ct
			}
			_, err := attachment.ReadUpload(ct, bytes.NewReader(body), tt.max)
			pe, ok := problem.As(err)
			if !ok || pe.Kind != tt.kind || !hasCode(pe, tt.code) {
				t.Fatalf("ReadUpload = %v, want kind %d with %s", err, tt.kind, tt.code)
			}
		})
	}
}

func TestReadUploadTruncatedBody(t *testing.T) {
	body, ct := multipartBody(t, part{name: "file", fileName: "a.txt", body: []byte("hello")})
	_, err := attachment.ReadUpload(ct, bytes.NewReader(body[:len(body)-10]), 100)
	if pe, ok := problem.As(err); !ok || pe.Kind != problem.BadRequest {
		t.Fatalf("ReadUpload of a cut body = %v, want BadRequest", err)
	}
}

// hasCode reports whether pe has code, or a field pointer:code.
func hasCode(pe *problem.Error, code string) bool {
	if pe.Code == code {
		return true
	}
	for _, f := range pe.Fields {
		if f.Pointer+":"+f.Code == code {
			return true
		}
	}
	return false
}
