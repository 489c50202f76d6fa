package process

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Cron is a parsed five-field cron schedule: minute, hour, day of month,
// month, day of week. Names (JAN, MON) and ranges, lists and steps are
// accepted; descriptors (@daily) and time zone prefixes are not, because a
// schedule's time zone comes from its business calendar.
type Cron struct {
	spec  string
	sched cron.Schedule
}

// The ways ParseCron refuses; test with errors.Is.
var (
	ErrCronSyntax      = errors.New("not a five-field cron expression")
	ErrCronNeverFires  = errors.New("cron expression never fires")
	cronParser         = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)
	cronNeverFiresFrom = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
)

// maxCronLen bounds the input; real schedules are a few dozen characters.
const maxCronLen = 200

// ParseCron reads a five-field cron expression. A schedule that names no
// existing date (such as 30 February) is refused with ErrCronNeverFires.
func ParseCron(spec string) (Cron, error) {
	s := strings.TrimSpace(spec)
	if len(s) > maxCronLen || strings.ContainsAny(s, "=@") || len(strings.Fields(s)) != 5 {
		return Cron{}, fmt.Errorf("reading cron %q: %w", spec, ErrCronSyntax)
	}
	sched, err := cronParser.Parse(s)
	if err != nil {
		return Cron{}, fmt.Errorf("reading cron %q: %w: %w", spec, ErrCronSyntax, err)
	}

	// The parser's own search gives up after five years, which covers
	// every leap day.
	if sched.Next(cronNeverFiresFrom).IsZero() {
		return Cron{}, fmt.Errorf("reading cron %q: %w", spec, ErrCronNeverFires)
	}
	return Cron{spec: s, sched: sched}, nil
}

// Next returns the first time after after that the schedule names, read in
// after's location: pass a time in the calendar's time zone.
func (c Cron) Next(after time.Time) time.Time {
	if c.sched == nil {
		return time.Time{}
	}
	return c.sched.Next(after)
}

// String returns the expression as parsed.
func (c Cron) String() string { return c.spec }
