package calendar

import (
	"slices"
	"time"
)

// SearchHorizon bounds every walk through a calendar: no function looks
// further than this many days past the day it starts from. A deadline that
// would fall beyond it (a calendar with almost no working time) answers the
// end of the horizon instead, which is late but never earlier than asked.
const SearchHorizon = 3*365 + 1

// Schedule is a Calendar prepared for arithmetic: its zone loaded, its
// hours parsed and its dates indexed. It is immutable and safe for
// concurrent use. The arithmetic is lenient: whatever Validate would refuse
// is skipped (a zone that cannot be loaded reads as UTC), so check a
// calendar with Validate before relying on it.
type Schedule struct {
	loc      *time.Location
	week     [7][]span
	makeUp   []span
	holidays map[day]bool
	makeUps  map[day]bool
	closures []dayRange
}

// span is a working interval as minutes after midnight, start < end.
type span struct{ start, end int }

// dayRange is a range of days, both ends included.
type dayRange struct{ first, last day }

// Schedule prepares c for arithmetic. Call it again after changing c.
func (c *Calendar) Schedule() *Schedule {
	s := &Schedule{loc: time.UTC, holidays: dateSet(c.Holidays), makeUps: dateSet(c.MakeUpDays)}
	if loc, ok := loadZone(c.TimeZone); ok {
		s.loc = loc
	}

	for _, wd := range weekdays {
		s.week[wd.day] = spans(c.WorkingHours.Day(wd.day))
	}
	for _, wd := range weekdays {
		if len(s.week[wd.day]) > 0 {
			s.makeUp = s.week[wd.day]
			break
		}
	}

	s.closures = closureRanges(c.Closures)
	return s
}

// spans parses intervals, dropping unreadable or empty ones and those past
// MaxIntervalsPerDay, and merging overlaps, in order of the day.
func spans(intervals []Interval) []span {
	out := make([]span, 0, len(intervals))
	for _, iv := range intervals {
		a, okA := parseClock(iv.Start)
		b, okB := parseClock(iv.End)
		if okA && okB && a < b {
			out = append(out, span{a, b})
		}
	}

	slices.SortFunc(out, func(x, y span) int { return x.start - y.start })

	if len(out) > MaxIntervalsPerDay {
		out = out[:MaxIntervalsPerDay]
	}
	merged := out[:0]
	for _, sp := range out {
		if n := len(merged); n > 0 && sp.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, sp.end)
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

func dateSet(dates []string) map[day]bool {
	set := make(map[day]bool, len(dates))
	for _, s := range dates {
		if d, ok := parseDate(s); ok {
			set[d] = true
		}
	}
	return set
}

// closureRanges parses closures into sorted, merged ranges.
func closureRanges(closures []Closure) []dayRange {
	out := make([]dayRange, 0, len(closures))
	for _, c := range closures {
		a, okA := parseDate(c.Start)
		b, okB := parseDate(c.End)
		if okA && okB && a <= b {
			out = append(out, dayRange{a, b})
		}
	}

	slices.SortFunc(out, func(x, y dayRange) int { return int(x.first - y.first) })
	merged := out[:0]
	for _, r := range out {
		if n := len(merged); n > 0 && r.first <= merged[n-1].last+1 {
			merged[n-1].last = max(merged[n-1].last, r.last)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// Location returns the time zone the schedule reads hours and dates in.
func (s *Schedule) Location() *time.Location { return s.loc }

// hours returns the working intervals of day n; none on a day off.
func (s *Schedule) hours(n day) []span {
	if s.holidays[n] || s.closed(n) {
		return nil
	}
	if s.makeUps[n] {
		return s.makeUp
	}
	return s.week[n.weekday()]
}

// closed reports whether n falls inside a closure.
func (s *Schedule) closed(n day) bool {
	i, found := slices.BinarySearchFunc(s.closures, n, func(r dayRange, n day) int {
		return int(r.first - n)
	})

	if found {
		return true
	}
	return i > 0 && n <= s.closures[i-1].last
}

// dayOf returns the civil day of instant t in the schedule's zone.
func (s *Schedule) dayOf(t time.Time) day {
	return dayOfDate(t.In(s.loc).Date())
}

// at returns the instant of minute m after midnight on day n, read on the
// wall clock of the schedule's zone (minute 1440 is the next midnight).
func (s *Schedule) at(n day, m int) time.Time {
	y, mo, d := n.date()
	return time.Date(y, mo, d, 0, m, 0, 0, s.loc)
}

// horizon is the instant where a search that started on day n gives up.
func (s *Schedule) horizon(n day) time.Time {
	return s.at(n+SearchHorizon+1, 0)
}
