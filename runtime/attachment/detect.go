package attachment

import (
	"archive/zip"
	"bytes"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// storedImages are the image types kept as sniffed. SVG is not one: it is
// markup that can carry script.
var storedImages = map[string]bool{"image/png": true, "image/jpeg": true,
	"image/gif": true, "image/webp": true, "image/bmp": true}

// oleSignature starts every OLE compound file (legacy office documents,
// but also installers).
var oleSignature = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

// oleTypes are the legacy office formats accepted inside an OLE file, by
// the name's extension; any other OLE file (an .msi) is refused.
var oleTypes = map[string]string{"doc": "application/msword",
	"xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}

// ooxmlParts name the office document a ZIP holds by its main part.
var ooxmlParts = []struct{ part, mediaType string }{
	{"word/document.xml",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{"xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{"ppt/presentation.xml",
		"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
}

// odfTypes are the OpenDocument formats, as their "mimetype" entry says.
var odfTypes = map[string]bool{"application/vnd.oasis.opendocument.text": true,
	"application/vnd.oasis.opendocument.spreadsheet":  true,
	"application/vnd.oasis.opendocument.presentation": true}

// markup is what refuses a text file: HTML, SVG and XML open like this.
var markup = [][]byte{[]byte("<script"), []byte("<html"), []byte("<svg"),
	[]byte("<!doctype"), []byte("<iframe"), []byte("<?xml"), []byte("<body"),
	[]byte("<object"), []byte("<embed"), []byte("<meta")}

// Detect returns the media type to store a file as, decided from its
// content (the name only tells CSV from plain text and picks among legacy
// office formats). A type off the allowlist is refused with a MediaType
// *problem.Error (code "attachment.type_refused") naming what was found.
func Detect(name string, data []byte) (string, error) {
	sniffed := http.DetectContentType(data)
	mt, params, err := mime.ParseMediaType(sniffed)
	if err != nil {
		return "", refused(sniffed)
	}

	switch {
	case storedImages[mt], mt == "application/pdf":
		return mt, nil
	case mt == "application/zip":
		return officeZip(data)
	case mt == "text/plain":
		return textType(name, data, params["charset"])
	case mt == "application/octet-stream" && bytes.HasPrefix(data, oleSignature):
		if t, ok := oleTypes[extension(name)]; ok {
			return t, nil
		}
		return "", refused("application/x-ole-storage")
	}
	return "", refused(mt)
}

// refused is the refusal of a file of type found.
func refused(found string) error {
	return problem.New(problem.MediaType, "attachment.type_refused",
		i18n.Params{"type": found})
}

// officeZip accepts a ZIP that is an OOXML or OpenDocument file without
// macros, and refuses any other archive.
func officeZip(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", refused("application/zip")
	}

	names := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		if strings.HasSuffix(strings.ToLower(f.Name), "vbaproject.bin") {
			return "", problem.New(problem.MediaType, "attachment.macros", nil)
		}
		names[f.Name] = f
	}

	if _, ok := names["[Content_Types].xml"]; ok {
		for _, p := range ooxmlParts {
			if _, ok := names[p.part]; ok {
				return p.mediaType, nil
			}
		}
	}
	if t := odfType(names["mimetype"]); t != "" {
		return t, nil
	}
	return "", refused("application/zip")
}

// odfType reads an OpenDocument "mimetype" entry; "" when it is absent or
// names no accepted format.
func odfType(f *zip.File) string {
	if f == nil {
		return ""
	}
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()

	head, _ := io.ReadAll(io.LimitReader(rc, 128))
	if t := strings.TrimSpace(string(head)); odfTypes[t] {
		return t
	}
	return ""
}

// textType stores text as CSV or plain text, with the charset it really
// has, unless it contains markup a browser could run.
func textType(name string, data []byte, charset string) (string, error) {
	scan := data
	if strings.HasPrefix(charset, "utf-16") {
		scan = bytes.ReplaceAll(data, []byte{0}, nil)
	}
	lower := bytes.ToLower(scan)
	for _, m := range markup {
		if bytes.Contains(lower, m) {
			return "", refused("text/html")
		}
	}

	mt := "text/plain"
	switch extension(name) {
	case "csv":
		mt = "text/csv"
	case "tsv":
		mt = "text/tab-separated-values"
	}
	switch {
	case strings.HasPrefix(charset, "utf-16"):
		return mt + "; charset=" + charset, nil
	case utf8.Valid(data):
		return mt + "; charset=utf-8", nil
	}
	return mt, nil // another encoding (GBK is common): say none
}
