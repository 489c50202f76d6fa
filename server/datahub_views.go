package server

import (
	"encoding/json"
	"time"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/record"
)

// DataImportRunInput is the mapping, key and mode of an import's check or run.
type DataImportRunInput struct {
	// Mapping is an object from column header to field name
	// ({"客户编号": "customer_id"}); null or "" skips a column. Omitted, the
	// import's current mapping is used.
	Mapping json.RawMessage `json:"mapping,omitempty"`
	// KeyField is the field that says which record a row merges into.
	KeyField string `json:"key_field,omitempty"`
	// Mode is all_or_nothing (default: any failing row refuses the file)
	// or valid_rows (import the rows that pass); checks ignore it.
	Mode string `json:"mode,omitempty"`
}

// DataImportView is an import job as clients see it.
type DataImportView struct {
	ID       string `json:"id"`
	Form     string `json:"form"`
	FileName string `json:"file_name"`
	Size     int64  `json:"size"`
	// Format is csv or xlsx, as sniffed from the content.
	Format string `json:"format"`
	// Encoding is a CSV file's detected or chosen encoding.
	Encoding string `json:"encoding,omitempty"`
	Sheet    string `json:"sheet,omitempty"`
	// Columns are the file's headers in order.
	Columns []string `json:"columns"`
	// SuggestedMapping maps headers to fields by name or label.
	SuggestedMapping map[string]string `json:"suggested_mapping"`
	Mapping          map[string]string `json:"mapping,omitempty"`
	KeyField         string            `json:"key_field,omitempty"`
	Mode             string            `json:"mode,omitempty"`
	// Status is receiving, uploaded, checking, checked, importing,
	// imported, refused or failed. Checking and importing go on in the
	// background, on whichever worker holds the import.
	Status   string             `json:"status"`
	Progress DataImportProgress `json:"progress"`
	// Issues counts the problems of the latest pass (see its issues).
	Issues int `json:"issues"`
	// Error says why a job was refused or failed.
	Error      *DataImportError `json:"error,omitempty"`
	CreatedAt  time.Time        `json:"created_at"`
	UpdatedAt  time.Time        `json:"updated_at"`
	FinishedAt *time.Time       `json:"finished_at,omitempty"`
}

// DataImportProgress counts what the latest pass did with the file's rows.
type DataImportProgress struct {
	RowsRead     int `json:"rows_read"`
	RowsValid    int `json:"rows_valid"`
	RowsFailed   int `json:"rows_failed"`
	RowsImported int `json:"rows_imported"`
	Created      int `json:"created"`
	Merged       int `json:"merged"`
	Unchanged    int `json:"unchanged"`
	// LandedThrough is the last file row (the header is row 1) up to which
	// every write landed; a worker that takes the import over goes on
	// after it.
	LandedThrough int `json:"landed_through"`
	// Percent is how much of the file the pass has read (0 to 100), when
	// that is known: from the bytes of a CSV file, or from the rows of an
	// earlier whole pass of a workbook.
	Percent *int `json:"percent,omitempty"`
}

// DataImportError is why an import was refused or failed.
type DataImportError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// DataImportIssue is one problem of one row.
type DataImportIssue struct {
	// Row is the file row; the header is row 1.
	Row     int    `json:"row"`
	Column  string `json:"column,omitempty"`
	Field   string `json:"field,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// DataImportIssueList is one chunk of an import's report.
type DataImportIssueList struct {
	Items []DataImportIssue `json:"items"`
	// NextChunk fetches the next chunk (?chunk=N); -1 after the last.
	NextChunk int `json:"next_chunk"`
}

// ActivityBatchInput is a batch of behaviour events.
type ActivityBatchInput struct {
	Events []record.BatchEvent `json:"events"`
}

// ActivityBatchView answers a batch with one result per event, in order.
type ActivityBatchView struct {
	Results []BatchEventView `json:"results"`
	Logged  int              `json:"logged"`
	// Duplicates were logged before; they changed nothing.
	Duplicates int `json:"duplicates"`
	Errors     int `json:"errors"`
}

// BatchEventView is what became of one event.
type BatchEventView struct {
	Index   int    `json:"index"`
	EventID string `json:"event_id"`
	// Status is logged, duplicate or error.
	Status     string `json:"status"`
	RecordID   string `json:"record_id,omitempty"`
	ActivityID string `json:"activity_id,omitempty"`
	// Code and Message explain an error; Errors list its fields.
	Code    string         `json:"code,omitempty"`
	Message string         `json:"message,omitempty"`
	Errors  []FieldProblem `json:"errors,omitempty"`
}

func importView(j *datahub.Job, loc i18n.Locale) DataImportView {
	v := DataImportView{ID: j.ID, Form: j.Form, FileName: j.FileName, Size: j.Size,
		Format: string(j.Format), Encoding: j.Encoding, Sheet: j.Sheet, Columns: j.Columns,
		SuggestedMapping: mappingView(j.Suggested), Mapping: mappingView(j.Mapping),
		KeyField: j.KeyField, Mode: string(j.Mode), Status: string(j.Status),
		Progress: DataImportProgress(j.Progress), Issues: j.Issues,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt, FinishedAt: j.FinishedAt}
	if j.Error != nil {
		v.Error = &DataImportError{Code: j.Error.Code, Message: j.Error.Message(loc)}
	}
	return v
}

func mappingView(m datahub.Mapping) map[string]string {
	out := make(map[string]string, len(m))
	for _, cm := range m {
		out[cm.Column] = cm.Field
	}
	return out
}

func issueList(issues []datahub.Issue, next int, loc i18n.Locale) DataImportIssueList {
	out := DataImportIssueList{Items: make([]DataImportIssue, 0, len(issues)), NextChunk: next}
	for _, is := range issues {
		out.Items = append(out.Items, DataImportIssue{Row: is.Row, Column: is.Column,
			Field: is.Field, Code: is.Code, Message: is.Message(loc)})
	}
	return out
}

func batchView(res []record.BatchResult, loc i18n.Locale) ActivityBatchView {
	v := ActivityBatchView{Results: make([]BatchEventView, 0, len(res))}
	for i, r := range res {
		ev := BatchEventView{Index: i, EventID: r.EventID, Status: string(r.Status),
			RecordID: r.RecordID, ActivityID: r.ActivityID}
		switch r.Status {
		case record.BatchLogged:
			v.Logged++
		case record.BatchDuplicate:
			v.Duplicates++
		default:
			v.Errors++
			ev.Code, ev.Message, ev.Errors = problemParts(r.Err, loc)
		}
		v.Results = append(v.Results, ev)
	}
	return v
}

// problemParts renders an event's refusal in loc.
func problemParts(err error, loc i18n.Locale) (string, string, []FieldProblem) {
	pe, ok := problem.As(err)
	if !ok {
		return "internal.error", i18n.T(loc, "internal.error", nil), nil
	}
	var fields []FieldProblem
	for _, f := range pe.Fields {
		fields = append(fields, FieldProblem{Pointer: f.Pointer, Code: f.Code,
			Message: f.Message(loc)})
	}
	return pe.Code, i18n.T(loc, pe.Code, pe.Params), fields
}
