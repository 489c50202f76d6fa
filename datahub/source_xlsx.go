package datahub

import (
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// xmlPartLimit is the size above which excelize spools a part of the
// workbook (a worksheet, the shared strings) to a temporary file instead
// of memory, so that a large sheet is read as a stream.
const xmlPartLimit = 1 << 20

// xlsxReader reads the rows of one worksheet through excelize's streaming
// iterator. Cells come back as the values the file stores: formulas are
// never calculated.
type xlsxReader struct {
	f    *excelize.File
	rows *excelize.Rows
	row  int
}

// openXLSX opens the workbook at path and its sheet (empty: the first).
// Something that is no workbook, or a sheet that is not there, is refused.
func openXLSX(path, sheet string, maxBytes int64) (*xlsxReader, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fileGone(err)
	}
	unzipped := max(maxBytes*20, 256<<20) // a zip bomb stops here
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: unzipped,
		UnzipXMLSizeLimit: xmlPartLimit})
	if err != nil {
		return nil, notXLSX(err)
	}

	if sheet == "" {
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			_ = f.Close()
			return nil, problem.New(problem.Invalid, "import.empty_file", nil)
		}
		sheet = sheets[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		_ = f.Close()
		return nil, sheetError(sheet, err)
	}
	return &xlsxReader{f: f, rows: rows}, nil
}

// notXLSX is the refusal of a zip that is no workbook, or a broken one.
func notXLSX(err error) error {
	pe := problem.New(problem.Invalid, "import.not_xlsx", nil)
	pe.Err = err
	return pe
}

func sheetError(sheet string, err error) error {
	var missing excelize.ErrSheetNotExist
	if errors.As(err, &missing) {
		return problem.New(problem.Invalid, "import.unknown_sheet", i18n.Params{"sheet": sheet})
	}
	return notXLSX(fmt.Errorf("reading sheet %q: %w", sheet, err))
}

// Next returns the next row's cells.
func (x *xlsxReader) Next() ([]string, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, notXLSX(err)
		}
		return nil, io.EOF
	}
	x.row++

	cells, err := x.rows.Columns()
	if err != nil {
		return nil, &rowError{code: "unreadable_row"}
	}
	for _, c := range cells {
		if utf8.RuneCountInString(c) > maxCellLen {
			return nil, &rowError{code: "cell_too_long", params: i18n.Params{"max": maxCellLen}}
		}
	}
	return cells, nil
}

// Row is the sheet row Next returned last.
func (x *xlsxReader) Row() int { return x.row }

// Close releases the workbook and its temporary files.
func (x *xlsxReader) Close() error {
	err := x.rows.Close()
	if cerr := x.f.Close(); err == nil {
		err = cerr
	}
	return err
}
