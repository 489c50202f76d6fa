package mongo

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestMinLevelLoggerKeepsDerivedAttrs checks that the level filter drops
// records below its level and that the attributes and groups added before
// a record that passes, deferred until then, are all in it, in order.
func TestMinLevelLoggerKeepsDerivedAttrs(t *testing.T) {
	var buf bytes.Buffer
	base := slog.New(slog.NewTextHandler(&buf, nil))
	log := minLevelLogger(base, slog.LevelError).With("sql", "SELECT 1").
		WithGroup("q").With("args", 2)
	sibling := log.With("other", true)

	log.Info("dropped")
	log.Error("kept", "n", 3)
	got := buf.String()
	if strings.Contains(got, "dropped") {
		t.Errorf("a record below the level was written: %q", got)
	}
	want := `msg=kept sql="SELECT 1" q.args=2 q.n=3`
	if !strings.Contains(got, want) {
		t.Errorf("log = %q, want it to contain %q", got, want)
	}
	if strings.Contains(got, "other") {
		t.Errorf("an attribute of a sibling logger leaked: %q", got)
	}

	buf.Reset()
	sibling.Error("again")
	if want := "q.other=true"; !strings.Contains(buf.String(), want) {
		t.Errorf("sibling log = %q, want it to contain %q", buf.String(), want)
	}
}
