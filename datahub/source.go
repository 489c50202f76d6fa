package datahub

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Format is the kind of an uploaded file, as sniffed from its content.
type Format string

// The formats an import reads.
const (
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
)

// maxCellLen is the longest cell a row may hold, Excel's own limit.
const maxCellLen = 32767

// rowReader yields the rows of a file one at a time.
type rowReader interface {
	// Next returns the next row's cells, and io.EOF after the last row. A
	// *rowError is a row the reader could not read well; reading can go on.
	Next() ([]string, error)
	// Row is the number of the row Next returned last, 1 for the header.
	Row() int
	Close() error
}

// rowError is what is wrong with one row as a whole.
type rowError struct {
	code   string
	params i18n.Params
}

func (e *rowError) Error() string { return "row: " + e.code }

// source says how to read a stored file.
type source struct {
	// file opens the file's bytes as a stream.
	file     func() *chunkReader
	spoolDir string // where a workbook is copied to be read
	format   Format
	encoding string // CSV only
	sheet    string // Excel only; empty means the first sheet
	maxBytes int64
}

// Magic numbers of the containers a spreadsheet may come in.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// sniff decides a file's format from its first bytes and its name. An
// OLE container is an old .xls or an encrypted workbook, which the import
// cannot read; a name ending in .xlsx on something that is no zip is a
// file that pretends.
func sniff(head []byte, name string) (Format, error) {
	lower := strings.ToLower(name)
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return "", problem.New(problem.Invalid, "import.xls_unsupported", nil)
	case bytes.HasPrefix(head, zipMagic):
		return FormatXLSX, nil
	case strings.HasSuffix(lower, ".xlsx") || strings.HasSuffix(lower, ".xlsm"):
		return "", problem.New(problem.Invalid, "import.not_xlsx", nil)
	case strings.HasSuffix(lower, ".xls"):
		return "", problem.New(problem.Invalid, "import.xls_unsupported", nil)
	}
	return FormatCSV, nil
}

// open returns a reader of the file's rows.
func (src source) open() (rowReader, error) {
	f := src.file()
	if src.format == FormatXLSX {
		return src.openSpooled(f)
	}
	r, err := newCSVReader(f, src.encoding)
	if err != nil {
		return nil, err
	}
	return r, nil
}

// openSpooled copies a workbook from the store to a temporary file and
// opens it there: a zip is read from its end, which a stream of chunks
// cannot give, and excelize reads a file part by part where a reader would
// be held in memory whole. The copy is removed when the reader closes.
func (src source) openSpooled(f io.Reader) (rowReader, error) {
	if err := os.MkdirAll(src.spoolDir, 0o700); err != nil {
		return nil, fmt.Errorf("preparing the import directory: %w", err)
	}
	tmp, err := os.CreateTemp(src.spoolDir, "import-*.xlsx")
	if err != nil {
		return nil, fmt.Errorf("spooling import file: %w", err)
	}
	_, err = io.Copy(tmp, f)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return nil, fileGone(err)
	}

	r, err := openXLSX(tmp.Name(), src.sheet, src.maxBytes)
	if err != nil {
		_ = os.Remove(tmp.Name())
		return nil, err
	}
	return &spooled{xlsxReader: r, path: tmp.Name()}, nil
}

// spooled is a workbook read from its temporary copy.
type spooled struct {
	*xlsxReader
	path string
}

// Close closes the workbook and removes the copy.
func (s *spooled) Close() error {
	err := s.xlsxReader.Close()
	if rerr := os.Remove(s.path); err == nil {
		err = rerr
	}
	return err
}

// fileGone passes on the refusal of a job whose file is no longer stored,
// or wraps another error.
func fileGone(err error) error {
	if _, ok := problem.As(err); ok {
		return err
	}
	if errors.Is(err, os.ErrNotExist) {
		return problem.New(problem.Conflict, "import.file_gone", nil)
	}
	return fmt.Errorf("opening import file: %w", err)
}

// readHeader reads the header row and checks its names: cells are
// trimmed, an empty header is named by its column letter, two columns of
// the same name are refused.
func readHeader(r rowReader, maxColumns int) ([]string, error) {
	cells, err := r.Next()
	var rerr *rowError
	if errors.As(err, &rerr) {
		return nil, problem.New(problem.Invalid, "import.bad_header", nil)
	}
	if errors.Is(err, io.EOF) {
		return nil, problem.New(problem.Invalid, "import.empty_file", nil)
	}
	if err != nil {
		return nil, err
	}

	return headerNames(cells, maxColumns)
}

func headerNames(cells []string, maxColumns int) ([]string, error) {
	if len(cells) > maxColumns {
		return nil, problem.New(problem.Invalid, "import.too_many_columns",
			i18n.Params{"max": maxColumns})
	}
	out := make([]string, len(cells))
	seen := make(map[string]bool, len(cells))
	for i, c := range cells {
		name := strings.TrimSpace(c)
		if name == "" {
			name = columnLetter(i)
		}
		if seen[name] {
			return nil, problem.New(problem.Invalid, "import.duplicate_column",
				i18n.Params{"column": name})
		}
		seen[name] = true
		out[i] = name
	}
	if len(out) == 0 {
		return nil, problem.New(problem.Invalid, "import.empty_file", nil)
	}
	return out, nil
}

// columnLetter is a spreadsheet's name of column i (0 → A, 26 → AA).
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
