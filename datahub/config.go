package datahub

import (
	"os"
	"path/filepath"
	"time"
)

// Config tunes the data hub. The zero value means the defaults noted on
// each field.
type Config struct {
	// Dir holds uploaded files while their import runs; empty means
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
	// FileTTL is how long an uploaded file is kept when no import finishes
	// it; zero means 24 hours.
	FileTTL time.Duration
	// StaleAfter is how long a running job may go without progress before
	// it is taken for dead; zero means 10 minutes.
	StaleAfter time.Duration
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
	return c
}
