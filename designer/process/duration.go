package process

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
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
	// Days is how many of Length's 24-hour days a business duration counts
	// as working days, the rest of Length being working time; zero for a
	// plain duration.
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

// ParseDuration reads a duration with the business calendar's parser, so
// a duration means the same in a process as in a calendar or an
// expression, and adds the process's own floor of one minute.
func ParseDuration(s string) (Duration, error) {
	cd, err := calendar.ParseDuration(s)
	if err != nil {
		var de *calendar.DurationError
		if errors.As(err, &de) && (de.Code == calendar.CodeDurationTooLong ||
			de.Code == calendar.CodeDurationNotPositive) {
			return Duration{}, fmt.Errorf("reading duration %q: %w", s, ErrDurationRange)
		}
		return Duration{}, fmt.Errorf("reading duration %q: %w", s, ErrDurationSyntax)
	}

	d := Duration{Length: cd.Nominal(), Business: cd.Business, Days: cd.Days}
	if d.Length < MinDuration || d.Length > MaxDuration || d.Length%time.Minute != 0 {
		return Duration{}, fmt.Errorf("reading duration %q: %w", s, ErrDurationRange)
	}
	return d, nil
}

// String writes the duration in the form ParseDuration reads, for example
// "1d 4h business".
func (d Duration) String() string {
	days := d.Days
	if !d.Business {
		days = int(d.Length / (24 * time.Hour)) // a plain day is 24 hours
	}
	var parts []string
	if days > 0 {
		parts = append(parts, strconv.Itoa(days)+"d")
	}

	rest := d.Length - time.Duration(days)*24*time.Hour
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
