package engine_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/runtime/engine"
)

func TestStartUserTaskWithBoundaries(t *testing.T) {
	cases := []struct {
		name  string
		start time.Time
		want  []string
	}{
		{"weekday", monday10, []string{
			"create_task:first_follow_up",
			"schedule_timer:first_follow_up@Mon 12:00",
			"schedule_timer:first_follow_up@Mon 14:00",
			"schedule_timer:first_follow_up@Tue 10:00",
		}},
		{"business hours cross the weekend", at(2025, 1, 10, 16, 0), []string{
			"create_task:first_follow_up",
			"schedule_timer:first_follow_up@Fri 18:00",
			"schedule_timer:first_follow_up@Fri 20:00",
			"schedule_timer:first_follow_up@Mon 16:00",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRunner(t, leadProcess(t), map[string]any{"company": "Acme"})
			res := r.do(tc.start, engine.Event{Kind: engine.EventStart})
			if diff := cmp.Diff(tc.want, kinds(res.Effects)); diff != "" {
				t.Errorf("effects (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBoundarySLAPath(t *testing.T) {
	r := newRunner(t, leadProcess(t), map[string]any{"company": "Acme"})
	start := r.do(monday10, engine.Event{Kind: engine.EventStart})
	var timers []string
	for _, e := range start.Effects {
		if e.Timer != nil {
			timers = append(timers, e.Timer.ID)
		}
	}

	cases := []struct {
		name  string
		now   time.Time
		timer string
		want  []string
	}{
		{"2h reminds the owner", at(2025, 1, 6, 12, 0), timers[0],
			[]string{"message:remind_owner/notify"}},
		{"4h copies the manager", at(2025, 1, 6, 14, 0), timers[1],
			[]string{"message:copy_manager/notify"}},
		{"the same timer again is stale", at(2025, 1, 6, 14, 1), timers[1], nil},
		{"8h business escalates", at(2025, 1, 7, 10, 0), timers[2],
			[]string{"message:escalate/notify"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := r.do(tc.now, engine.Event{Kind: engine.EventTimerFired, TimerID: tc.timer})
			if diff := cmp.Diff(tc.want, kinds(res.Effects)); diff != "" {
				t.Errorf("effects (-want +got):\n%s", diff)
			}
			if r.st.Status != engine.StatusRunning {
				t.Errorf("status = %s, want running: the task stays open", r.st.Status)
			}
		})
	}

	done := r.do(at(2025, 1, 7, 11, 0), engine.Event{Kind: engine.EventTaskCompleted,
		TaskID: taskID(t, start.Effects, "first_follow_up"), Outcome: "reached",
		Data: map[string]any{"result": "met"}})
	want := []string{"message:notify_supervisor/notify", "end:/completed"}
	if diff := cmp.Diff(want, kinds(done.Effects)); diff != "" {
		t.Errorf("completion effects (-want +got):\n%s", diff)
	}
	if got := done.Effects[0].Message.Text["en"]; got !=
		"{{task.assignee_name}} followed up Acme: met. Next: {{task.next_action}}" {
		t.Errorf("rendered text = %q", got)
	}
}

const interrupting = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "call", "kind": "user_task", "config": {"assignee": {"rule": "owner"}}},
 {"id": "late", "kind": "notify", "config": {"channel": "email",
   "recipients": [{"kind": "owner_manager"}], "message": {"en": "late"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "call"},
 {"id": "e2", "from": "call", "to": "end"},
 {"id": "sla", "from": "call", "to": "late", "kind": "boundary", "after": "1h",
  "interrupting": true},
 {"id": "e3", "from": "late", "to": "end"}]}`

func TestInterruptingBoundaryCancelsTask(t *testing.T) {
	r := newRunner(t, graphOf(t, interrupting), nil)
	start := r.do(monday10, engine.Event{Kind: engine.EventStart})
	res := r.do(monday10.Add(time.Hour), engine.Event{Kind: engine.EventTimerFired,
		TimerID: timerID(t, start.Effects, "call")})

	want := []string{"cancel_task:call", "message:late/notify", "end:/completed"}
	if diff := cmp.Diff(want, kinds(res.Effects)); diff != "" {
		t.Errorf("effects (-want +got):\n%s", diff)
	}
	late := r.do(monday10.Add(2*time.Hour), engine.Event{Kind: engine.EventTaskCompleted,
		TaskID: taskID(t, start.Effects, "call")})
	if late.Changed {
		t.Error("completing the cancelled task changed the instance")
	}
}

const gateway = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "size", "kind": "exclusive_gateway"},
 {"id": "big", "kind": "move_stage", "config": {"stage": "key_account"}},
 {"id": "small", "kind": "set_fields", "config": {"assignments": {"tier": "'small'"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "size"},
 {"id": "e2", "from": "size", "to": "big", "condition": "record.amount > 1000.0"},
 {"id": "e3", "from": "size", "to": "small", "default": true},
 {"id": "e4", "from": "big", "to": "end"},
 {"id": "e5", "from": "small", "to": "end"}]}`

func TestExclusiveGateway(t *testing.T) {
	cases := []struct {
		name string
		data map[string]any
		want []string
	}{
		{"condition holds", map[string]any{"amount": 5000.0},
			[]string{"set_fields:big", "end:/completed"}},
		{"default edge", map[string]any{"amount": 10.0},
			[]string{"set_fields:small", "end:/completed"}},
		{"field missing takes the default", nil,
			[]string{"set_fields:small", "end:/completed"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRunner(t, graphOf(t, gateway), tc.data)
			res := r.do(monday10, engine.Event{Kind: engine.EventStart})
			if diff := cmp.Diff(tc.want, kinds(res.Effects)); diff != "" {
				t.Errorf("effects (-want +got):\n%s", diff)
			}
		})
	}
}

const parallel = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "split", "kind": "parallel_split"},
 {"id": "legal", "kind": "user_task", "config": {"assignee": {"rule": "user", "user": "u_legal"}}},
 {"id": "finance", "kind": "user_task", "config": {"assignee": {"rule": "user", "user": "u_fin"}}},
 {"id": "join", "kind": "parallel_join"},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "split"},
 {"id": "e2", "from": "split", "to": "legal"},
 {"id": "e3", "from": "split", "to": "finance"},
 {"id": "e4", "from": "legal", "to": "join"},
 {"id": "e5", "from": "finance", "to": "join"},
 {"id": "e6", "from": "join", "to": "end"}]}`

func TestParallelSplitJoin(t *testing.T) {
	r := newRunner(t, graphOf(t, parallel), nil)
	start := r.do(monday10, engine.Event{Kind: engine.EventStart})
	if diff := cmp.Diff([]string{"create_task:legal", "create_task:finance"},
		kinds(start.Effects)); diff != "" {
		t.Fatalf("start effects (-want +got):\n%s", diff)
	}

	first := r.do(monday10, engine.Event{Kind: engine.EventTaskCompleted,
		TaskID: taskID(t, start.Effects, "legal")})
	if len(first.Effects) != 0 || r.st.Status != engine.StatusRunning {
		t.Errorf("after one branch: effects %v, status %s", kinds(first.Effects), r.st.Status)
	}
	second := r.do(monday10, engine.Event{Kind: engine.EventTaskCompleted,
		TaskID: taskID(t, start.Effects, "finance")})
	if diff := cmp.Diff([]string{"end:/completed"}, kinds(second.Effects)); diff != "" {
		t.Errorf("after both branches (-want +got):\n%s", diff)
	}
}

const silence = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "quiet", "kind": "silence_watch", "config": {"duration": "48h"}},
 {"id": "tell", "kind": "notify", "config": {"channel": "email",
   "recipients": [{"kind": "owner"}], "message": {"en": "silent"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "quiet"},
 {"id": "e2", "from": "quiet", "to": "tell"},
 {"id": "e3", "from": "tell", "to": "end"}]}`

func TestSilenceWatch(t *testing.T) {
	r := newRunner(t, graphOf(t, silence), nil)
	start := r.do(monday10, engine.Event{Kind: engine.EventStart})
	first := timerID(t, start.Effects, "quiet")

	r.rec.LastActivityAt = monday10.Add(10 * time.Hour)
	res := r.do(monday10.Add(48*time.Hour), engine.Event{Kind: engine.EventTimerFired,
		TimerID: first})
	if diff := cmp.Diff([]string{"schedule_timer:quiet@Wed 20:00"},
		kinds(res.Effects)); diff != "" {
		t.Fatalf("activity reschedules (-want +got):\n%s", diff)
	}

	res = r.do(monday10.Add(58*time.Hour), engine.Event{Kind: engine.EventTimerFired,
		TimerID: res.Effects[0].Timer.ID})
	if diff := cmp.Diff([]string{"message:tell/notify", "end:/completed"},
		kinds(res.Effects)); diff != "" {
		t.Errorf("silence fires (-want +got):\n%s", diff)
	}

	stale := r.do(monday10.Add(60*time.Hour), engine.Event{Kind: engine.EventTimerFired,
		TimerID: first})
	if stale.Changed {
		t.Error("a stale timer changed a completed instance")
	}
}

const until = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "wait", "kind": "timer", "config": {"until": "delivery_date"}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "wait"},
 {"id": "e2", "from": "wait", "to": "end"}]}`

func TestTimerUntilFieldReplans(t *testing.T) {
	r := newRunner(t, graphOf(t, until), map[string]any{"delivery_date": "2025-01-08"})
	start := r.do(monday10, engine.Event{Kind: engine.EventStart})
	if diff := cmp.Diff([]string{"schedule_timer:wait@Wed 00:00"},
		kinds(start.Effects)); diff != "" {
		t.Fatalf("start (-want +got):\n%s", diff)
	}

	r.rec.Data["delivery_date"] = "2025-01-10"
	res := r.do(monday10, engine.Event{Kind: engine.EventRecordChanged,
		Fields: []string{"delivery_date"}})
	want := []string{"cancel_timer:wait", "schedule_timer:wait@Fri 00:00"}
	if diff := cmp.Diff(want, kinds(res.Effects)); diff != "" {
		t.Errorf("re-plan (-want +got):\n%s", diff)
	}
	if r.st.Waiting(start.Effects[0].Timer.ID) {
		t.Error("the old timer is still awaited")
	}
}

const loop = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "manual"}},
 {"id": "again", "kind": "exclusive_gateway"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "again"},
 {"id": "e2", "from": "again", "to": "again", "default": true}]}`

func TestLoopGuardFailsInstance(t *testing.T) {
	r := newRunner(t, graphOf(t, loop), nil)
	res := r.do(monday10, engine.Event{Kind: engine.EventStart})
	if r.st.Status != engine.StatusFailed {
		t.Fatalf("status = %s, want failed", r.st.Status)
	}
	if diff := cmp.Diff([]string{"end:/failed"}, kinds(res.Effects)); diff != "" {
		t.Errorf("effects (-want +got):\n%s", diff)
	}
}

func TestTaskTitlesFillRecordFields(t *testing.T) {
	g := graphOf(t, `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "call", "kind": "user_task", "name": {"en": "Call {{record.company}}",
   "zh-CN": "致电{{record.company}}"}, "config": {"assignee": {"rule": "owner"}}},
 {"id": "end", "kind": "end"}],
 "edges": [{"id": "e1", "from": "start", "to": "call"},
  {"id": "e2", "from": "call", "to": "end"}]}`)
	r := newRunner(t, g, map[string]any{"company": "Acme Tea"})
	res := r.do(monday10, engine.Event{Kind: engine.EventStart})
	for _, e := range res.Effects {
		if e.Kind == engine.EffectCreateTask {
			if e.Task.Title["en"] != "Call Acme Tea" || e.Task.Title["zh-CN"] != "致电Acme Tea" {
				t.Fatalf("task title = %v", e.Task.Title)
			}
			return
		}
	}
	t.Fatal("no task created")
}
