package datahub

import (
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
)

// Collections of this package.
const (
	ImportsCollection = "imports"
	IssuesCollection  = "import_issues"
)

// Status is where an import job stands.
type Status string

// The states of a job. Checking and importing are running; the others
// are at rest, and a job at rest other than imported may be checked or run
// again.
const (
	StatusUploaded  Status = "uploaded"
	StatusChecking  Status = "checking"
	StatusChecked   Status = "checked"
	StatusImporting Status = "importing"
	StatusImported  Status = "imported"
	StatusRefused   Status = "refused"
	StatusFailed    Status = "failed"
)

// idle lists the states a check or run may start from.
var idle = []Status{StatusUploaded, StatusChecked, StatusRefused, StatusFailed}

// Mode says what an import does with rows that fail the check.
type Mode string

// The modes of an import.
const (
	// ModeAllOrNothing refuses the whole file when any row fails (default).
	ModeAllOrNothing Mode = "all_or_nothing"
	// ModeValidRows imports the rows that pass and reports the others.
	ModeValidRows Mode = "valid_rows"
)

// Job is one import: the file, the mapping, and what became of its rows.
type Job struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline" json:"-"`

	// Form is the key of the form the rows go into.
	Form     string `bson:"form" json:"form"`
	FileName string `bson:"file_name" json:"file_name"`
	Size     int64  `bson:"size" json:"size"`
	Format   Format `bson:"format" json:"format"`
	// Encoding is a CSV file's text encoding (utf-8, gbk, utf-16le …).
	Encoding string `bson:"encoding,omitempty" json:"encoding,omitempty"`
	// Sheet is the worksheet of an Excel file that is read.
	Sheet string `bson:"sheet,omitempty" json:"sheet,omitempty"`
	// Columns are the file's headers, in order.
	Columns []string `bson:"columns" json:"columns"`
	// Suggested is the mapping proposed from the form's names and labels.
	Suggested Mapping `bson:"suggested" json:"suggested_mapping"`

	// Mapping and KeyField are those of the latest check or run.
	Mapping  Mapping `bson:"mapping,omitempty" json:"mapping,omitempty"`
	KeyField string  `bson:"key_field,omitempty" json:"key_field,omitempty"`
	Mode     Mode    `bson:"mode,omitempty" json:"mode,omitempty"`

	Status   Status   `bson:"status" json:"status"`
	Progress Progress `bson:"progress" json:"progress"`
	// Issues counts the rows' problems of the latest pass, readable at
	// the job's issues.
	Issues int `bson:"issues" json:"issues"`
	// Error says why a job was refused or failed.
	Error *JobError `bson:"error,omitempty" json:"-"`

	CreatedBy  string     `bson:"created_by" json:"created_by"`
	CreatedAt  time.Time  `bson:"created_at" json:"created_at"`
	UpdatedAt  time.Time  `bson:"updated_at" json:"updated_at"`
	FinishedAt *time.Time `bson:"finished_at,omitempty" json:"finished_at,omitempty"`
	// Pass counts the checks and runs started, so that the issues of an
	// earlier pass are told apart from the current one's.
	Pass int `bson:"pass" json:"-"`
}

// Progress counts what a pass did with the file's rows.
type Progress struct {
	// RowsRead counts the data rows read so far (the header not included).
	RowsRead int `bson:"rows_read" json:"rows_read"`
	// RowsValid and RowsFailed count the rows that passed and failed.
	RowsValid  int `bson:"rows_valid" json:"rows_valid"`
	RowsFailed int `bson:"rows_failed" json:"rows_failed"`
	// RowsImported counts the rows stored; Created, Merged and Unchanged
	// split them by what the row did to its record.
	RowsImported int `bson:"rows_imported" json:"rows_imported"`
	Created      int `bson:"created" json:"created"`
	Merged       int `bson:"merged" json:"merged"`
	Unchanged    int `bson:"unchanged" json:"unchanged"`
	// LandedThrough is the last file row (the header is row 1) up to which
	// every row's write is known to have landed or been refused.
	LandedThrough int `bson:"landed_through" json:"landed_through"`
}

// JobError is why a job was refused or failed, as a catalog code.
type JobError struct {
	Code   string      `bson:"code"`
	Params i18n.Params `bson:"params,omitempty"`
}

// Message returns the error's message in locale l.
func (e *JobError) Message(l i18n.Locale) string { return i18n.T(l, e.Code, e.Params) }

func (j *Job) running() bool {
	return j.Status == StatusChecking || j.Status == StatusImporting
}
