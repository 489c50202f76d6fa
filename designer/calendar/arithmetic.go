package calendar

import "time"

// interval is a working interval as instants, start before end.
type interval struct{ start, end time.Time }

// intervals returns the working intervals of day n as instants, in order.
// Wall-clock times a daylight-saving change skips or repeats are resolved
// by time.Date; an interval that comes out empty is dropped.
func (s *Schedule) intervals(n day) []interval {
	hours := s.hours(n)
	if len(hours) == 0 {
		return nil
	}

	out := make([]interval, 0, len(hours))
	for _, sp := range hours {
		a, b := s.at(n, sp.start), s.at(n, sp.end)
		if k := len(out); k > 0 && a.Before(out[k-1].end) {
			a = out[k-1].end
		}
		if b.After(a) {
			out = append(out, interval{a, b})
		}
	}
	return out
}

// walk calls fn with every working interval that ends after from, in order,
// until fn returns false or the search horizon is reached. It returns
// whether fn stopped the walk.
func (s *Schedule) walk(from time.Time, fn func(iv interval) bool) bool {
	first := s.dayOf(from)

	for n := first; n <= first+SearchHorizon; n++ {
		for _, iv := range s.intervals(n) {
			if iv.end.After(from) && !fn(iv) {
				return true
			}
		}
	}
	return false
}

// IsWorkingDay reports whether the day of t, in the calendar's zone, has
// working hours.
func (s *Schedule) IsWorkingDay(t time.Time) bool {
	return len(s.intervals(s.dayOf(t))) > 0
}

// IsWorkingTime reports whether t falls inside a working interval.
func (s *Schedule) IsWorkingTime(t time.Time) bool {
	for _, iv := range s.intervals(s.dayOf(t)) {
		if !t.Before(iv.start) && t.Before(iv.end) {
			return true
		}
	}
	return false
}

// NextWorkingTime returns t itself when it is working time, else the start
// of the next working interval. Past the search horizon it returns the
// horizon.
func (s *Schedule) NextWorkingTime(t time.Time) time.Time {
	next := s.horizon(s.dayOf(t))
	s.walk(t, func(iv interval) bool {
		next = later(iv.start, t)
		return false
	})
	return next
}

// BusinessBetween returns the working time from a to b, negative when b is
// before a. Working time more than SearchHorizon days past the earlier
// instant is not counted.
func (s *Schedule) BusinessBetween(a, b time.Time) time.Duration {
	if b.Before(a) {
		return -s.BusinessBetween(b, a)
	}

	var total time.Duration
	s.walk(a, func(iv interval) bool {
		if !iv.start.Before(b) {
			return false
		}
		total += earlier(iv.end, b).Sub(later(iv.start, a))
		return true
	})
	return total
}

// Add returns start plus d. Calendar time adds plainly. Business time adds
// d.Days working days first (see Duration), then d.Length of working time,
// walking the working intervals across breaks, weekends, holidays,
// closures and make-up days. A negative part counts as zero, so the result
// is never before start; past the search horizon it is the horizon.
func (s *Schedule) Add(start time.Time, d Duration) time.Time {
	if !d.Business {
		return start.Add(d.plain())
	}

	t := start
	if d.Days > 0 {
		t = s.addDays(t, d.Days)
	}
	if d.Length > 0 {
		t = s.addWorking(t, d.Length)
	}
	return t
}

// addWorking adds working time: it lands on the earliest instant after
// which exactly d of working time has passed, so a deadline that uses up an
// afternoon ends at the close of work rather than the next morning.
func (s *Schedule) addWorking(t time.Time, d time.Duration) time.Time {
	result, rest := s.horizon(s.dayOf(t)), d

	s.walk(t, func(iv interval) bool {
		from := later(iv.start, t)
		if avail := iv.end.Sub(from); rest > avail {
			rest -= avail
			return true
		}
		result = from.Add(rest)
		return false
	})
	return result
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
