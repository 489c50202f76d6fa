package attachment_test

import (
	"bytes"
	"testing"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/attachment"
)

func TestDetect(t *testing.T) {
	ole := append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 600)...)
	docx := zipBytes(t, map[string]string{"[Content_Types].xml": "<Types/>",
		"word/document.xml": "<w:document/>"}, "")
	xlsx := zipBytes(t, map[string]string{"[Content_Types].xml": "<Types/>",
		"xl/workbook.xml": "<workbook/>"}, "")
	macro := zipBytes(t, map[string]string{"[Content_Types].xml": "<Types/>",
		"word/document.xml": "<w:document/>", "word/vbaProject.bin": "\x00"}, "")
	odt := zipBytes(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text",
		"content.xml": "<office/>"}, "mimetype")
	plainZip := zipBytes(t, map[string]string{"setup.exe": "MZ"}, "")
	utf16Script := []byte("\xff\xfe<\x00s\x00c\x00r\x00i\x00p\x00t\x00>\x00")
	gbk := []byte("\xc3\xfb\xb3\xc6,\xb5\xe7\xbb\xb0\n") // 名称,电话 in GBK

	tests := []struct {
		name, file string
		data       []byte
		want       string // "" means refused
		wantCode   string
	}{
		{"png", "sign.png", pngBytes(t), "image/png", ""},
		{"jpeg", "photo.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "image/jpeg", ""},
		{"pdf", "quote.pdf", []byte("%PDF-1.7\n1 0 obj\n"), "application/pdf", ""},
		{"docx", "contract.docx", docx, "application/vnd.openxmlformats-officedocument." +
			"wordprocessingml.document", ""},
		{"xlsx named .bin", "x.bin", xlsx, "application/vnd.openxmlformats-officedocument." +
			"spreadsheetml.sheet", ""},
		{"odt", "memo.odt", odt, "application/vnd.oasis.opendocument.text", ""},
		{"legacy doc", "old.doc", ole, "application/msword", ""},
		{"legacy xls", "old.XLS", ole, "application/vnd.ms-excel", ""},
		{"csv", "leads.csv", []byte("name,phone\nWang,138\n"), "text/csv; charset=utf-8", ""},
		{"gbk csv", "leads.csv", gbk, "text/csv", ""},
		{"text", "notes.txt", []byte("call back on Monday"), "text/plain; charset=utf-8", ""},
		{"html named png", "photo.png", []byte("<!DOCTYPE html><html><script>alert(1)</script>"),
			"", "attachment.type_refused"},
		{"script after text", "notes.txt", []byte("hello\n<script>alert(1)</script>"), "",
			"attachment.type_refused"},
		{"utf-16 script", "notes.txt", utf16Script, "", "attachment.type_refused"},
		{"svg", "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>`),
			"", "attachment.type_refused"},
		{"xml svg", "logo.png", []byte(`<?xml version="1.0"?><svg/>`), "",
			"attachment.type_refused"},
		{"exe named pdf", "quote.pdf", append([]byte("MZ\x90\x00\x03\x00\x00\x00"),
			make([]byte, 64)...), "", "attachment.type_refused"},
		{"elf", "tool", []byte("\x7fELF\x02\x01\x01\x00\x00\x00"), "", "attachment.type_refused"},
		{"msi in ole", "setup.msi", ole, "", "attachment.type_refused"},
		{"ole named doc is a doc", "setup.doc", ole, "application/msword", ""},
		{"zip archive", "files.zip", plainZip, "", "attachment.type_refused"},
		{"macro docx", "contract.docx", macro, "", "attachment.macros"},
		{"gzip", "a.gz", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), "",
			"attachment.type_refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := attachment.Detect(tt.file, tt.data)
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Fatalf("Detect = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			pe, ok := problem.As(err)
			if !ok || pe.Kind != problem.MediaType || pe.Code != tt.wantCode {
				t.Fatalf("Detect = %q, %v; want a MediaType refusal %s", got, err, tt.wantCode)
			}
		})
	}
}

func TestDetectOnlyReadsWhatItIsGiven(t *testing.T) {
	data := bytes.Repeat([]byte("a,b\n"), 1000)
	before := bytes.Clone(data)
	if _, err := attachment.Detect("x.csv", data); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, data) {
		t.Fatal("Detect changed its input")
	}
}

func TestCleanName(t *testing.T) {
	long := bytes.Repeat([]byte("名"), 200) // 600 bytes
	tests := []struct{ in, want string }{
		{"report.pdf", "report.pdf"},
		{`C:\Users\wang\report.pdf`, "report.pdf"},
		{"../../etc/passwd", "passwd"},
		{"a\"b\r\nc.txt", "abc.txt"},
		{"\u202egpj.exe", "gpj.exe"},
		{"   ", "file"},
		{"..", "file"},
		{"", "file"},
		{"报价单 v2.xlsx", "报价单 v2.xlsx"},
		{string(long) + ".pdf", string(long[:249]) + ".pdf"},
	}
	for _, tt := range tests {
		if got := attachment.CleanName(tt.in); got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
