package datahub

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/record"
)

// rowPass is one reading of a job's file, checking or importing its rows.
type rowPass struct {
	s      *Service
	p      auth.Principal
	j      *Job
	fields map[string]form.FieldInfo
	write  bool
	issues *issueWriter
	seen   int // rows handled, blank ones included
	// from is the last row an earlier worker's pass landed; a resumed
	// pass skips the rows up to it.
	from int
	// csv reads a CSV file, which knows how many of its bytes it has read;
	// nil for a workbook.
	csv *csvReader
}

// pass reads the job's file once, row by row, and checks or imports each
// row after those an earlier worker's pass already landed. A refused row
// becomes issues and the pass goes on; a file that cannot be read further
// sets j.Error and ends the pass; a store failure is returned with
// j.Progress saying which rows landed.
func (s *Service) pass(ctx context.Context, p auth.Principal, j *Job,
	fields map[string]form.FieldInfo, write bool) error {
	r, err := j.source(ctx, s, p).open()
	if err != nil {
		return fileProblem(j, err)
	}
	defer r.Close()
	if _, err := readHeader(r, s.cfg.MaxColumns); err != nil {
		return fileProblem(j, err)
	}

	issues, err := s.resumeIssues(ctx, p, j)
	if err != nil {
		return err
	}
	rp := &rowPass{s: s, p: p, j: j, fields: fields, write: write, issues: issues,
		from: j.Progress.LandedThrough}
	rp.csv, _ = r.(*csvReader)
	if err := rp.rows(ctx, r); err != nil {
		return err
	}
	if j.Error == nil {
		j.FileRows = r.Row()
	}
	return rp.checkpoint(ctx, 100)
}

// fileProblem records a refusal of the file in j, or returns another error.
func fileProblem(j *Job, err error) error {
	if pe, ok := problem.As(err); ok && pe.Kind != problem.Internal {
		j.Error = &JobError{Code: pe.Code, Params: pe.Params}
		return nil
	}
	return err
}

// rows handles every data row not yet landed, storing progress every few
// hundred rows and whenever a chunk of the report is full.
func (rp *rowPass) rows(ctx context.Context, r rowReader) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		cells, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var rerr *rowError
		if r.Row() <= rp.from && (err == nil || errors.As(err, &rerr)) {
			continue
		}
		if err := rp.row(ctx, r.Row(), cells, err); err != nil {
			return err
		}
		if rp.j.Error != nil {
			return nil
		}

		rp.seen++
		if rp.seen%rp.s.cfg.ProgressEvery == 0 || rp.issues.full() {
			if err := rp.checkpoint(ctx, rp.percent(r.Row())); err != nil {
				return err
			}
		}
	}
}

// checkpoint stores the buffered issues as the report's next chunk, then
// the progress with how far along the pass is (-1: unknown). The report
// is stored only here, so that the progress always names every chunk of
// it; a worker that dies between the two leaves a chunk the next one
// drops and writes again.
func (rp *rowPass) checkpoint(ctx context.Context, percent int) error {
	if err := rp.issues.flush(ctx); err != nil {
		return err
	}
	rp.j.Progress.Percent = nil
	if percent >= 0 {
		rp.j.Progress.Percent = &percent
	}
	return rp.s.progress(ctx, rp.p, rp.j)
}

// percent is how much of the file is read at row n: from the rows of an
// earlier whole pass, or from the bytes of a CSV file; -1 when unknown.
func (rp *rowPass) percent(n int) int {
	switch {
	case rp.j.FileRows > 0:
		return min(99, n*100/rp.j.FileRows)
	case rp.csv != nil && rp.j.Size > 0:
		return min(99, int(rp.csv.consumed()*100/rp.j.Size))
	}
	return -1
}

// row handles one row the reader returned with readErr.
func (rp *rowPass) row(ctx context.Context, n int, cells []string, readErr error) error {
	var rerr *rowError
	switch {
	case errors.As(readErr, &rerr):
		return rp.fail(n, rowIssue(n, rerr))
	case readErr != nil:
		return fileProblem(rp.j, readErr)
	case blank(cells):
		rp.j.Progress.LandedThrough = n
		return nil
	}
	if rp.j.Progress.RowsRead >= rp.s.cfg.MaxRows {
		rp.j.Error = &JobError{Code: "import.too_many_rows",
			Params: i18n.Params{"max": rp.s.cfg.MaxRows}}
		return nil
	}
	if extra := len(trimTrailing(cells)); extra > len(rp.j.Columns) {
		return rp.fail(n, rowIssue(n, &rowError{code: "too_many_cells",
			params: i18n.Params{"cells": extra, "columns": len(rp.j.Columns)}}))
	}

	return rp.upsert(ctx, n, rowData(cells, rp.j.Columns, rp.j.Mapping, rp.fields))
}

// upsert checks or stores one row's data.
func (rp *rowPass) upsert(ctx context.Context, n int, data map[string]any) error {
	in := record.UpsertInput{Form: rp.j.Form, KeyField: rp.j.KeyField, Data: data}
	var res *record.UpsertResult
	var err error
	if rp.write {
		in.Writer = &record.ImportWriter{Job: rp.j.ID, Row: n}
		res, err = rp.s.records.Upsert(ctx, rp.p, in)
	} else {
		err = rp.s.records.CheckUpsert(ctx, rp.p, in)
	}
	if pe, ok := problem.As(err); ok && refusal(pe) {
		return rp.fail(n, refusalIssues(n, pe, rp.j.Mapping)...)
	}
	if err != nil {
		return fmt.Errorf("importing row %d: %w", n, err)
	}

	rp.count(n, res)
	return nil
}

// refusal reports whether pe refuses the row rather than the store failing.
func refusal(pe *problem.Error) bool {
	return pe.Kind != problem.Internal && pe.Kind != problem.Unavailable
}

// count records a row that passed, and what its upsert did.
func (rp *rowPass) count(n int, res *record.UpsertResult) {
	pr := &rp.j.Progress
	pr.RowsRead++
	pr.RowsValid++
	pr.LandedThrough = n
	switch {
	case res == nil:
	case res.Created:
		pr.RowsImported++
		pr.Created++
	case len(res.Changed) > 0:
		pr.RowsImported++
		pr.Merged++
	default:
		pr.RowsImported++
		pr.Unchanged++
	}
}

// fail records a row that failed with its issues.
func (rp *rowPass) fail(n int, issues ...Issue) error {
	rp.j.Progress.RowsRead++
	rp.j.Progress.RowsFailed++
	rp.j.Progress.LandedThrough = n
	rp.issues.add(issues...)
	return nil
}

// blank reports whether every cell of a row is empty.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// trimTrailing drops the empty cells at the end of a row, which
// spreadsheets often leave behind.
func trimTrailing(cells []string) []string {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return cells[:n]
}
