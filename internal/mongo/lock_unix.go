//go:build unix

package mongo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockFileName is the file whose flock marks a data directory as in use.
const lockFileName = "formwork.lock"

// dirLock keeps a second process from serving the same SQLite files: FerretDB
// caches their metadata and would not see another process's changes.
type dirLock struct {
	f *os.File
}

// lockDir takes the lock on dir, failing at once if another process holds it.
func lockDir(dir string) (*dirLock, error) {
	path := filepath.Join(dir, lockFileName)

	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening lock file: %w", err)
	}

	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		_ = f.Close()
		return nil, fmt.Errorf("embedded store in %s is in use by another process", dir)
	}
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}

	return &dirLock{f: f}, nil
}

// release drops the lock; the lock file stays for the next run.
func (l *dirLock) release() {
	_ = l.f.Close()
}
