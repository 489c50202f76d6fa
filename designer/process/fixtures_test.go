package process_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
)

var fixtures = []string{"lead_response", "silence_breaker"}

func readFixture(t *testing.T, name string) (process.Process, []byte) {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name + ".json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := process.DecodeProcess(raw)
	if err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
	return p, raw
}

// TestFixtures decodes each fixture, lints it clean and writes it back
// byte for byte.
func TestFixtures(t *testing.T) {
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			p, raw := readFixture(t, name)
			if got := process.Lint(p.Graph, testContext()); len(got) > 0 {
				t.Errorf("Lint(%s) = %v, want no findings", name, summary(got))
			}

			again, err := json.MarshalIndent(p, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(raw), string(again)+"\n"); diff != "" {
				t.Errorf("round trip of %s (-file +encoded):\n%s", name, diff)
			}
		})
	}
}

// TestFixtureMeaning spells out what the lead-response fixture tells the
// engine.
func TestFixtureMeaning(t *testing.T) {
	p, _ := readFixture(t, "lead_response")
	task, ok := process.ConfigAs[*process.UserTaskConfig](p.Graph.Nodes[1])
	if !ok {
		t.Fatalf("node 1 is %T, want a user task", p.Graph.Nodes[1].Config)
	}
	due, err := process.ParseDuration(task.Due)
	if err != nil || due.String() != "2h" {
		t.Errorf("due = %v (%v), want 2h", due, err)
	}

	var deadlines []string
	for _, e := range p.Graph.Edges {
		if e.IsBoundary() {
			d, err := process.ParseDuration(e.After)
			if err != nil {
				t.Fatal(err)
			}
			deadlines = append(deadlines, e.To+" after "+d.String())
		}
	}
	want := []string{"remind_owner after 2h", "copy_manager after 4h",
		"escalate after 8h business"}
	if diff := cmp.Diff(want, deadlines); diff != "" {
		t.Errorf("deadlines (-want +got):\n%s", diff)
	}

	var waiting []string
	for _, n := range p.Graph.Nodes {
		if n.Waits() {
			waiting = append(waiting, n.ID)
		}
	}
	if diff := cmp.Diff([]string{"first_follow_up"}, waiting); diff != "" {
		t.Errorf("waiting nodes (-want +got):\n%s", diff)
	}
}

// TestDiffGolden writes the changes between the lead-response fixture and
// its second version, in both locales, to a golden file.
func TestDiffGolden(t *testing.T) {
	v1, _ := readFixture(t, "lead_response")
	v2, _ := readFixture(t, "lead_response_v2")
	if got := process.Lint(v2.Graph, testContext()); len(got) > 0 {
		t.Errorf("Lint(v2) = %v, want no findings", summary(got))
	}

	var b strings.Builder
	for _, c := range process.Diff(v1.Graph, v2.Graph) {
		mark := ""
		if c.Breaking {
			mark = " BREAKING"
		}
		b.WriteString("## " + c.Code + " " + c.Node + c.Edge + mark + "\n")
		for _, l := range i18n.Locales {
			b.WriteString(string(l) + ": " + c.Message(l) + "\n")
		}
	}
	compareFile(t, "testdata/lead_response.diff.golden", b.String())
}

func compareFile(t *testing.T, path, got string) {
	t.Helper()
	if process.Update() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s (run with -update to create it): %v", path, err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s is out of date (-want +got), run with -update:\n%s", path, diff)
	}
}
