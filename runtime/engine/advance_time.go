package engine

import (
	"fmt"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
)

// dueAfter returns start plus the duration written s ("2h" wall time,
// "8h business" working time in calendar key).
func (r *run) dueAfter(start time.Time, s, key string) (time.Time, error) {
	d, err := calendar.ParseDuration(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("reading duration %q: %w", s, err)
	}
	if !d.Business {
		return start.Add(d.Nominal()), nil
	}
	return r.in.calendarOf(key).Add(start, d), nil
}

// lastActivity returns the record's latest activity of kinds (all kinds
// when empty).
func (r *run) lastActivity(kinds []process.ActivityKind) time.Time {
	rec := r.in.Record
	if rec == nil {
		return time.Time{}
	}
	if len(kinds) == 0 || rec.LastActivityByKind == nil {
		return rec.LastActivityAt
	}

	var last time.Time
	for _, k := range kinds {
		last = later(last, rec.LastActivityByKind[string(k)])
	}
	return last
}

// fieldTime reads a date or date-time field of the record: a time, an
// RFC 3339 string, or a date ("2006-01-02", midnight in the default
// calendar's zone). false when the field is empty or unreadable.
func (r *run) fieldTime(field string) (time.Time, bool) {
	if r.in.Record == nil {
		return time.Time{}, false
	}
	switch v := r.in.Record.Data[field].(type) {
	case time.Time:
		return v, !v.IsZero()
	case string:
		return parseWhen(v, r.in.calendarOf("").Schedule().Location())
	}
	return time.Time{}, false
}

// parseWhen reads an RFC 3339 date-time, or a date in loc.
func parseWhen(s string, loc *time.Location) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
