package record

import (
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// An import upserts its rows in order and stores its progress every few
// hundred rows; a worker that dies leaves the rows after the last progress
// write to the next one, which upserts them again. To count each of those
// rows as what its first write did (created, merged or unchanged) rather
// than as what the second one finds, every write of an import row marks
// the record, in the same single-document write, with the job and row and
// what the write did (Record.Import). A redone row whose record shows the
// same job at that row or a later one had landed: it is not written again
// and is answered from the mark. A row of the job missing from the mark
// changed nothing (an unchanged row writes nothing, so leaves no mark).
//
// The mark keeps the latest maxMarkedRows rows of one job; a row of a file
// naming the same key more often than that, redone after the others, is
// counted as unchanged. A write by another job replaces the mark.

// maxMarkedRows bounds the rows of one job a record's mark keeps.
const maxMarkedRows = 16

// ImportWriter is the import row making an upsert.
type ImportWriter struct {
	// Job is the import job's id; Row the row's number in its file.
	Job string
	Row int
}

// ImportMark is what the rows of one import job did to a record.
type ImportMark struct {
	Job string `bson:"job"`
	// Rows are the job's rows that wrote the record, in order.
	Rows []MarkedRow `bson:"rows"`
}

// MarkedRow is one import row's write of a record.
type MarkedRow struct {
	Row     int      `bson:"row"`
	Created bool     `bson:"created,omitempty"`
	Changed []string `bson:"changed,omitempty"`
}

// mark is prev with w's write (a creation, or a merge changing changed)
// added; nil without a writer.
func (w *ImportWriter) mark(prev *ImportMark, created bool, changed []string) *ImportMark {
	if w == nil {
		return nil
	}
	out := &ImportMark{Job: w.Job}
	if prev != nil && prev.Job == w.Job {
		out.Rows = slices.Clone(prev.Rows)
	}

	out.Rows = append(out.Rows, MarkedRow{Row: w.Row, Created: created, Changed: changed})
	if n := len(out.Rows); n > maxMarkedRows {
		out.Rows = out.Rows[n-maxMarkedRows:]
	}
	return out
}

// marker gives the fields a merge by an import row stores beside the
// data; a nil marker stores none.
type marker func(r *Record, changed []string) *ImportMark

// marker is the marker of w's merges, nil without a writer.
func (w *ImportWriter) marker() marker {
	if w == nil {
		return nil
	}
	return func(r *Record, changed []string) *ImportMark {
		return w.mark(r.Import, false, changed)
	}
}

// set is the field to store for a merge of r changing changed, and it
// brings r's mark up to date.
func (m marker) set(r *Record, changed []string) []bson.E {
	if m == nil {
		return nil
	}
	r.Import = m(r, changed)
	return []bson.E{{Key: "import", Value: r.Import}}
}

// redone answers an upsert by w of record r when r shows that w's row had
// already landed, and nil when the row is to be written.
func redone(r *Record, w *ImportWriter) *UpsertResult {
	m := r.Import
	if w == nil || m == nil || m.Job != w.Job || len(m.Rows) == 0 ||
		m.Rows[len(m.Rows)-1].Row < w.Row {
		return nil
	}

	res := &UpsertResult{Record: r, Redone: true}
	for _, row := range m.Rows {
		if row.Row == w.Row {
			res.Created, res.Changed = row.Created, row.Changed
		}
	}
	return res
}
