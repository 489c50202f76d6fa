package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/runtime/engine"
)

// untilOffset is a timer until the delivery date moved by offset, then a
// reminder.
func untilOffset(offset string) string {
	return `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "wait", "kind": "timer", "config": {"until": "delivery_at", "offset": "` + offset + `"}},
 {"id": "remind", "kind": "notify", "config": {"channel": "in_app",
  "recipients": [{"kind": "owner"}], "message": {"en": "due soon", "zh-CN": "即将到期"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "wait"},
 {"id": "e2", "from": "wait", "to": "remind"},
 {"id": "e3", "from": "remind", "to": "end"}]}`
}

func TestTimerUntilWithOffset(t *testing.T) {
	cases := []struct {
		name, offset, delivery, want string
	}{
		{"a day before", "-1d", "2025-01-08T10:00:00+08:00", "schedule_timer:wait@Tue 10:00"},
		{"two hours after", "+2h", "2025-01-08T10:00:00+08:00", "schedule_timer:wait@Wed 12:00"},
		{"four working hours before", "-4h business", "2025-01-08T10:00:00+08:00",
			"schedule_timer:wait@Tue 15:00"},
		{"a working day before, over the weekend", "-1d business",
			"2025-01-13T10:00:00+08:00", "schedule_timer:wait@Fri 10:00"},
		{"a working hour after, over lunch", "+1h business", "2025-01-08T11:30:00+08:00",
			"schedule_timer:wait@Wed 13:30"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRunner(t, graphOf(t, untilOffset(tc.offset)),
				map[string]any{"delivery_at": tc.delivery})
			got := kinds(r.do(monday10, engine.Event{Kind: engine.EventStart}).Effects)
			if diff := cmp.Diff([]string{tc.want}, got); diff != "" {
				t.Errorf("start (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTimerOffsetReplansWhenTheDateMoves(t *testing.T) {
	r := newRunner(t, graphOf(t, untilOffset("-1d")),
		map[string]any{"delivery_at": "2025-01-08T10:00:00+08:00"})
	r.do(monday10, engine.Event{Kind: engine.EventStart})

	r.rec.Data["delivery_at"] = "2025-01-10T16:00:00+08:00"
	res := r.do(monday10, engine.Event{Kind: engine.EventRecordChanged,
		Fields: []string{"delivery_at"}})
	want := []string{"cancel_timer:wait", "schedule_timer:wait@Thu 16:00"}
	if diff := cmp.Diff(want, kinds(res.Effects)); diff != "" {
		t.Errorf("moved later (-want +got):\n%s", diff)
	}

	r.rec.Data["delivery_at"] = "2025-01-06T20:00:00+08:00"
	res = r.do(monday10, engine.Event{Kind: engine.EventRecordChanged,
		Fields: []string{"delivery_at"}})
	want = []string{"cancel_timer:wait", "message:remind/notify", "end:/completed"}
	if diff := cmp.Diff(want, kinds(res.Effects)); diff != "" {
		t.Errorf("moved to within a day (-want +got):\n%s", diff)
	}
}

func TestTimerOffsetAlreadyPassedGoesOn(t *testing.T) {
	r := newRunner(t, graphOf(t, untilOffset("-1d")),
		map[string]any{"delivery_at": "2025-01-06T18:00:00+08:00"})
	got := kinds(r.do(monday10, engine.Event{Kind: engine.EventStart}).Effects)
	if diff := cmp.Diff([]string{"message:remind/notify", "end:/completed"}, got); diff != "" {
		t.Errorf("start (-want +got):\n%s", diff)
	}
}

func TestSimulateTimerOffset(t *testing.T) {
	def := engine.Definition{Key: "due", Version: 1, Graph: graphOf(t, untilOffset("-1d")),
		RecordFields: []process.Field{{Name: "delivery_at", Type: expr.Timestamp}}}
	tl, err := simulator.Run(context.Background(), "t1", def, engine.Script{Start: monday10,
		Owner: "u_owner", Record: map[string]any{"delivery_at": "2025-01-09T15:00:00+08:00"},
		Events: []engine.ScriptEvent{{Kind: engine.ScriptSubmit},
			{Kind: engine.ScriptChangeFields, After: "1h",
				Fields: map[string]any{"delivery_at": "2025-01-10T15:00:00+08:00"}},
			{Kind: engine.ScriptAdvance, Duration: "5d"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range tl.Entries {
		got = append(got, e.At.In(shanghai).Format("01-02 15:04")+" "+e.Node+" "+e.Kind)
	}
	want := []string{"01-06 10:00 wait timer_scheduled", "01-06 11:00 wait timer_scheduled",
		"01-09 15:00 wait timer_fired", "01-09 15:00 remind notify", "01-09 15:00  ended"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("timeline (-want +got):\n%s", diff)
	}
}

// TestCalendarChangeMovesBusinessOffset publishes a holiday on the
// working day before the delivery: "-1d business" moves a working day
// earlier, a wall-time offset stays where it was.
func TestCalendarChangeMovesBusinessOffset(t *testing.T) {
	cases := []struct {
		offset string
		want   []string
	}{
		{"-1d business", []string{"cancel_timer:wait", "schedule_timer:wait@Mon 10:00"}},
		{"-1d", nil},
	}
	for _, tc := range cases {
		t.Run(tc.offset, func(t *testing.T) {
			g := graphOf(t, strings.Replace(untilOffset(tc.offset), `"offset"`,
				`"calendar": "cn_workdays", "offset"`, 1))
			r := newRunner(t, g, map[string]any{"delivery_at": "2025-01-08T10:00:00+08:00"})
			cals := map[string]*calendar.Calendar{"cn_workdays": calendar.Default()}
			start := r.m.Advance(r.st, engine.Input{Now: monday10, Record: r.rec,
				Event: engine.Event{Kind: engine.EventStart}, Calendars: cals})
			r.st = start.State
			if diff := cmp.Diff([]string{"schedule_timer:wait@Tue 10:00"},
				kinds(start.Effects)); diff != "" {
				t.Fatalf("start (-want +got):\n%s", diff)
			}

			holiday := calendar.Default()
			holiday.Holidays = []string{"2025-01-07"}
			cals["cn_workdays"] = holiday
			res := r.m.Advance(r.st, engine.Input{Now: monday10, Record: r.rec, Calendars: cals,
				Event: engine.Event{Kind: engine.EventCalendarChanged, Calendar: "cn_workdays"}})
			if diff := cmp.Diff(tc.want, kinds(res.Effects)); diff != "" {
				t.Errorf("after the holiday (-want +got):\n%s", diff)
			}
		})
	}
}
