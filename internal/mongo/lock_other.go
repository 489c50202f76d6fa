//go:build !unix

package mongo

// dirLock is a no-op where flock is unavailable; running two processes on
// one data directory is then the operator's responsibility.
type dirLock struct{}

// lockDir always succeeds.
func lockDir(string) (*dirLock, error) { return &dirLock{}, nil }

// release does nothing.
func (*dirLock) release() {}
