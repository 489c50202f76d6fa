package calendar

import (
	"fmt"
	"strings"
	"time"
)

// MaxDurationDays is the longest duration accepted, in days.
const MaxDurationDays = 366

// Duration is a length of time as a deadline or an SLA states it, such as
// "2h", "3d" or "1d 4h business".
//
// In calendar time (Business false) a day is 24 hours and ParseDuration
// folds days into Length, so Length alone is the whole duration. In
// business time a day is one working day, however many working hours that
// day has, so whole days are kept apart in Days; Length is then working
// time, walked through the working intervals.
type Duration struct {
	// Days counts whole working days; ParseDuration sets it only for
	// business time.
	Days int
	// Length is the duration (calendar time) or the working time on top of
	// Days (business time).
	Length time.Duration
	// Business says the duration counts working time only.
	Business bool
}

const day24 = 24 * time.Hour

// maxDurationDays bounds Days when folding it into a time.Duration.
const maxDurationDays = int(1<<63-1) / int(day24)

// plain returns the duration as elapsed time, negative parts as zero and
// saturating rather than overflowing.
func (d Duration) plain() time.Duration {
	days := min(max(d.Days, 0), maxDurationDays)
	total := time.Duration(days) * day24

	if d.Length > 0 && total <= 1<<63-1-d.Length {
		return total + d.Length
	}
	if d.Length > 0 {
		return 1<<63 - 1
	}
	return total
}

// Nominal returns the duration as elapsed time, counting a day as 24
// hours; it is the figure the length limits apply to.
func (d Duration) Nominal() time.Duration { return d.plain() }

// IsZero reports whether the duration adds nothing.
func (d Duration) IsZero() bool { return d.plain() == 0 }

// String writes d the way ParseDuration reads it, largest unit first, e.g.
// "1d 4h business" or "1h 30m"; ParseDuration(d.String()) returns d for
// every d that ParseDuration returned. A Length finer than a second is
// written in Go's notation ("1h 500ms"), which ParseDuration refuses.
func (d Duration) String() string {
	var parts []string
	rest := d.Length

	if d.Business {
		if d.Days > 0 {
			parts = append(parts, fmt.Sprintf("%dd", d.Days))
		}
	} else {
		rest = d.plain()
	}
	parts = appendUnits(parts, rest, !d.Business)

	if len(parts) == 0 {
		parts = append(parts, "0m")
	}
	if d.Business {
		parts = append(parts, "business")
	}
	return strings.Join(parts, " ")
}

// appendUnits writes a non-negative length as days (when withDays), hours,
// minutes and seconds.
func appendUnits(parts []string, rest time.Duration, withDays bool) []string {
	if rest < 0 {
		rest = 0
	}
	units := []struct {
		size time.Duration
		name string
	}{{day24, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}}

	for _, u := range units {
		if u.name == "d" && !withDays {
			continue
		}
		if n := rest / u.size; n > 0 {
			parts = append(parts, fmt.Sprintf("%d%s", n, u.name))
			rest -= n * u.size
		}
	}
	if rest > 0 {
		parts = append(parts, rest.String())
	}
	return parts
}

// MarshalText writes the duration as String does, so documents hold
// "3d business" rather than a number.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a duration with ParseDuration.
func (d *Duration) UnmarshalText(b []byte) error {
	parsed, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}
