package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/engine"
)

// teamTask is a 2 business hours follow-up for the owner, with a 3
// business hours reminder, counted in no named calendar.
const teamTask = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "call", "kind": "user_task", "config": {"assignee": {"rule": "owner"},
   "due": "2h business"}},
 {"id": "remind", "kind": "notify", "config": {"channel": "email",
   "recipients": [{"kind": "owner"}], "message": {"en": "late"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "call"},
 {"id": "e2", "from": "call", "to": "end"},
 {"id": "sla", "from": "call", "to": "remind", "kind": "boundary", "after": "3h business"},
 {"id": "e3", "from": "remind", "to": "end"}]}`

// eastHours is the east team's calendar: weekdays 14:00–20:00.
func eastHours(start string, teams ...string) *calendar.Calendar {
	c := calendar.Default()
	c.Key, c.Teams = "east_hours", teams
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday,
		time.Thursday, time.Friday} {
		c.WorkingHours.SetDay(d, []calendar.Interval{{Start: start, End: "20:00"}})
	}
	return c
}

// TestTeamCalendarsTimeEachRep starts the follow-up for a rep of team
// east, whose team works 14:00–20:00, and one of team west, on the
// default hours: on Monday at 10:00 the east rep's task is due at 16:00,
// the west rep's at 12:00. Changing the east hours, then taking east off
// the calendar, re-plans the east rep's deadlines only.
func TestTeamCalendarsTimeEachRep(t *testing.T) {
	ctx := context.Background()
	people := engine.MemDirectory{"u_west": {ID: "u_west", Team: "west",
		Roles: []auth.Role{auth.Rep}}}
	for id, p := range directory {
		people[id] = p
	}
	f := newFixtureWith(t, graphOf(t, teamTask), func(_ *fakeDefs, d *engine.Deps) {
		d.Directory = people
	})
	f.cals["east_hours"] = eastHours("14:00", "east")
	f.records.Records["r2"] = &engine.Record{ID: "r2", Form: "lead", OwnerID: "u_west"}
	west := f.created("ev2")
	west.RecordID = "r2"
	for _, ev := range []engine.RecordEvent{f.created("ev1"), west} {
		if err := f.svc.OnRecordEvent(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}

	check := func(when string, want map[string]string) {
		t.Helper()
		got := map[string]string{}
		for _, user := range []string{"u_owner", "u_west"} {
			page, err := f.svc.Inbox(ctx, f.as(user, auth.Rep), engine.Query{})
			if err != nil || len(page.Items) != 1 {
				t.Fatalf("%s: inbox of %s = %v, %v", when, user, page, err)
			}
			got[user] = page.Items[0].DueAt.In(shanghai).Format("Mon 15:04")
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: due (-want +got):\n%s", when, diff)
		}
	}
	check("at the start", map[string]string{"u_owner": "Mon 16:00", "u_west": "Mon 12:00"})
	checkSLAs(t, f, []string{"Mon 14:00", "Mon 17:00"})

	f.cals["east_hours"] = eastHours("15:00", "east")
	if n, err := f.svc.OnCalendarChanged(ctx, f.tenant, "east_hours"); err != nil || n != 1 {
		t.Fatalf("changing the east hours moved %d instances, %v; want 1", n, err)
	}
	check("east hours from 15:00", map[string]string{"u_owner": "Mon 17:00",
		"u_west": "Mon 12:00"})
	checkSLAs(t, f, []string{"Mon 14:00", "Mon 18:00"})

	f.cals["east_hours"] = eastHours("15:00")
	if n, err := f.svc.OnCalendarChanged(ctx, f.tenant, "east_hours"); err != nil || n != 1 {
		t.Fatalf("taking east off moved %d instances, %v; want 1", n, err)
	}
	check("east on the default hours", map[string]string{"u_owner": "Mon 12:00",
		"u_west": "Mon 12:00"})
	checkSLAs(t, f, []string{"Mon 14:00", "Mon 14:00"})
}

// checkSLAs compares the pending timers' due times, soonest first.
func checkSLAs(t *testing.T, f *fixture, want []string) {
	t.Helper()
	var got []string
	for _, tm := range f.timers.Due() {
		got = append(got, tm.Due.In(shanghai).Format("Mon 15:04"))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SLA timers (-want +got):\n%s", diff)
	}
}

// TestTeamCalendarOfANewOwner hands the record to a team's round robin
// and then waits 2 business hours in the "team" calendar: the wait counts
// in the calendar of the team the new owner is drawn from, before the
// shell has picked who.
func TestTeamCalendarOfANewOwner(t *testing.T) {
	const src = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "give", "kind": "assign_owner", "config": {"assignee": {"rule": "round_robin",
   "team": "TEAM"}}},
 {"id": "wait", "kind": "timer", "config": {"duration": "2h business", "calendar": "team"}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "give"},
 {"id": "e2", "from": "give", "to": "wait"},
 {"id": "e3", "from": "wait", "to": "end"}]}`
	plan := &engine.TeamPlan{Calendars: map[string]string{"east": "east_hours"},
		People: map[string]engine.Person{"u_owner": {ID: "u_owner", Team: "west"}}}
	cals := map[string]*calendar.Calendar{"east_hours": eastHours("14:00", "east")}
	for team, want := range map[string]string{"east": "Mon 16:00", "west": "Mon 12:00"} {
		r := newRunner(t, graphOf(t, strings.ReplaceAll(src, "TEAM", team)), nil)
		res := r.m.Advance(r.st, engine.Input{Now: monday10, Record: r.rec,
			Event: engine.Event{Kind: engine.EventStart}, Calendars: cals, Teams: plan})
		got := kinds(res.Effects)
		if diff := cmp.Diff([]string{"assign_owner:give", "schedule_timer:wait@" + want},
			got); diff != "" {
			t.Errorf("round robin of %s (-want +got):\n%s", team, diff)
		}
	}
}

// TestPublishedTeamCalendars reads the team calendars from the published
// calendar definitions: the east rep's follow-up is due at 16:00.
func TestPublishedTeamCalendars(t *testing.T) {
	ctx := context.Background()
	f := newFixtureWith(t, graphOf(t, teamTask), func(defs *fakeDefs, d *engine.Deps) {
		defs.add(designer.KindCalendar, "east_hours",
			map[string]any{"calendar": eastHours("14:00", "east")})
		d.Calendars = nil // the published definitions
	})
	if err := f.svc.OnRecordEvent(ctx, f.created("ev1")); err != nil {
		t.Fatal(err)
	}
	page, err := f.svc.Inbox(ctx, f.as("u_owner", auth.Rep), engine.Query{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("inbox = %v, %v", page, err)
	}
	if got := page.Items[0].DueAt.In(shanghai).Format("Mon 15:04"); got != "Mon 16:00" {
		t.Errorf("the east rep's follow-up is due %s, want Mon 16:00", got)
	}
}
