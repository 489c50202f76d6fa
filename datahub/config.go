package datahub

import (
	"os"
	"path/filepath"
	"time"

	"github.com/formworkhq/formwork/internal/queue"
)

// Config tunes the data hub. The zero value means the defaults noted on
// each field.
type Config struct {
	// Dir holds the temporary copy of a workbook while a pass reads it
	// (the upload itself is kept in the store); empty means
	// "formwork-imports" in the system's temporary directory.
	Dir string
	// MaxBytes is the largest file accepted; zero means 64 MiB.
	MaxBytes int64
	// MaxRows is the most data rows one file may have; zero means 1,000,000.
	MaxRows int
	// MaxColumns is the most columns a file may have; zero means 500.
	MaxColumns int
	// ProgressEvery is how many rows pass between two progress writes;
	// zero means 500.
	ProgressEvery int
	// FileTTL is how long an uploaded file is kept after its job last
	// moved when no import finishes it; zero means 24 hours.
	FileTTL time.Duration
	// StaleAfter is how long a worker's lease on a job lasts; each progress
	// write renews it, and a job whose lease ran out is taken over by
	// another worker. Zero means 10 minutes.
	StaleAfter time.Duration
	// ReconcileEvery is how often the Reconciler looks for jobs to resume
	// and files to expire; zero means one minute.
	ReconcileEvery time.Duration
	// Queue runs checks and imports as Asynq tasks (the task id is the job
	// id). Nil runs them in goroutines of this process, as durable as
	// tasks: a job whose process died is resumed by the next Reconciler.
	Queue *queue.Queue
}

func (c Config) withDefaults() Config {
	if c.Dir == "" {
		c.Dir = filepath.Join(os.TempDir(), "formwork-imports")
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = 64 << 20
	}
	if c.MaxRows <= 0 {
		c.MaxRows = 1_000_000
	}
	if c.MaxColumns <= 0 {
		c.MaxColumns = 500
	}
	if c.ProgressEvery <= 0 {
		c.ProgressEvery = 500
	}
	if c.FileTTL <= 0 {
		c.FileTTL = 24 * time.Hour
	}
	if c.StaleAfter <= 0 {
		c.StaleAfter = 10 * time.Minute
	}
	if c.ReconcileEvery <= 0 {
		c.ReconcileEvery = time.Minute
	}
	return c
}
