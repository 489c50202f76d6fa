package designer_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// teamCalendar is a calendar definition's content timing teams.
func teamCalendar(t *testing.T, teams ...string) json.RawMessage {
	return raw(t, map[string]any{"calendar": map[string]any{"time_zone": "Asia/Shanghai",
		"working_hours": map[string]any{
			"monday": []any{map[string]string{"start": "14:00", "end": "20:00"}}},
		"teams": teams}})
}

// TestTeamInTwoCalendarsIsRefused publishes a calendar for team east,
// then refuses to publish another that also lists east, with a message
// naming the calendar that has it in each language; once east leaves the
// first calendar, the second publishes.
func TestTeamInTwoCalendarsIsRefused(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	create := func(key string, teams ...string) *designer.Definition {
		meta := designer.Meta{Key: key, Name: designer.Text{"en": key}}
		d, _, err := f.svc.Create(ctx, f.implementer, designer.KindCalendar, meta,
			teamCalendar(t, teams...))
		if err != nil {
			t.Fatalf("creating %s: %v", key, err)
		}
		return d
	}
	east := create("east_hours", "east")
	if _, err := f.svc.Publish(ctx, f.implementer, designer.KindCalendar, east.ID); err != nil {
		t.Fatal(err)
	}

	_, _, err := f.svc.Create(ctx, f.implementer, designer.KindCalendar,
		designer.Meta{Key: "sales_hours", Name: designer.Text{"en": "Sales"}},
		teamCalendar(t, "west", "east"))
	pe, ok := problem.As(err)
	if !ok || len(pe.Fields) != 1 || pe.Fields[0].Pointer != "/calendar/teams/1" {
		t.Fatalf("a second calendar for east = %v; want one error at /calendar/teams/1", err)
	}
	for l, want := range map[i18n.Locale]string{i18n.English: `"east_hours"`,
		i18n.Chinese: "“east_hours”"} {
		if msg := pe.Fields[0].Message(l); !strings.Contains(msg, want) {
			t.Errorf("%s message %q does not name the calendar", l, msg)
		}
	}

	var content map[string]json.RawMessage
	if err := json.Unmarshal(teamCalendar(t), &content); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.Update(ctx, f.implementer, designer.KindCalendar, east.ID, 0,
		designer.Patch{Content: content}); err != nil {
		t.Fatal(err)
	}
	pub, err := f.svc.Publish(ctx, f.implementer, designer.KindCalendar, east.ID)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, c := range pub.Version.Changes {
		codes = append(codes, c.Code)
	}
	if diff := cmp.Diff([]string{"calendar_team_removed"}, codes); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	sales := create("sales_hours", "west", "east")
	if _, err := f.svc.Publish(ctx, f.implementer, designer.KindCalendar, sales.ID); err != nil {
		t.Errorf("publishing east's new calendar: %v", err)
	}
}

// TestTeamIsAReservedCalendarKey refuses a calendar keyed "team", the
// key steps name to count in their person's team calendar.
func TestTeamIsAReservedCalendarKey(t *testing.T) {
	f := newFixture(t)
	_, _, err := f.svc.Create(context.Background(), f.implementer, designer.KindCalendar,
		designer.Meta{Key: "team", Name: designer.Text{"en": "Team"}}, teamCalendar(t))
	pe, ok := problem.As(err)
	if !ok || len(pe.Fields) != 1 || pe.Fields[0].Pointer != "/key" ||
		!strings.Contains(pe.Fields[0].Message(i18n.Chinese), "保留") {
		t.Fatalf("a calendar keyed team = %v; want a reserved-key error", err)
	}
}
