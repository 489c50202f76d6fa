package datahub

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzCSVReader reads arbitrary bytes as CSV: it must never panic, and
// every row it returns is valid UTF-8 within the cell limit.
func FuzzCSVReader(f *testing.F) {
	f.Add([]byte("id,name\n1,张三\n"))
	f.Add(append(append([]byte{}, utf8BOM...), "a;b\r\n\"x\"\"y\";z"...))
	f.Add([]byte{0xFF, 0xFE, 'a', 0, ',', 0, 'b', 0})
	f.Add([]byte{0xC4, 0xE3, 0xBA, 0xC3, ',', 0xCA, 0xC0})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := newCSVReader(io.NopCloser(bytes.NewReader(data)), "")
		if err != nil {
			return
		}
		for i := 0; i < 10_000; i++ {
			cells, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			var re *rowError
			if errors.As(err, &re) {
				continue
			}
			if err != nil {
				return
			}
			for _, c := range cells {
				if !utf8.ValidString(c) && r.strict {
					t.Fatalf("row %d has invalid UTF-8 %q", r.Row(), c)
				}
			}
			if n := r.consumed(); n < 0 || n > int64(len(data)) {
				t.Fatalf("row %d: %d bytes consumed of %d", r.Row(), n, len(data))
			}
		}
	})
}

// FuzzParseMapping parses arbitrary bytes as a mapping: no panic, and
// an accepted mapping names each column once with a non-empty field.
func FuzzParseMapping(f *testing.F) {
	f.Add([]byte(`{"客户编号":"customer_id","x":null}`))
	f.Add([]byte(`{"a":"b","a":"c"}`))
	f.Add([]byte(`{"$where":"x","a.b":"y"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMapping(data)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, cm := range m {
			if cm.Field == "" || seen[cm.Column] {
				t.Fatalf("accepted mapping %v", m)
			}
			seen[cm.Column] = true
		}
	})
}

// FuzzXLSXReader opens arbitrary bytes as a workbook: no panic, and a
// refusal is a problem, never a crash.
func FuzzXLSXReader(f *testing.F) {
	book, err := os.ReadFile(writeWorkbook(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(book)
	f.Add(append(append([]byte{}, zipMagic...), "junk"...))
	f.Add(book[:len(book)/2])
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := openXLSX(path, "", 1<<20)
		if err != nil {
			return
		}
		defer r.Close()
		for i := 0; i < 10_000; i++ {
			if _, err := r.Next(); err != nil && !isRowError(err) {
				return
			}
		}
	})
}

func isRowError(err error) bool {
	var re *rowError
	return errors.As(err, &re)
}
