package reliability_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
)

// resultsFile is where figures go unless FORMWORK_RELIABILITY_RESULTS says
// otherwise: results.tsv next to this file.
func resultsFile() string {
	if p := os.Getenv("FORMWORK_RELIABILITY_RESULTS"); p != "" {
		return p
	}
	_, self, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(self), "results.tsv")
}

var resultsMu sync.Mutex

// figure is one measured result of a fault test.
type figure struct {
	fault  string // "fault 2", "security"
	what   string // what was measured
	value  string // the figure
	target string // what it must be
	met    bool
}

// report logs f and appends it to the results file as one tab-separated
// line: time, fault, what, figure, target, met.
func report(t *testing.T, f figure) {
	t.Helper()
	t.Logf("FIGURE %s: %s = %s (target %s, met %v)", f.fault, f.what, f.value, f.target, f.met)

	resultsMu.Lock()
	defer resultsMu.Unlock()
	out, err := os.OpenFile(resultsFile(), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Logf("results file not written: %v", err)
		return
	}
	defer out.Close()
	_, _ = fmt.Fprintf(out, "%s\t%s\t%s\t%s\t%s\t%v\n", time.Now().UTC().Format(time.RFC3339),
		f.fault, f.what, f.value, f.target, f.met)
}

// ownerOf is an owner of tenant, for reading its messages.
func ownerOf(tenant string) auth.Principal {
	return auth.Principal{TenantID: tenant, UserID: "owner", Roles: []auth.Role{auth.Owner}}
}

// long skips t unless the long suites were asked for on these stores.
func long(t *testing.T) {
	t.Helper()
	if os.Getenv("FORMWORK_TEST_LONG") != "1" {
		t.Skip("a long suite: set FORMWORK_TEST_LONG=1")
	}
	if !isLong() {
		t.Skip("long fault suites run in the embedded pass")
	}
}

// isLong reports whether the long suites were asked for and run on these
// stores. The suites start their own servers and Redis, so the test
// command's second pass (external stores) would run them again for
// minutes without covering more — 10,000 timers of fault 2 on FerretDB
// over PostgreSQL took over 20 minutes on a loaded machine;
// FORMWORK_TEST_RELIABILITY_EXTERNAL=1 asks for them there too.
func isLong() bool {
	if os.Getenv("FORMWORK_TEST_LONG") != "1" {
		return false
	}
	return os.Getenv("FORMWORK_TEST_MONGO_URI") == "" ||
		os.Getenv("FORMWORK_TEST_RELIABILITY_EXTERNAL") == "1"
}
