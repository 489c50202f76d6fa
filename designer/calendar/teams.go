package calendar

import (
	"fmt"
	"slices"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// checkTeams checks the teams a calendar times: named, not too long, each
// once.
func (c *Calendar) checkTeams(col *problem.Collector) {
	if len(c.Teams) > MaxTeams {
		col.Add("/teams", "calendar.too_many", i18n.Params{"max": MaxTeams})
		return
	}
	for i, team := range c.Teams {
		p := fmt.Sprintf("/teams/%d", i)
		switch {
		case strings.TrimSpace(team) == "":
			col.Add(p, "required", nil)
		case len([]rune(team)) > MaxTeamLen:
			col.Add(p, "too_long", i18n.Params{"max": MaxTeamLen})
		case slices.Index(c.Teams, team) < i:
			col.Add(p, "duplicate", nil)
		}
	}
}

// CheckTeamsFree refuses the teams of c that another calendar already
// times; others maps each other calendar's key to its teams. The error
// names each such team (at /teams/<i>) and the calendar that has it, in
// every locale; nil when c's teams are free.
func (c *Calendar) CheckTeamsFree(others map[string][]string) error {
	keys := make([]string, 0, len(others))
	for k := range others {
		if k != c.Key {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)

	var col problem.Collector
	for i, team := range c.Teams {
		for _, k := range keys {
			if slices.Contains(others[k], team) {
				col.Add(fmt.Sprintf("/teams/%d", i), "calendar.team_taken",
					i18n.Params{"team": quoted(team), "calendar": quoted(k)})
				break
			}
		}
	}
	return localize(col.Err())
}
