package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

// logCount is how often Formwork logged one message at warn or error.
type logCount struct {
	level, msg, example string
	n                   int
}

// serverLogCounts reads a Formwork JSON log and counts its warnings and
// errors by message: a run whose figures look wrong usually says why there.
func serverLogCounts(path string) ([]logCount, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the server log: %w", err)
	}
	defer f.Close()
	byMsg := map[string]*logCount{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var line struct {
			Level string `json:"level"`
			Msg   string `json:"msg"`
			Err   string `json:"err"`
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil || line.Level == "INFO" ||
			line.Level == "DEBUG" || line.Level == "" {
			continue
		}
		key := line.Level + " " + line.Msg
		c := byMsg[key]
		if c == nil {
			c = &logCount{level: line.Level, msg: line.Msg, example: line.Err}
			byMsg[key] = c
		}
		c.n++
	}
	out := make([]logCount, 0, len(byMsg))
	for _, c := range byMsg {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b logCount) int { return b.n - a.n })
	return out, sc.Err()
}

// logSummary is a short Markdown list of the counts.
func logSummary(counts []logCount) string {
	if len(counts) == 0 {
		return "Formwork logged no warnings or errors during the run.\n"
	}
	var b strings.Builder
	b.WriteString("Formwork's own log during the run (warnings and errors by message):\n\n")
	for _, c := range counts[:min(len(counts), 8)] {
		ex := c.example
		if len(ex) > 160 {
			ex = ex[:160] + "…"
		}
		fmt.Fprintf(&b, "- %s × %s `%s`", group(int64(c.n)), c.level, c.msg)
		if ex != "" {
			fmt.Fprintf(&b, " (e.g. `%s`)", strings.ReplaceAll(ex, "`", "'"))
		}
		b.WriteString("\n")
	}
	return b.String()
}
