package datahub

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/formworkhq/formwork/internal/problem"
)

// ParseFormat reads an export format; empty means CSV.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "", "csv":
		return FormatCSV, nil
	case "xlsx", "excel":
		return FormatXLSX, nil
	}
	return "", problem.New(problem.BadRequest, "export.invalid_format", nil)
}

// ContentType is the media type of a file in format f.
func (f Format) ContentType() string {
	if f == FormatXLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// TableWriter writes the rows of a table, streaming: strings are escaped
// against formula injection, numbers stay numbers.
type TableWriter interface {
	// Write writes one row of cells (strings, numbers, booleans, times,
	// lists or anything JSON can encode).
	Write(cells []any) error
	// Close finishes the file; nothing is complete before it.
	Close() error
}

// NewTable returns a writer of a table in format f (CSV with a UTF-8 BOM,
// or one Excel worksheet) onto w.
func NewTable(f Format, w io.Writer) (TableWriter, error) { return newTable(f, w) }

func newTable(f Format, w io.Writer) (TableWriter, error) {
	if f == FormatXLSX {
		return newXLSXTable(w)
	}
	// A BOM makes Excel open the UTF-8 file as UTF-8 rather than guess.
	if _, err := w.Write(utf8BOM); err != nil {
		return nil, fmt.Errorf("writing table: %w", err)
	}
	return &csvTable{w: csv.NewWriter(w)}, nil
}

// csvTable writes CSV.
type csvTable struct {
	w   *csv.Writer
	buf []string
}

// Write writes one row.
func (t *csvTable) Write(cells []any) error {
	t.buf = t.buf[:0]
	for _, c := range cells {
		t.buf = append(t.buf, cellText(c))
	}
	return t.w.Write(t.buf)
}

// Close flushes the rows.
func (t *csvTable) Close() error {
	t.w.Flush()
	return t.w.Error()
}

// xlsxTable writes one worksheet through excelize's StreamWriter, which
// spools rows to a temporary file instead of keeping them in memory.
type xlsxTable struct {
	out io.Writer
	f   *excelize.File
	sw  *excelize.StreamWriter
	row int
}

func newXLSXTable(w io.Writer) (*xlsxTable, error) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("starting workbook: %w", err)
	}
	return &xlsxTable{out: w, f: f, sw: sw}, nil
}

// Write writes one row; strings are always stored as text cells.
func (t *xlsxTable) Write(cells []any) error {
	t.row++
	row := make([]any, len(cells))
	for i, c := range cells {
		switch v := c.(type) {
		case float64, int, int64, bool:
			row[i] = v
		case *float64:
			if v != nil {
				row[i] = *v
			}
		default:
			row[i] = cellText(c)
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, t.row)
	if err != nil {
		return err
	}
	return t.sw.SetRow(cell, row)
}

// Close writes the workbook out and removes its temporary files.
func (t *xlsxTable) Close() error {
	defer t.f.Close()
	if err := t.sw.Flush(); err != nil {
		return fmt.Errorf("finishing workbook: %w", err)
	}
	if _, err := t.f.WriteTo(t.out); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	return nil
}

// cellText renders a value as the text of a cell, escaped against formula
// injection.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return Escape(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case *float64:
		if x == nil {
			return ""
		}
		return cellText(*x)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(e)
		}
		return Escape(strings.Join(parts, ", "))
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return Escape(string(b))
}

// Escape makes text that a spreadsheet would read as a formula (starting
// with =, +, -, @, a tab or a carriage return) plain text by putting an
// apostrophe in front, as OWASP advises against CSV injection.
func Escape(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
