package process_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

func TestFindingsErr(t *testing.T) {
	g := with(base(), nil, boundary("sla", "start", "done", "two hours"))
	config[*process.UserTaskConfig](g, 1).Assignee.Team = "east_sales" // a warning
	g.Nodes[0].Name = bilingual("Lead created", "新线索")
	g.Nodes[2].Name = process.Text{i18n.English: "Done"}
	found := process.Lint(g, testContext())
	err := found.Err()
	if err == nil {
		t.Fatal("Err() = nil, want the errors")
	}
	if err.Kind != problem.Invalid || err.Code != "process.invalid" {
		t.Errorf("Err() kind %v code %q", err.Kind, err.Code)
	}

	type field struct{ Pointer, Node, Edge, Code, En, Zh string }
	var got []field
	for _, f := range err.Fields {
		got = append(got, field{f.Pointer, f.Node, f.Edge, f.Code,
			f.Message(i18n.English), f.Message(i18n.Chinese)})
	}
	want := []field{
		{"/edges/2/after", "", "sla", "invalid_duration",
			"“Lead created → Done”: “two hours” is not a duration. Write it like " +
				"90m, 2h, 3d or 1d 4h, adding “business” to count working time only.",
			"“新线索 → Done”：“two hours”不是有效的时长，请写成 90m、2h、3d 或 1d 4h " +
				"这样的形式；如只计算工作时间，请在后面加上“business”。"},
		{"/edges/2/from", "", "sla", "boundary_not_from_user_task",
			"The connection “Lead created → Done” is a deadline, but only user " +
				"tasks can have deadlines.",
			"连线“新线索 → Done”是时限连线，但只有人工任务才能设置时限。"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Err() fields (-want +got):\n%s", diff)
	}
	if detail := i18n.T(i18n.Chinese, err.Code, err.Params); detail !=
		"流程中有 2 处问题需要修正后才能运行，详见 errors。" {
		t.Errorf("detail = %q", detail)
	}
}

func TestFindingsOrder(t *testing.T) {
	var nodes []process.Node
	for i := range 12 {
		nodes = append(nodes, node("n"+string(rune('a'+i)), end()))
	}
	g := with(base(), nodes)
	got := summary(process.Lint(g, testContext()))
	want := []string{}
	for i := 3; i < 15; i++ {
		want = append(want, "unreachable_node /nodes/"+itoa(i))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}
