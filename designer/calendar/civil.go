package calendar

import (
	"sync"
	"time"

	// A calendar names its zone by IANA name; the binary carries the zone
	// database so that the answer never depends on the host's copy.
	_ "time/tzdata"
)

// day is a civil date counted in days since 1970-01-01; it has no zone.
type day int

const secondsPerDay = 24 * 60 * 60

// dayOfDate returns the day of a year, month and day of month.
func dayOfDate(y int, m time.Month, d int) day {
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// date returns the year, month and day of month of n.
func (n day) date() (int, time.Month, int) {
	return time.Unix(int64(n)*secondsPerDay, 0).UTC().Date()
}

// weekday returns the day of the week of n (1970-01-01 was a Thursday).
func (n day) weekday() time.Weekday {
	return time.Weekday(((int(n) % 7) + 7 + int(time.Thursday)) % 7)
}

// parseDate reads a date written "2006-01-02".
func parseDate(s string) (day, bool) {
	if len(s) != len("2006-01-02") {
		return 0, false
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return dayOfDate(t.Date()), true
}

// parseClock reads a time of day written "15:04" as minutes after midnight;
// "24:00" is accepted as the end of the day.
func parseClock(s string) (int, bool) {
	if len(s) != len("15:04") || s[2] != ':' {
		return 0, false
	}
	h, okH := twoDigits(s[0:2])
	m, okM := twoDigits(s[3:5])
	if !okH || !okM || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

func twoDigits(s string) (int, bool) {
	if s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

// zones caches loaded time zones by name: loading one reads and parses the
// zone database, and the set of valid names is small and fixed.
var zones sync.Map

// loadZone returns the IANA zone called name. The empty name and "Local"
// are refused: a calendar's answers must not depend on the host.
func loadZone(name string) (*time.Location, bool) {
	if z, ok := zones.Load(name); ok {
		return z.(*time.Location), true
	}

	if name == "" || name == "Local" {
		return nil, false
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, false
	}

	zones.Store(name, loc)
	return loc, true
}
