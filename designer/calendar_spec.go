package designer

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/internal/problem"
)

// calendarContent is a calendar definition's stored content. The
// calendar's own key and name are the definition's.
type calendarContent struct {
	Calendar calendar.Calendar `json:"calendar"`
}

type calendarSpec struct{}

func (calendarSpec) check(_ context.Context, meta Meta, content json.RawMessage,
	_ *Refs) (json.RawMessage, []problem.FieldError, error) {
	var cc calendarContent
	if err := strictDecode(content, &cc); err != nil {
		return nil, nil, err
	}
	cc.Calendar.Key, cc.Calendar.Name = meta.Key, meta.Name
	if err := cc.Calendar.Validate(); err != nil {
		return nil, nil, withoutHeader(prefixed(err, "/calendar"))
	}
	canonical, err := json.Marshal(cc)
	return canonical, nil, err
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
