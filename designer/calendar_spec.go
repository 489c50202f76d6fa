package designer

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// calendarContent is a calendar definition's stored content. The
// calendar's own key and name are the definition's.
type calendarContent struct {
	Calendar calendar.Calendar `json:"calendar"`
}

type calendarSpec struct{}

func (calendarSpec) check(ctx context.Context, meta Meta, content json.RawMessage,
	refs *Refs) (json.RawMessage, []problem.FieldError, error) {
	var cc calendarContent
	if err := strictDecode(content, &cc); err != nil {
		return nil, nil, err
	}
	cc.Calendar.Key, cc.Calendar.Name = meta.Key, meta.Name
	if meta.Key == calendar.TeamKey {
		return nil, nil, problem.Fields(problem.Field("/key", "reserved_calendar_key",
			i18n.Params{"key": calendar.TeamKey}))
	}
	if err := cc.Calendar.Validate(); err != nil {
		return nil, nil, withoutHeader(prefixed(err, "/calendar"))
	}
	if len(cc.Calendar.Teams) > 0 {
		others, err := refs.calendarTeams(ctx)
		if err != nil {
			return nil, nil, err
		}
		if err := cc.Calendar.CheckTeamsFree(others); err != nil {
			return nil, nil, prefixed(err, "/calendar")
		}
	}
	canonical, err := json.Marshal(cc)
	return canonical, nil, err
}

// calendarTeams maps the key of every other calendar the runtime could
// use to the teams it times: the tenant's published calendars, with those
// of a pack being imported (the overlay) in place of the stored ones.
func (r *Refs) calendarTeams(ctx context.Context) (map[string][]string, error) {
	published, err := r.svc.PublishedAll(ctx, r.p, KindCalendar)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, v := range published {
		var cc calendarContent
		if json.Unmarshal(v.ContentJSON(), &cc) == nil {
			out[v.Key] = cc.Calendar.Teams
		}
	}
	for key, content := range r.overlay[KindCalendar] {
		var cc calendarContent
		if json.Unmarshal(content, &cc) == nil {
			out[key] = cc.Calendar.Teams
		}
	}
	return out, nil
}

func (calendarSpec) diff(old, new json.RawMessage) []Change {
	var a, b calendarContent
	if json.Unmarshal(old, &a) != nil || json.Unmarshal(new, &b) != nil {
		return nil
	}
	x, y := a.Calendar, b.Calendar
	var out []Change
	if x.TimeZone != y.TimeZone {
		out = append(out, change("calendar_time_zone_changed", y.TimeZone, false, nil))
	}
	if !sameJSON(x.WorkingHours, y.WorkingHours) {
		out = append(out, change("calendar_hours_changed", "working_hours", false, nil))
	}
	for _, d := range added(x.Holidays, y.Holidays) {
		out = append(out, change("calendar_holiday_added", d, false, nil))
	}
	for _, d := range added(y.Holidays, x.Holidays) {
		out = append(out, change("calendar_holiday_removed", d, false, nil))
	}
	for _, d := range added(x.MakeUpDays, y.MakeUpDays) {
		out = append(out, change("calendar_make_up_day_added", d, false, nil))
	}
	for _, d := range added(y.MakeUpDays, x.MakeUpDays) {
		out = append(out, change("calendar_make_up_day_removed", d, false, nil))
	}
	if !sameJSON(x.Closures, y.Closures) {
		out = append(out, change("calendar_closures_changed", "closures", false, nil))
	}
	for _, t := range added(x.Teams, y.Teams) {
		out = append(out, change("calendar_team_added", t, false, nil))
	}
	for _, t := range added(y.Teams, x.Teams) {
		out = append(out, change("calendar_team_removed", t, false, nil))
	}
	return out
}

// added lists the items of b that are not in a.
func added(a, b []string) []string {
	var out []string
	for _, s := range b {
		if !slices.Contains(a, s) {
			out = append(out, s)
		}
	}
	return out
}
