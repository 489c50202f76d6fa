package engine_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/runtime/engine"
)

// simulator is the simulator of the tests: the directory and a calendar
// fake for the lead process's cn_workdays.
var simulator = engine.Simulator{Directory: directory,
	Calendars: engine.StaticCalendars{"cn_workdays": calendar.Default()}}

func leadDefinition(t testing.TB) engine.Definition {
	return engine.Definition{Key: "lead_response", Version: 1, Graph: leadProcess(t),
		RecordFields: []process.Field{{Name: "company", Type: expr.String}}}
}

func TestSimulateLeadResponse(t *testing.T) {
	cases := []struct {
		name   string
		events []engine.ScriptEvent
		want   []string
	}{
		{"nobody follows up", []engine.ScriptEvent{{Kind: engine.ScriptSubmit},
			{Kind: engine.ScriptAdvance, Duration: "1d"}}, []string{
			"01-06 10:00 first_follow_up task_created",
			"01-06 12:00 first_follow_up task_due",
			"01-06 12:00 first_follow_up timer_fired",
			"01-06 12:00 remind_owner escalate",
			"01-06 14:00 first_follow_up timer_fired",
			"01-06 14:00 copy_manager escalate",
			"01-07 10:00 first_follow_up timer_fired",
			"01-07 10:00 escalate escalate",
		}},
		{"followed up after 3 hours", []engine.ScriptEvent{{Kind: engine.ScriptSubmit},
			{Kind: engine.ScriptCompleteTask, After: "3h", Outcome: "reached",
				Data: map[string]any{"result": "met"}}}, []string{
			"01-06 10:00 first_follow_up task_created",
			"01-06 12:00 first_follow_up task_due",
			"01-06 12:00 first_follow_up timer_fired",
			"01-06 12:00 remind_owner escalate",
			"01-06 13:00 first_follow_up task_done",
			"01-06 13:00 notify_supervisor notify",
			"01-06 13:00  ended",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tl, err := simulator.Run(context.Background(), "t1", leadDefinition(t),
				engine.Script{Start: monday10, Owner: "u_owner",
					Record: map[string]any{"company": "Acme"}, Events: tc.events})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range tl.Entries {
				got = append(got, e.At.In(shanghai).Format("01-02 15:04")+" "+e.Node+" "+e.Kind)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("timeline (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSimulateSaysWhoIsCopied(t *testing.T) {
	tl, err := simulator.Run(context.Background(), "t1", leadDefinition(t),
		engine.Script{Start: monday10, Owner: "u_owner", Record: map[string]any{"company": "Acme"},
			Events: []engine.ScriptEvent{{Kind: engine.ScriptSubmit},
				{Kind: engine.ScriptAdvance, Duration: "4h"}}})
	if err != nil {
		t.Fatal(err)
	}
	var copied engine.TimelineEntry
	for _, e := range tl.Entries {
		if e.Node == "copy_manager" {
			copied = e
		}
	}
	want := process.Text{
		"en": "After 4h: message on wecom to Wang Lei, Li Na: Lead Acme is still waiting " +
			"after 4 hours; Wang Lei has not followed up.",
		"zh-CN": "4h后：通过 wecom 发送给Wang Lei、Li Na：线索 Acme 已等待 4 小时，Wang Lei 仍未跟进。",
	}
	if diff := cmp.Diff(want, copied.Detail); diff != "" {
		t.Errorf("copy_manager detail (-want +got):\n%s", diff)
	}
}

// FuzzSimulate runs random scripts: the simulator never panics and
// always returns.
func FuzzSimulate(f *testing.F) {
	f.Add([]byte{0, 3, 1, 2, 3, 4})
	f.Add([]byte{0, 1, 1, 3, 3, 2, 4, 0})
	f.Fuzz(func(t *testing.T, script []byte) {
		kinds := []engine.ScriptEventKind{engine.ScriptSubmit, engine.ScriptActivity,
			engine.ScriptCompleteTask, engine.ScriptAdvance, engine.ScriptChangeFields}
		durations := []string{"30m", "2h", "1d", "8h business", "3d", "bad"}
		var events []engine.ScriptEvent
		for i := 0; i+1 < len(script) && len(events) < 50; i += 2 {
			ev := engine.ScriptEvent{Kind: kinds[int(script[i])%len(kinds)],
				Duration: durations[int(script[i+1])%len(durations)],
				Outcome:  []string{"reached", "no_answer", ""}[int(script[i+1])%3],
				Fields:   map[string]any{"company": string(script[i:])}}
			if script[i+1]%2 == 0 {
				ev.After = ev.Duration
			}
			events = append(events, ev)
		}
		for _, g := range []process.Graph{leadProcess(t), graphOf(t, silence),
			graphOf(t, loop), graphOf(t, parallel), graphOf(t, until),
			graphOf(t, lossReview)} {
			def := engine.Definition{Key: "fuzz", Graph: g}
			_, _ = simulator.Run(context.Background(), "t1", def,
				engine.Script{Start: monday10, Events: events})
		}
	})
}
