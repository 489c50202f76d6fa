package engine

import (
	"fmt"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
)

// dueAfter returns start plus the duration written s ("2h" wall time,
// "8h business" working time in calendar key).
func (r *run) dueAfter(start time.Time, s, key string) (time.Time, error) {
	d, err := calendar.ParseDuration(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("reading duration %q: %w", s, err)
	}
	if !d.Business {
		return start.Add(d.Nominal()), nil
	}
	return r.in.calendarOf(key).Add(start, d), nil
}

// untilDue is the instant a timer waiting until a date field goes on:
// the field's instant moved by the timer's offset (wall time, or working
// time in the timer's calendar). false when the field is empty or
// unreadable.
func (r *run) untilDue(cfg *process.TimerConfig) (time.Time, bool, error) {
	at, ok := r.fieldTime(cfg.Until)
	if !ok || cfg.Offset == "" {
		return at, ok, nil
	}
	o, err := process.ParseOffset(cfg.Offset)
	if err != nil {
		return time.Time{}, false, err
	}

	d := o.Duration
	if !d.Business {
		if o.Before {
			return at.Add(-d.Length), true, nil
		}
		return at.Add(d.Length), true, nil
	}
	key, _ := r.countIn(cfg.Calendar, r.ownerTeam())
	cd := calendar.Duration{Days: d.Days, Business: true,
		Length: d.Length - time.Duration(d.Days)*24*time.Hour}
	cal := r.in.calendarOf(key)
	if o.Before {
		return businessBefore(cal, at, cd), true, nil
	}
	return cal.Add(at, cd), true, nil
}

// untilDueOf is untilDue for the timer node tok waits at.
func (r *run) untilDueOf(tok Token) (time.Time, bool, error) {
	node, _ := r.m.node(tok.Node)
	cfg, _ := process.ConfigAs[*process.TimerConfig](node)
	if cfg == nil {
		at, ok := r.fieldTime(tok.Wait.Field)
		return at, ok, nil
	}
	return r.untilDue(cfg)
}

// replanUntil moves the timer of a token waiting until a date field moved
// by a business offset, after calendar changedKey changed; a timer with
// no offset, or a wall-time one, keeps its deadline.
func (r *run) replanUntil(tok *Token, c *process.TimerConfig, changedKey string) bool {
	o, err := process.ParseOffset(c.Offset)
	if c.Offset == "" || err != nil || !o.Business {
		return false
	}
	if key, _ := r.countIn(c.Calendar, r.ownerTeam()); key != changedKey {
		return false
	}
	due, ok, err := r.untilDue(c)
	if err != nil || !ok || due.Equal(tok.Wait.Due) {
		return false
	}

	r.moveWait(tok, TimerWait, due, changedKey)
	return true
}

// maxWiden bounds how often businessBefore doubles its search window: a
// window of 2^24 minutes is over 30 years.
const maxWiden = 24

// businessBefore returns the latest instant from which d of working time
// in cal reaches at most at, that is at moved back by d of working time:
// "4h business" before Wednesday 10:00 is Tuesday 15:00 in a 9-to-18
// calendar. The calendar only counts forwards, and counting forwards is
// monotonic, so the instant is found by bisection.
func businessBefore(cal *calendar.Calendar, at time.Time, d calendar.Duration) time.Time {
	reaches := func(t time.Time) bool { return !cal.Add(t, d).After(at) }
	gap := max(d.Nominal(), time.Minute)
	lo := at.Add(-gap)
	for range maxWiden {
		if reaches(lo) {
			break
		}
		gap *= 2
		lo = at.Add(-gap)
	}

	hi := at
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		if reaches(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	if up := lo.Truncate(time.Second).Add(time.Second); up.Before(hi) && reaches(up) {
		return up
	}
	return lo.Truncate(time.Second)
}

// lastActivity returns the record's latest activity of kinds (all kinds
// when empty).
func (r *run) lastActivity(kinds []process.ActivityKind) time.Time {
	rec := r.in.Record
	if rec == nil {
		return time.Time{}
	}
	if len(kinds) == 0 || rec.LastActivityByKind == nil {
		return rec.LastActivityAt
	}

	var last time.Time
	for _, k := range kinds {
		last = later(last, rec.LastActivityByKind[string(k)])
	}
	return last
}

// fieldTime reads a date or date-time field of the record: a time, an
// RFC 3339 string, or a date ("2006-01-02", midnight in the default
// calendar's zone). false when the field is empty or unreadable.
func (r *run) fieldTime(field string) (time.Time, bool) {
	if r.in.Record == nil {
		return time.Time{}, false
	}
	switch v := r.in.Record.Data[field].(type) {
	case time.Time:
		return v, !v.IsZero()
	case string:
		return parseWhen(v, r.in.calendarOf("").Schedule().Location())
	}
	return time.Time{}, false
}

// parseWhen reads an RFC 3339 date-time, or a date in loc.
func parseWhen(s string, loc *time.Location) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
