package engine

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
)

// Per-team calendars.
//
// A published calendar may list teams (calendar.Calendar.Teams). A user
// task, timer or silence watch whose calendar is left empty, or set to
// calendar.TeamKey, counts its business-time deadlines in the calendar
// that lists its person's team — a task's assignee, a timer's or watch's
// record owner — and in the tenant default when no calendar lists that
// team. A step that names a calendar keeps it.
//
// The core never reads the directory, so the shell hands it a TeamPlan:
// the teams' calendars and the people a step may count for (the record's
// owner, the owner's manager, the users steps name). The core picks the
// person from the step's assignee rule: round-robin and least-loaded
// rules over a team count in that team's calendar, whoever they pick; a
// role rule, or an owner an assign-owner step of the same move picks by
// role, leaves the person unknown and counts in the default. A task handed
// on later keeps its deadlines.
//
// The wait remembers the team and the calendar it counted in (Wait.Team,
// Wait.Calendar), so a silence watch re-checks in the same calendar, and a
// published change re-plans exactly the waits it concerns: those counted
// in the changed calendar, and those whose team now has another calendar
// (a team added to or taken off a calendar).

// TeamPlan is what the core needs to count a step in its person's team
// calendar.
type TeamPlan struct {
	// Calendars maps a team to the key of the calendar that lists it.
	Calendars map[string]string
	// People are the people a step may count for, by id.
	People map[string]Person
}

// TeamCalendars is implemented by the Calendars that know which calendar
// lists each team; without it no step counts in a team calendar.
type TeamCalendars interface {
	// TeamCalendars maps each team a published calendar lists to that
	// calendar's key.
	TeamCalendars(ctx context.Context, tenantID string) (map[string]string, error)
}

var (
	_ TeamCalendars = DesignerCalendars{}
	_ TeamCalendars = StaticCalendars{}
)

// TeamCalendars implements TeamCalendars over the published calendars;
// should two list a team (publishing refuses it), the older one wins.
func (d DesignerCalendars) TeamCalendars(ctx context.Context, tenantID string) (
	map[string]string, error) {
	vs, err := d.Definitions.PublishedAll(ctx, system(tenantID), designer.KindCalendar)
	if err != nil {
		return nil, fmt.Errorf("listing calendars: %w", err)
	}

	out := map[string]string{}
	for i := range vs {
		c, err := designer.CalendarOf(&vs[i])
		if err != nil {
			return nil, err
		}
		listTeams(out, c, vs[i].Key)
	}
	return out, nil
}

// TeamCalendars implements TeamCalendars; keys are taken in order.
func (s StaticCalendars) TeamCalendars(context.Context, string) (map[string]string, error) {
	out := map[string]string{}
	for _, key := range slices.Sorted(maps.Keys(s)) {
		listTeams(out, s[key], key)
	}
	return out, nil
}

// listTeams maps the teams of c not mapped yet to key.
func listTeams(out map[string]string, c *calendar.Calendar, key string) {
	for _, t := range c.Teams {
		if _, taken := out[t]; !taken {
			out[t] = key
		}
	}
}

// teamResolved reports whether a step naming calendar key counts in its
// person's team calendar.
func teamResolved(key string) bool { return key == "" || key == calendar.TeamKey }

// waitCalendar is the key of the calendar the deadlines of w count in,
// for a step naming key.
func waitCalendar(w *Wait, key string) string {
	if teamResolved(key) {
		return w.Calendar
	}
	return key
}

// teamCalendar is the key of the calendar listing team, "" for the
// default.
func (r *run) teamCalendar(team string) string {
	if r.in.Teams == nil || team == "" {
		return ""
	}
	return r.in.Teams.Calendars[team]
}

// teamWait is what a wait keeps of the team calendar it counts in.
type teamWait struct{ team, key string }

// keep writes t into w.
func (t teamWait) keep(w *Wait) { w.Team, w.Calendar = t.team, t.key }

// countIn returns the calendar a step naming key counts in for a person
// of team, and what its wait keeps of it (nothing for a step that names
// its calendar, or without a TeamPlan).
func (r *run) countIn(key, team string) (string, teamWait) {
	if !teamResolved(key) || r.in.Teams == nil {
		return key, teamWait{}
	}
	t := teamWait{team: team, key: r.teamCalendar(team)}
	return t.key, t
}

// teamOf is the team of person id, "" when unknown.
func (r *run) teamOf(id string) string {
	if r.in.Teams == nil {
		return ""
	}
	return r.in.Teams.People[id].Team
}

// ruleTeam is the team of the person assignee rule a picks, as far as the
// core can tell.
func (r *run) ruleTeam(a process.Assignee) string {
	switch a.Rule {
	case process.AssignOwnerManager:
		if owner, ok := r.owner(); ok && r.in.Teams != nil {
			return r.teamOf(r.in.Teams.People[owner].ManagerID)
		}
		return ""
	case process.AssignUser:
		return r.teamOf(a.User)
	case process.AssignRoundRobin, process.AssignLeastLoaded:
		return a.Team
	case process.AssignRole:
		return ""
	}
	return r.ownerTeam()
}

// ownerTeam is the team of the record's owner. When an assign-owner step
// of this move picked a new owner, the core knows only the team its rule
// draws from, if any.
func (r *run) ownerTeam() string {
	if owner, ok := r.owner(); ok {
		return r.teamOf(owner)
	}
	rule, _ := r.newOwnerRule()
	switch rule.Rule {
	case process.AssignUser:
		return r.teamOf(rule.User)
	case process.AssignRoundRobin, process.AssignLeastLoaded:
		return rule.Team
	}
	return ""
}

// owner is the record's owner, unless an assign-owner step of this move
// changed it.
func (r *run) owner() (string, bool) {
	if _, moved := r.newOwnerRule(); moved || r.in.Record == nil {
		return "", false
	}
	return r.in.Record.OwnerID, true
}

// newOwnerRule is the rule of the latest assign-owner effect of this move.
func (r *run) newOwnerRule() (process.Assignee, bool) {
	for i := len(r.effects) - 1; i >= 0; i-- {
		if e := r.effects[i]; e.Kind == EffectAssignOwner && e.Owner != nil {
			return e.Owner.Assignee, true
		}
	}
	return process.Assignee{}, false
}

// teamResolvable reports whether some step of g counts business time in
// a team calendar, so that the shell must prepare a TeamPlan.
func teamResolvable(g process.Graph) bool {
	boundaries := map[string][]string{}
	for _, e := range g.Edges {
		if e.IsBoundary() {
			boundaries[e.From] = append(boundaries[e.From], e.After)
		}
	}
	for _, n := range g.Nodes {
		key, durations := stepDurations(n, boundaries[n.ID])
		if teamResolved(key) && slices.ContainsFunc(durations, isBusiness) {
			return true
		}
	}
	return false
}

// stepDurations returns the calendar a step names and the durations it
// counts there; after are the durations of its boundary edges.
func stepDurations(n process.Node, after []string) (string, []string) {
	switch c := n.Config.(type) {
	case *process.UserTaskConfig:
		return c.Calendar, append([]string{c.Due}, after...)
	case *process.TimerConfig:
		return c.Calendar, []string{c.Duration}
	case *process.SilenceWatchConfig:
		return c.Calendar, []string{c.Duration}
	}
	return "-", nil
}

// isBusiness reports whether s is a business-time duration.
func isBusiness(s string) bool {
	d, err := calendar.ParseDuration(s)
	return err == nil && d.Business
}

// teamInput adds to in what the core needs for team calendars, when m's
// graph counts business time in one: the teams' calendars and the people
// its steps may count for.
func (s *Service) teamInput(ctx context.Context, inst *Instance, m *Model, in *Input) error {
	tc, ok := s.deps.Calendars.(TeamCalendars)
	if !ok || !teamResolvable(m.def.Graph) {
		return nil
	}
	byTeam, err := s.teamCalendars(ctx, tc, inst.TenantID)
	if err != nil {
		return err
	}

	src := teamSource{tenantID: inst.TenantID, dir: s.deps.Directory,
		calendar: func(key string) (*calendar.Calendar, error) {
			return s.calendar(ctx, inst.TenantID, key)
		}}
	return src.plan(ctx, byTeam, m.def.Graph, in.Record, in)
}

// simTeams is teamInput for the simulator, over its own calendars and
// directory.
func simTeams(ctx context.Context, tenantID string, cals Calendars, dir Directory, m *Model,
	rec *Record, in *Input) error {
	tc, ok := cals.(TeamCalendars)
	if !ok || !teamResolvable(m.def.Graph) {
		return nil
	}
	byTeam, err := tc.TeamCalendars(ctx, tenantID)
	if err != nil {
		return err
	}

	src := teamSource{tenantID: tenantID, dir: dir,
		calendar: func(key string) (*calendar.Calendar, error) {
			return cals.Calendar(ctx, tenantID, key)
		}}
	return src.plan(ctx, byTeam, m.def.Graph, rec, in)
}

// teamSource is where a TeamPlan's calendars and people come from.
type teamSource struct {
	tenantID string
	dir      Directory
	calendar func(key string) (*calendar.Calendar, error)
}

// plan sets in.Teams for g from the team calendars byTeam, and adds those
// calendars to in.
func (t teamSource) plan(ctx context.Context, byTeam map[string]string, g process.Graph,
	rec *Record, in *Input) error {
	plan := &TeamPlan{Calendars: byTeam, People: map[string]Person{}}
	in.Teams = plan
	if len(byTeam) == 0 {
		return nil
	}

	for _, key := range slices.Sorted(maps.Values(byTeam)) {
		if in.Calendars[key] != nil {
			continue
		}
		c, err := t.calendar(key)
		if err != nil {
			return err
		}
		in.Calendars[key] = c
	}
	return t.people(ctx, g, rec, plan)
}

// people reads the people steps may count for: the record's owner and
// their manager, and the users steps name.
func (t teamSource) people(ctx context.Context, g process.Graph, rec *Record,
	plan *TeamPlan) error {
	ids := namedUsers(g)
	if rec != nil && rec.OwnerID != "" {
		ids = append(ids, rec.OwnerID)
	}

	for i := 0; i < len(ids); i++ {
		if _, seen := plan.People[ids[i]]; seen {
			continue
		}
		p, ok, err := t.dir.Person(ctx, t.tenantID, ids[i])
		if err != nil {
			return fmt.Errorf("reading user %s: %w", ids[i], err)
		}
		if !ok {
			continue
		}
		plan.People[p.ID] = p
		if rec != nil && p.ID == rec.OwnerID && p.ManagerID != "" {
			ids = append(ids, p.ManagerID)
		}
	}
	return nil
}

// namedUsers lists the users the assignee rules of g's steps name.
func namedUsers(g process.Graph) []string {
	var out []string
	add := func(a process.Assignee) {
		if a.Rule == process.AssignUser && a.User != "" {
			out = append(out, a.User)
		}
	}
	for _, n := range g.Nodes {
		switch c := n.Config.(type) {
		case *process.UserTaskConfig:
			add(c.Assignee)
		case *process.AssignOwnerConfig:
			add(c.Assignee)
			for _, route := range c.Routes {
				add(route.Assignee)
			}
		}
	}
	return out
}
