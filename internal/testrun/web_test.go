package main

import (
	"fmt"
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
