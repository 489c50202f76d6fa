// Package datahub moves tenant data in and out in bulk: imports of CSV and
// Excel files into a form, exports of record lists to CSV and Excel.
//
// An import is a job document (ImportsCollection) and its file, kept in the
// store as chunks of at most 254 KiB (FilesCollection) read by _id alone
// ("<job id>.<n>"), tenant-scoped, as runtime/attachment keeps its files
// (whose in-memory upload and type allowlist do not fit a 64 MiB
// spreadsheet, so the package keeps chunks of its own). Upload writes the
// job first, receiving, then the chunks, then marks it uploaded; it stores
// the file, sniffs its type from its content (never from its name alone),
// detects a CSV's encoding (UTF-8 with or without BOM, UTF-16 with BOM,
// GBK/GB18030) and suggests a column mapping from the form's field names and
// labels in every language. Check is the dry run: every row is validated
// against the form, merged with the record its key names, and each failure
// lands in a per-row report (IssuesCollection) that can be read as JSON or
// downloaded as CSV or Excel. Run imports: by default it refuses the whole
// file when any row fails the dry run; ModeValidRows imports the rows that
// pass. Each row is an upsert by the key field (record.Service.Upsert), so
// the rows of CRM, ERP, service and finance merge into one record per
// customer and a re-run of the same file changes nothing.
//
// Files are read as streams, row by row, one chunk in memory at a time:
// memory does not grow with the file. A CSV file is parsed straight from the
// chunks; a workbook is copied chunk by chunk to a temporary file of the
// worker (Config.Dir) for the pass and removed after it, since a zip is read
// from its end and excelize streams sheets only from a file. The file goes
// when its job is imported or deleted, and when a job at rest (or an upload
// cut short) has not moved for Config.FileTTL; a check or run after that is
// refused with "file gone". Spreadsheet cells are read as the values the
// file stores, never evaluated: a formula is its stored text or cached
// value, and "=HYPERLINK(…)" typed into a cell is imported as that text.
// Exported cells that a spreadsheet would take for a formula (starting with
// = + - @, a tab or a carriage return) are escaped with a leading apostrophe
// against CSV injection.
//
// Checks and imports are durable background jobs. Check and Run claim the
// job with one conditional update (status and pass) and hand it to a worker:
// an Asynq task (TaskImport, on the default queue) whose task id is the job
// id, so enqueueing twice is one task, or a goroutine of the process when
// the service has no queue. The worker takes the job's lease (a
// compare-and-set on its count of claims), so of two workers given the same
// job one does the work and the other returns. Every few hundred rows
// (Config.ProgressEvery), and whenever a chunk of the report is full, it
// stores the report's chunks and then the progress (rows read, valid,
// imported, failed, the last row whose write landed, the percentage when it
// is known), renewing the lease with the same write. A worker that stops
// (shutdown, a store failure, a task timeout) hands the lease back; one that
// dies leaves it to run out (Config.StaleAfter). The Reconciler, at start-up
// and every Config.ReconcileEvery, hands every running job whose lease is
// free or ran out to a worker again, which goes on after the last landed
// row: the rows after it are upserted again by key, which changes nothing
// for those that had landed, and are counted once, since the stored counters
// cover only the rows up to it. Each row's write marks its record with the
// job and row (record.ImportMark, in the same write), so a redone row whose
// record shows the job's write of it, or of a later row, is not written
// again and counts as what that write did: created, merged and unchanged
// are exact like rows read, valid, failed and imported, and the report. A job ends failed only when it cannot
// be done (its form is gone), refused when the file or its rows are, each
// with a reason from the message catalog; a store failure is retried.
package datahub
