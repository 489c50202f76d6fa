package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// profileResult is the CPU profile of BenchmarkSubmitLead.
type profileResult struct {
	// schemaShare is the cumulative share of jsonschema's Validate;
	// formShare that of Formwork's whole form validation around it.
	schemaShare, formShare float64
	// top are the heaviest Formwork and store functions by cumulative share.
	top     []pprofLine
	command string
}

// pprofLine is one line of `go tool pprof -top -cum`.
type pprofLine struct {
	cum  float64
	flat float64
	name string
}

// The functions whose cumulative share the report gives.
const (
	schemaValidate = "jsonschema/v6.(*Schema).Validate"
	formValidate   = "designer/form.(*Compiled).Validate"
)

// buildProfiler compiles the bench package's test binary into dir, at
// the same time as the formwork binary, so both measure the same tree.
func buildProfiler(ctx context.Context, dir string) (string, error) {
	root, err := moduleRoot(ctx)
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "bench.test")
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-o", bin, "./bench")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the submit benchmark: %w\n%s", err, out)
	}
	return bin, nil
}

// profileSubmit runs the submit benchmark under the CPU profiler and reads
// the profile.
func profileSubmit(ctx context.Context, testBin string, log *slog.Logger) (*profileResult,
	error) {
	dir, cleanup, err := tempDir("profile")
	if err != nil {
		return nil, err
	}
	defer cleanup()
	prof := filepath.Join(dir, "cpu.out")
	args := []string{"-test.run", "^$", "-test.bench", "SubmitLead", "-test.benchtime",
		"300x", "-test.cpuprofile", prof}
	log.Info("profiling the submit path")
	cmd := exec.CommandContext(ctx, testBin, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("profiling: %w\n%s", err, out)
	}
	top, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-cum",
		"-nodecount", "400", "-nodefraction", "0", testBin, prof).Output()
	if err != nil {
		return nil, fmt.Errorf("reading the profile: %w", err)
	}
	r := parsePprofTop(top)
	r.command = "go test ./bench -run '^$' -bench SubmitLead -benchtime 300x " +
		"-cpuprofile cpu.out"
	return r, nil
}

// pprofLines reads the lines of pprof's -top table, in its order.
func pprofLines(out []byte) []pprofLine {
	var lines []pprofLine
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if l, ok := parsePprofLine(sc.Text()); ok {
			lines = append(lines, l)
		}
	}
	return lines
}

// parsePprofTop reads pprof's -top -cum table.
func parsePprofTop(out []byte) *profileResult {
	r := &profileResult{}
	for _, l := range pprofLines(out) {
		if strings.HasSuffix(l.name, schemaValidate) {
			r.schemaShare = max(r.schemaShare, l.cum)
		}
		if strings.Contains(l.name, formValidate) {
			r.formShare = max(r.formShare, l.cum)
		}
		if interesting(l.name) && len(r.top) < 14 {
			r.top = append(r.top, l)
		}
	}
	return r
}

// parsePprofLine reads "flat flat% sum% cum cum% name".
func parsePprofLine(s string) (pprofLine, bool) {
	f := strings.Fields(s)
	if len(f) < 6 || !strings.HasSuffix(f[1], "%") || !strings.HasSuffix(f[4], "%") {
		return pprofLine{}, false
	}
	flat, err1 := strconv.ParseFloat(strings.TrimSuffix(f[1], "%"), 64)
	cum, err2 := strconv.ParseFloat(strings.TrimSuffix(f[4], "%"), 64)
	if err1 != nil || err2 != nil {
		return pprofLine{}, false
	}
	name := strings.TrimSuffix(strings.Join(f[5:], " "), " (inline)")
	return pprofLine{flat: flat, cum: cum, name: name}, true
}

// interesting keeps the lines that say where a submission's time goes:
// Formwork's own steps, validation and the store, not runtime plumbing.
func interesting(name string) bool {
	for _, p := range []string{"formworkhq/formwork/runtime/", "formworkhq/formwork/designer",
		"jsonschema/v6.(*Schema).Validate", "FerretDB/FerretDB/internal/handler.(*Handler).Msg",
		"modernc.org/sqlite.(*conn).exec", "mongo-driver/v2/x/mongo/driver.Operation.Execute"} {
		if strings.Contains(name, p) {
			return true
		}
	}
	return false
}
