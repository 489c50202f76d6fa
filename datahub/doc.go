// Package datahub moves tenant data in and out in bulk: imports of CSV and
// Excel files into a form, exports of record lists to CSV and Excel.
//
// An import is a job document (ImportsCollection) with a file kept on
// local disk while it runs. Upload stores the file, sniffs its type from
// its content (never from its name alone), detects a CSV's encoding (UTF-8
// with or without BOM, UTF-16 with BOM, GBK/GB18030) and suggests a column
// mapping from the form's field names and labels in every language. Check
// is the dry run: every row is validated against the form, merged with the
// record its key names, and each failure lands in a per-row report
// (IssuesCollection) that can be read as JSON or downloaded as CSV or
// Excel. Run imports: by default it refuses the whole file when any row
// fails the dry run; ModeValidRows imports the rows that pass. Each row is
// an upsert by the key field (record.Service.Upsert), so the rows of CRM,
// ERP, service and finance merge into one record per customer and a
// re-run of the same file changes nothing.
//
// Files are read as streams, row by row, from the temporary file: memory
// does not grow with the file. Spreadsheet cells are read as the values
// the file stores, never evaluated: a formula is its stored text or cached
// value, and "=HYPERLINK(…)" typed into a cell is imported as that text.
// Exported cells that a spreadsheet would take for a formula (starting
// with = + - @, a tab or a carriage return) are escaped with a leading
// apostrophe against CSV injection.
//
// Checks and imports run in the background of the process that received
// the request; a job's progress (rows read, valid, imported, failed, and
// the last row whose write landed) is stored every few hundred rows, and a
// job whose process died is reported as failed when next read.
package datahub
