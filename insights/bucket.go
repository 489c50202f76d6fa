package insights

import (
	"context"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/calendar"
)

// maxPeriodWalk bounds the walk back to a period's first day.
const maxPeriodWalk = 62

// bucketer returns the function naming the bucket of a day, or nil for
// no series. A period of a business calendar is a run of working days
// together with the days off that follow it, named by its first working
// day: with China's make-up days a "week" of work is exactly such a run.
func (s *Service) bucketer(ctx context.Context, tenantID, kind, calKey string) (
	func(string) string, error) {
	switch kind {
	case "day":
		return func(d string) string { return d }, nil
	case "week":
		return weekOf, nil
	case "month":
		return func(d string) string { return d[:8] + "01" }, nil
	case "period":
		cal, err := s.calendar(ctx, tenantID, calKey)
		if err != nil {
			return nil, err
		}
		sched := cal.Schedule()
		return func(d string) string { return periodOf(sched, d) }, nil
	}
	return nil, nil
}

func parseDay(d string) time.Time {
	t, _ := time.Parse(dayLayout, d)
	return t
}

// weekOf names the ISO week of day d by its Monday.
func weekOf(d string) string {
	t := parseDay(d)
	back := (int(t.Weekday()) + 6) % 7
	return t.AddDate(0, 0, -back).Format(dayLayout)
}

// periodOf names the period of day d in sched by its first working day.
func periodOf(sched *calendar.Schedule, d string) string {
	loc := sched.Location()
	t := parseDay(d)
	at := func(u time.Time) time.Time {
		return time.Date(u.Year(), u.Month(), u.Day(), 12, 0, 0, 0, loc)
	}
	for range maxPeriodWalk {
		prev := t.AddDate(0, 0, -1)
		if sched.IsWorkingDay(at(t)) && !sched.IsWorkingDay(at(prev)) {
			return t.Format(dayLayout)
		}
		t = prev
	}
	return d
}

// calendar returns the tenant's calendar of key, or the default one.
func (s *Service) calendar(ctx context.Context, tenantID, key string) (*calendar.Calendar,
	error) {
	if key == "" {
		return calendar.Default(), nil
	}
	v, err := s.defs.Latest(ctx, system(tenantID), designer.KindCalendar, key)
	if err != nil {
		return nil, err
	}
	return designer.CalendarOf(v)
}

// bucketsOf lists the buckets of [from, to) in order.
func bucketsOf(from, to time.Time, zone *time.Location, bucket func(string) string) []string {
	var out []string
	for t := from; t.Before(to); t = t.AddDate(0, 0, 1) {
		b := bucket(dayOf(t, zone))
		if len(out) == 0 || out[len(out)-1] != b {
			out = append(out, b)
		}
	}
	return out
}
