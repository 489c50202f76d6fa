package datahub

import (
	"time"

	"github.com/formworkhq/formwork/internal/auth"
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
	// StatusReceiving is an upload whose file is still being stored.
	StatusReceiving Status = "receiving"
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
	// Chunks is how many documents of FilesCollection hold the file; the
	// file is removed when the job is imported or deleted, or expires.
	Chunks int    `bson:"chunks" json:"-"`
	Format Format `bson:"format" json:"format"`
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

	CreatedBy string `bson:"created_by" json:"created_by"`
	// StartedBy and StartedRoles are who started the latest check or run;
	// the worker writes the rows as them.
	StartedBy    string      `bson:"started_by,omitempty" json:"-"`
	StartedRoles []auth.Role `bson:"started_roles,omitempty" json:"-"`

	CreatedAt  time.Time  `bson:"created_at" json:"created_at"`
	UpdatedAt  time.Time  `bson:"updated_at" json:"updated_at"`
	FinishedAt *time.Time `bson:"finished_at,omitempty" json:"finished_at,omitempty"`
	// Pass counts the checks and runs started, so that the issues of an
	// earlier pass are told apart from the current one's.
	Pass int `bson:"pass" json:"-"`
	// IssueChunks is how many chunks of the current pass's report are
	// stored; a resumed pass writes on from there.
	IssueChunks int `bson:"issue_chunks" json:"-"`
	// FileRows is the last row of the file as a whole pass read it, so that
	// later passes know how far along they are; zero until then.
	FileRows int `bson:"file_rows,omitempty" json:"-"`

	// Lease is the worker running the job and until when; see job_lease.go.
	Lease Lease `bson:"lease" json:"-"`
}

// Lease says which worker runs a job. A worker takes it with a
// compare-and-set on Claims and renews it with every progress write; a
// lease whose time ran out belongs to a worker that died, and the next
// worker takes the job over.
type Lease struct {
	Owner string    `bson:"owner"`
	Until time.Time `bson:"until"`
	// Claims counts the takings, the compare-and-set's version.
	Claims int `bson:"claims"`
	// Mark is the job's last landed row when it was last taken, and Stalls
	// counts the takings in a row that found it no further on.
	Mark   int `bson:"mark"`
	Stalls int `bson:"stalls"`
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
	// every row's write is known to have landed or been refused; a resumed
	// pass goes on after it.
	LandedThrough int `bson:"landed_through" json:"landed_through"`
	// Percent is how much of the file the pass has read, when that is
	// known: from the bytes of a CSV file, or from the rows of an earlier
	// whole pass.
	Percent *int `bson:"percent,omitempty" json:"percent,omitempty"`
}

// JobError is why a job was refused or failed, as a catalog code.
type JobError struct {
	Code   string      `bson:"code"`
	Params i18n.Params `bson:"params,omitempty"`
}

// Message returns the error's message in locale l.
func (e *JobError) Message(l i18n.Locale) string { return i18n.T(l, e.Code, e.Params) }

// running reports whether a pass of the job is under way (or waiting for
// a worker to take it over).
func (j *Job) running() bool {
	return j.Status == StatusChecking || j.Status == StatusImporting
}
