package calendar

import "time"

// addDays adds n working days to t: the result is as far into the n-th
// next working day as t is into its own day, counted in working time and
// capped at the end of that day. Outside working time t first moves to the
// next working time. A start at the very beginning of a working day lands
// at the close of the (n-1)-th day after it, which is the same point in
// working time: "1d business" from Friday 09:00 ends Friday 18:00, and
// "3d business" from Friday 17:00 ends Wednesday 17:00.
func (s *Schedule) addDays(t time.Time, n int) time.Time {
	start := s.NextWorkingTime(t)
	first := s.dayOf(start)
	limit := s.horizon(s.dayOf(t))
	if !start.Before(limit) {
		return limit
	}

	offset := s.workedBefore(first, start)
	if offset == 0 {
		n--
	}
	target, ok := s.nthWorkingDay(first, n, first+SearchHorizon)
	if !ok {
		return limit
	}
	if offset == 0 {
		return s.closeOf(target)
	}
	return s.intoDay(target, offset)
}

// nthWorkingDay returns the n-th working day after from (from itself when n
// is 0), giving up after last.
func (s *Schedule) nthWorkingDay(from day, n int, last day) (day, bool) {
	d := from
	for ; n > 0; n-- {
		d++
		for len(s.intervals(d)) == 0 {
			if d >= last {
				return 0, false
			}
			d++
		}
		if d > last {
			return 0, false
		}
	}
	return d, true
}

// workedBefore returns the working time of day n before t.
func (s *Schedule) workedBefore(n day, t time.Time) time.Duration {
	var done time.Duration
	for _, iv := range s.intervals(n) {
		if !iv.start.Before(t) {
			break
		}
		done += earlier(iv.end, t).Sub(iv.start)
	}
	return done
}

// intoDay returns the instant at which offset of day n's working time has
// passed, or the close of day n when it has less.
func (s *Schedule) intoDay(n day, offset time.Duration) time.Time {
	ivs := s.intervals(n)

	for _, iv := range ivs {
		if length := iv.end.Sub(iv.start); offset > length {
			offset -= length
			continue
		}
		return iv.start.Add(offset)
	}
	return ivs[len(ivs)-1].end
}

// closeOf returns the end of day n's last working interval.
func (s *Schedule) closeOf(n day) time.Time {
	ivs := s.intervals(n)
	return ivs[len(ivs)-1].end
}
