package process_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/process"
)

func TestReferences(t *testing.T) {
	lead, _ := readFixture(t, "lead_response")
	silence, _ := readFixture(t, "silence_breaker")
	g := lead.Graph
	g.Nodes = append(g.Nodes, silence.Graph.Nodes...)
	g.Nodes = append(g.Nodes, node("push", &process.CallActionConfig{Plugin: "kingdee"}),
		node("pts", &process.AwardPointsConfig{Ledger: "process_points", User: "u_wang"}))

	want := map[process.RefKind][]string{
		process.RefForm:     {"follow_up", "lead", "warning_ticket"},
		process.RefCalendar: {"cn_workdays"},
		process.RefChannel:  {"wecom"},
		process.RefProcess:  {"supervisor_intervention"},
		process.RefPlugin:   {"kingdee"},
		process.RefLedger:   {"process_points"},
		process.RefUser:     {"u_wang"},
	}
	if diff := cmp.Diff(want, process.References(g)); diff != "" {
		t.Errorf("References (-want +got):\n%s", diff)
	}
}
