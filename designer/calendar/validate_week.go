package calendar

import (
	"fmt"
	"maps"
	"slices"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// checkWeek checks the working hours of every weekday and returns the
// readable intervals per weekday.
func (c *Calendar) checkWeek(col *problem.Collector) [7][]span {
	var week [7][]span
	worked := false
	for _, wd := range weekdays {
		ptr := "/working_hours/" + wd.key
		week[wd.day] = checkDay(col, ptr, c.WorkingHours.Day(wd.day))
		worked = worked || len(week[wd.day]) > 0
	}

	if !worked {
		col.Add("/working_hours", "calendar.no_working_hours", nil)
	}
	return week
}

// indexedSpan is a readable interval and its index in the document.
type indexedSpan struct {
	span
	index int
}

// checkDay checks one weekday's intervals: readable, start before end, and
// no two overlapping.
func checkDay(col *problem.Collector, ptr string, intervals []Interval) []span {
	if len(intervals) > MaxIntervalsPerDay {
		col.Add(ptr, "calendar.too_many", i18n.Params{"max": MaxIntervalsPerDay})
		return nil
	}

	var ok []indexedSpan
	for i, iv := range intervals {
		p := fmt.Sprintf("%s/%d", ptr, i)
		a, okA := checkClock(col, p+"/start", iv.Start)
		b, okB := checkClock(col, p+"/end", iv.End)
		switch {
		case okA && okB && a >= b:
			col.Add(p+"/end", "calendar.inverted_interval", nil)
		case okA && okB:
			ok = append(ok, indexedSpan{span{a, b}, i})
		}
	}

	slices.SortStableFunc(ok, func(x, y indexedSpan) int { return x.start - y.start })
	out := make([]span, 0, len(ok))
	for k, s := range ok {
		if k > 0 && s.start < ok[k-1].end {
			col.Add(fmt.Sprintf("%s/%d", ptr, s.index), "calendar.overlapping_interval",
				i18n.Params{"other": intervals[ok[k-1].index].Start + "–" +
					intervals[ok[k-1].index].End})
			continue
		}
		out = append(out, s.span)
	}
	return out
}

func checkClock(col *problem.Collector, ptr, s string) (int, bool) {
	m, ok := parseClock(s)
	if !ok {
		col.Add(ptr, "calendar.bad_time", i18n.Params{"value": quoted(s)})
	}
	return m, ok
}

// checkMakeUps refuses make-up days that are also holidays, fall inside a
// closure, or are working days anyway.
func checkMakeUps(col *problem.Collector, week [7][]span, holidays, makeUps map[day]int,
	closures []dayRange) {
	days := slices.Collect(maps.Keys(makeUps))
	slices.SortFunc(days, func(a, b day) int { return makeUps[a] - makeUps[b] })

	for _, d := range days {
		i := makeUps[d]
		p := fmt.Sprintf("/make_up_days/%d", i)

		if h, ok := holidays[d]; ok {
			col.Add(p, "calendar.holiday_and_make_up", nil)
			col.Add(fmt.Sprintf("/holidays/%d", h), "calendar.holiday_and_make_up", nil)
			continue
		}
		if r, ok := closureOf(closures, d); ok {
			y1, m1, d1 := r.first.date()
			y2, m2, d2 := r.last.date()
			col.Add(p, "calendar.make_up_in_closure", i18n.Params{
				"start": fmt.Sprintf("%04d-%02d-%02d", y1, m1, d1),
				"end":   fmt.Sprintf("%04d-%02d-%02d", y2, m2, d2)})
			continue
		}
		if len(week[d.weekday()]) > 0 {
			col.Add(p, "calendar.make_up_on_working_day", nil)
		}
	}
}

func closureOf(closures []dayRange, d day) (dayRange, bool) {
	for _, r := range closures {
		if r.first <= d && d <= r.last {
			return r, true
		}
	}
	return dayRange{}, false
}
