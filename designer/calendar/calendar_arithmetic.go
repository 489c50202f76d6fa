package calendar

import "time"

// The methods below prepare a Schedule for each call; see Schedule for the
// rules and Calendar.Schedule to prepare one for many calls.

// IsWorkingDay reports whether the day of t, in the calendar's zone, has
// working hours.
func (c *Calendar) IsWorkingDay(t time.Time) bool { return c.Schedule().IsWorkingDay(t) }

// IsWorkingTime reports whether t falls inside a working interval.
func (c *Calendar) IsWorkingTime(t time.Time) bool { return c.Schedule().IsWorkingTime(t) }

// NextWorkingTime returns t when it is working time, else the start of the
// next working interval.
func (c *Calendar) NextWorkingTime(t time.Time) time.Time {
	return c.Schedule().NextWorkingTime(t)
}

// Add returns start plus d, in calendar or business time as d says.
func (c *Calendar) Add(start time.Time, d Duration) time.Time {
	return c.Schedule().Add(start, d)
}

// BusinessBetween returns the working time from a to b, negative when b is
// before a.
func (c *Calendar) BusinessBetween(a, b time.Time) time.Duration {
	return c.Schedule().BusinessBetween(a, b)
}
