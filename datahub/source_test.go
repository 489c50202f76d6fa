package datahub

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/formworkhq/formwork/internal/problem"
)

// readAll reads every row of r: cells, or "!code" for a bad row.
func readAll(t testing.TB, r rowReader) [][]string {
	t.Helper()
	var out [][]string
	for {
		cells, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		var re *rowError
		if errors.As(err, &re) {
			out = append(out, []string{"!" + re.code})
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, append([]string(nil), cells...))
	}
}

func csvRows(t *testing.T, data []byte, enc string) ([][]string, string) {
	t.Helper()
	r, err := newCSVReader(io.NopCloser(bytes.NewReader(data)), enc)
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, r), r.encoding
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCSVEncodingsAndDelimiters(t *testing.T) {
	want := [][]string{{"客户编号", "名称"}, {"C-1", "华为"}}
	tests := []struct {
		name    string
		data    []byte
		wantEnc string
	}{
		{"utf-8", []byte("客户编号,名称\nC-1,华为\n"), EncodingUTF8},
		{"utf-8 with BOM", append(append([]byte{}, utf8BOM...), "客户编号,名称\r\nC-1,华为"...),
			EncodingUTF8},
		{"gbk detected", gbk(t, "客户编号,名称\nC-1,华为\n"), EncodingGBK},
		{"semicolons", []byte("客户编号;名称\nC-1;华为\n"), EncodingUTF8},
		{"tabs", []byte("客户编号\t名称\nC-1\t华为\n"), EncodingUTF8},
		{"utf-16 with BOM", utf16LE("客户编号,名称\nC-1,华为\n"), EncodingUTF16LE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc := csvRows(t, tt.data, "")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if enc != tt.wantEnc {
				t.Errorf("encoding = %q, want %q", enc, tt.wantEnc)
			}
		})
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func TestCSVBadInputIsReportedPerRowOrRefused(t *testing.T) {
	// A UTF-8 file with one GBK row: that row is reported, the others read.
	mixed := append([]byte("id,name\n1,张三\n2,"), gbk(t, "李四")...)
	mixed = append(mixed, "\n3,\"unterminated\n"...)
	got, _ := csvRows(t, mixed, EncodingUTF8)
	want := [][]string{{"id", "name"}, {"1", "张三"}, {"!invalid_encoding"},
		{"3", "unterminated\n"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}

	_, err := newCSVReader(io.NopCloser(bytes.NewReader([]byte("a,b\x00\x01\x02"))), "")
	if pe, ok := problem.As(err); !ok || pe.Code != "import.not_text" {
		t.Errorf("binary file: err = %v, want import.not_text", err)
	}
	_, err = newCSVReader(io.NopCloser(bytes.NewReader([]byte{0x81, 0x20, 0xFF, 0xFE, 0x41})), "")
	if pe, ok := problem.As(err); !ok || pe.Code != "import.undetected_encoding" {
		t.Errorf("garbage: err = %v, want import.undetected_encoding", err)
	}
}

func TestSniffRefusesFilesThatPretend(t *testing.T) {
	tests := []struct {
		name, file string
		head       []byte
		want       Format
		code       string
	}{
		{"csv", "a.csv", []byte("id,name"), FormatCSV, ""},
		{"xlsx", "a.xlsx", zipMagic, FormatXLSX, ""},
		{"zip named csv is read as a workbook", "a.csv", zipMagic, FormatXLSX, ""},
		{"text named xlsx", "a.xlsx", []byte("id,name"), "", "import.not_xlsx"},
		{"old xls", "a.xls", oleMagic, "", "import.xls_unsupported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sniff(tt.head, tt.file)
			code := ""
			if pe, ok := problem.As(err); ok {
				code = pe.Code
			}
			if got != tt.want || code != tt.code {
				t.Errorf("sniff = %q, %v; want %q, %q", got, err, tt.want, tt.code)
			}
		})
	}
}

// writeWorkbook saves a workbook with a formula cell, a text cell that
// looks like a formula and a number, and returns its path.
func writeWorkbook(t testing.TB) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for cell, v := range map[string]any{"A1": "id", "B1": "site", "C1": "credit",
		"A2": "C-1", "B2": `=HYPERLINK("http://evil.example","click")`, "C2": 1200.5,
		"A3": "C-2", "C3": 3} {
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellFormula("Sheet1", "B3", `HYPERLINK("http://evil.example","x")`); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestXLSXCellsAreStoredValuesNeverEvaluated(t *testing.T) {
	r, err := openXLSX(writeWorkbook(t), "", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got := readAll(t, r)
	// The typed text stays text; the formula cell has no cached value and
	// is not calculated, so it reads empty.
	want := [][]string{{"id", "site", "credit"},
		{"C-1", `=HYPERLINK("http://evil.example","click")`, "1200.5"}, {"C-2", "", "3"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestXLSXThatIsNoneIsRefused(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"zip.xlsx":   append(append([]byte{}, zipMagic...), "not really a zip"...),
		"empty.xlsx": {},
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := openXLSX(path, "", 1<<20)
		if pe, ok := problem.As(err); !ok || pe.Code != "import.not_xlsx" {
			t.Errorf("%s: err = %v, want import.not_xlsx", name, err)
		}
	}
	_, err := openXLSX(writeWorkbook(t), "Missing", 1<<20)
	if pe, ok := problem.As(err); !ok || pe.Code != "import.unknown_sheet" {
		t.Errorf("missing sheet: err = %v, want import.unknown_sheet", err)
	}
}

func TestHeaderNames(t *testing.T) {
	got, err := headerNames([]string{" 客户编号 ", "", "Name"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"客户编号", "B", "Name"}, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	if _, err := headerNames([]string{"a", "a "}, 10); err == nil {
		t.Error("duplicate headers accepted")
	}
	if columnLetter(27) != "AB" {
		t.Errorf("columnLetter(27) = %q", columnLetter(27))
	}
}

func TestChosenEncoding(t *testing.T) {
	enc, err := ParseEncoding(" GB2312 ")
	if err != nil || enc != EncodingGBK {
		t.Fatalf("ParseEncoding(GB2312) = %q, %v", enc, err)
	}
	got, _ := csvRows(t, gbk(t, "编号,名称\n1,张三\n"), enc)
	if diff := cmp.Diff([][]string{{"编号", "名称"}, {"1", "张三"}}, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if _, err := ParseEncoding("latin1"); err == nil {
		t.Error("latin1 accepted")
	}
}
