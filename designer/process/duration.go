package process

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Duration is a length of time as implementers write it: "90m", "2h",
// "3d", "1d 4h", each optionally followed by " business".
//
// A plain duration is wall-clock time, a day being 24 hours. A business
// duration counts working time in a business calendar: its days are
// working days (whose length the calendar decides) and its hours and
// minutes are working hours and minutes.
type Duration struct {
	// Length is the whole duration, days counted as 24 hours.
	Length time.Duration
	// Business says the duration counts working time.
	Business bool
	// Days is how many of Length's 24-hour days were written with "d"; a
	// business duration counts them as working days and the rest of Length
	// as working time.
	Days int
}

// The limits of a duration.
const (
	MinDuration = time.Minute
	MaxDuration = 366 * 24 * time.Hour
)

// The ways ParseDuration refuses; test with errors.Is.
var (
	ErrDurationSyntax = errors.New("not a duration such as 90m, 2h, 3d or 1d 4h")
	ErrDurationRange  = errors.New("duration outside 1 minute to 366 days")
)

// durationUnits are the units in the order they must be written.
var durationUnits = []struct {
	suffix byte
	length time.Duration
}{{'d', 24 * time.Hour}, {'h', time.Hour}, {'m', time.Minute}}

// maxDurationDigits keeps every part far from overflowing: a part of more
// digits is out of range anyway.
const maxDurationDigits = 7

// ParseDuration reads a duration. Parts are separated by spaces, written
// largest unit first, each unit at most once; "business" may follow.
func ParseDuration(s string) (Duration, error) {
	parts := strings.Fields(s)
	var d Duration
	if n := len(parts); n > 0 && parts[n-1] == "business" {
		d.Business = true
		parts = parts[:n-1]
	}
	if len(parts) == 0 || len(parts) > len(durationUnits) {
		return Duration{}, fmt.Errorf("reading duration %q: %w", s, ErrDurationSyntax)
	}

	next := 0
	for _, p := range parts {
		var err error
		if next, err = d.addPart(p, next); err != nil {
			return Duration{}, fmt.Errorf("reading duration %q: %w", s, err)
		}
	}

	if d.Length < MinDuration || d.Length > MaxDuration {
		return Duration{}, fmt.Errorf("reading duration %q: %w", s, ErrDurationRange)
	}
	return d, nil
}

// addPart adds one part such as "4h" to d. Units before index from were
// already used; it returns the index after the part's unit.
func (d *Duration) addPart(p string, from int) (int, error) {
	if len(p) < 2 {
		return 0, ErrDurationSyntax
	}
	digits, suffix := p[:len(p)-1], p[len(p)-1]
	if len(digits) > maxDurationDigits {
		return 0, ErrDurationRange
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 || digits[0] == '+' || digits[0] == '-' {
		return 0, ErrDurationSyntax
	}

	for i := from; i < len(durationUnits); i++ {
		if durationUnits[i].suffix == suffix {
			d.Length += time.Duration(n) * durationUnits[i].length
			if suffix == 'd' {
				d.Days = n
			}
			return i + 1, nil
		}
	}
	return 0, ErrDurationSyntax
}

// String writes the duration in the form ParseDuration reads, for example
// "1d 4h business".
func (d Duration) String() string {
	var parts []string
	if d.Days > 0 {
		parts = append(parts, strconv.Itoa(d.Days)+"d")
	}

	rest := d.Length - time.Duration(d.Days)*24*time.Hour
	if h := rest / time.Hour; h > 0 {
		parts = append(parts, strconv.FormatInt(int64(h), 10)+"h")
	}
	if m := (rest % time.Hour) / time.Minute; m > 0 || len(parts) == 0 {
		parts = append(parts, strconv.FormatInt(int64(m), 10)+"m")
	}

	if d.Business {
		parts = append(parts, "business")
	}
	return strings.Join(parts, " ")
}
