package calendar_test

import (
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
)

// wall reads "2006-01-02 15:04" in zone, failing the test on a typo.
func wall(t *testing.T, zone, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatalf("loading %s: %v", zone, err)
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatalf("parsing %q: %v", s, err)
	}
	return v
}

// sh reads a wall-clock time in Asia/Shanghai, the default calendar's zone.
func sh(t *testing.T, s string) time.Time { return wall(t, calendar.DefaultZone, s) }

// mustDuration parses a duration, failing the test when it is refused.
func mustDuration(t *testing.T, s string) calendar.Duration {
	t.Helper()
	d, err := calendar.ParseDuration(s)
	if err != nil {
		t.Fatalf("ParseDuration(%q): %v", s, err)
	}
	return d
}

// withDates returns the default calendar with holidays, make-up days and
// closures ("first..last") added.
func withDates(holidays, makeUps []string, closures ...string) *calendar.Calendar {
	c := calendar.Default()
	c.Holidays = holidays
	c.MakeUpDays = makeUps
	for _, r := range closures {
		c.Closures = append(c.Closures, calendar.Closure{Start: r[:10], End: r[12:]})
	}
	return c
}

// allDay returns a calendar in zone working every day around the clock.
func allDay(zone string) *calendar.Calendar {
	c := &calendar.Calendar{Key: "all-day", Name: map[string]string{"en": "All day"},
		TimeZone: zone}
	for d := time.Sunday; d <= time.Saturday; d++ {
		c.WorkingHours.SetDay(d, []calendar.Interval{{Start: "00:00", End: "24:00"}})
	}
	return c
}
