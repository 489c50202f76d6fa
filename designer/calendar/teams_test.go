package calendar_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/calendar"
)

func TestCheckTeamsFree(t *testing.T) {
	c := calendar.Default()
	c.Key, c.Teams = "east_hours", []string{"east", "north", "west"}
	others := map[string][]string{"east_hours": {"east"}, "west_hours": {"west", "south"},
		"old_west": {"west"}}
	want := []finding{{"/teams/2", "calendar.team_taken"}}
	if diff := cmp.Diff(want, findings(t, c.CheckTeamsFree(others))); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if !c.Lists("north") || c.Lists("south") || c.Lists("") {
		t.Errorf("Lists answers wrongly for %v", c.Teams)
	}
	c.Teams = []string{"north"}
	if err := c.CheckTeamsFree(others); err != nil {
		t.Errorf("free teams refused: %v", err)
	}
}
