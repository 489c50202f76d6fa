package main

import (
	"os"
	"strings"
	"testing"
)

// TestSmokeEmbedded builds Formwork, starts it on embedded stores and runs
// the submit scenario for a second. It takes about half a minute, so it
// runs only with FORMWORK_TEST_LONG=1.
func TestSmokeEmbedded(t *testing.T) {
	if os.Getenv("FORMWORK_TEST_LONG") != "1" {
		t.Skip("set FORMWORK_TEST_LONG=1 to run the load tool's smoke test")
	}
	var stdout, stderr strings.Builder
	code := run(t.Context(), []string{"-stores", "embedded", "-runs", "1", "-duration", "1s",
		"-conns", "4", "-users", "2", "-scenarios", "submit"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"submit a lead (4 connections)", "raw InsertOne"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "errors") {
		t.Errorf("operations failed:\n%s", out)
	}
}
