package server_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// reliabilityResults is the results file of the reliability suite, which
// docs/reliability.md is written from: FORMWORK_RELIABILITY_RESULTS, or
// reliability/results.tsv of this checkout.
func reliabilityResults() string {
	if p := os.Getenv("FORMWORK_RELIABILITY_RESULTS"); p != "" {
		return p
	}
	_, self, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(self), "..", "reliability", "results.tsv")
}

var resultsMu sync.Mutex

// reportFigure logs a measured figure and appends it to the results file
// as one tab-separated line: time, fault, what, figure, target, met.
func reportFigure(t *testing.T, fault, what, value, target string, met bool) {
	t.Helper()
	t.Logf("FIGURE %s: %s = %s (target %s, met %v)", fault, what, value, target, met)

	resultsMu.Lock()
	defer resultsMu.Unlock()
	out, err := os.OpenFile(reliabilityResults(), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Logf("results file not written: %v", err)
		return
	}
	defer out.Close()
	_, _ = fmt.Fprintf(out, "%s\t%s\t%s\t%s\t%s\t%v\n", time.Now().UTC().Format(time.RFC3339),
		fault, what, value, target, met)
}
