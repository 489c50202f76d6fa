package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLastLinesKeepsTheEnd(t *testing.T) {
	l := &lastLines{max: 3}
	for i := range 10 {
		// Lines split across writes, as a pipe delivers them.
		fmt.Fprintf(l, "line %d", i)
		l.Write([]byte("\n"))
	}
	l.Write([]byte("unfinished"))
	want := "line 7\nline 8\nline 9\nunfinished"
	if got := l.String(); got != want {
		t.Fatalf("lastLines = %q, want %q", got, want)
	}
}

func TestLastLinesShortOutput(t *testing.T) {
	l := &lastLines{max: 30}
	l.Write([]byte("a\nb\n"))
	if got := l.String(); got != "a\nb" {
		t.Fatalf("lastLines = %q", got)
	}
	if strings.Contains((&lastLines{max: 1}).String(), "\n") {
		t.Fatal("empty lastLines has a line break")
	}
}

func TestCrashersCountsTheTargetsInputs(t *testing.T) {
	dir := t.TempDir()
	ft := fuzzTarget{dir: dir, name: "FuzzX"}
	if n := crashers(ft); n != 0 {
		t.Fatalf("crashers of a target without testdata = %d", n)
	}
	corpus := filepath.Join(dir, "testdata", "fuzz", "FuzzX")
	if err := os.MkdirAll(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a1", "b2"} {
		if err := os.WriteFile(filepath.Join(corpus, name), []byte("go test fuzz v1\n"),
			0o644); err != nil {
			t.Fatal(err)
		}
	}
	if n := crashers(ft); n != 2 {
		t.Fatalf("crashers = %d, want 2", n)
	}
}
