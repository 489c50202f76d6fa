package calendar

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Limits on a calendar's size, so that checking and walking it stay cheap.
const (
	MaxIntervalsPerDay = 12   // working intervals in one weekday
	MaxDates           = 1000 // holidays, and make-up days
	MaxClosures        = 200  // closures
	MaxNameLen         = 100  // characters in a name
	MaxTeams           = 200  // teams a calendar times
	MaxTeamLen         = 64   // characters in a team name
)

var keyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// Validate checks the calendar and returns a problem error listing every
// mistake, each keyed by a JSON pointer into the calendar's document, or
// nil when it is sound.
func (c *Calendar) Validate() error {
	var col problem.Collector
	c.checkIdentity(&col)
	week := c.checkWeek(&col)

	holidays := checkDates(&col, "/holidays", c.Holidays)
	makeUps := checkDates(&col, "/make_up_days", c.MakeUpDays)
	closures := c.checkClosures(&col)

	checkMakeUps(&col, week, holidays, makeUps, closures)
	c.checkTeams(&col)
	return localize(col.Err())
}

func (c *Calendar) checkIdentity(col *problem.Collector) {
	switch {
	case c.Key == "":
		col.Add("/key", "required", nil)
	case !keyPattern.MatchString(c.Key):
		col.Add("/key", "calendar.bad_key", nil)
	}

	checkNames(col, "/name", c.Name, true)

	switch _, ok := loadZone(c.TimeZone); {
	case c.TimeZone == "":
		col.Add("/time_zone", "required", nil)
	case !ok:
		col.Add("/time_zone", "calendar.bad_time_zone", i18n.Params{"value": quoted(c.TimeZone)})
	}
}

// checkNames checks a name per locale; required says one must be given.
func checkNames(col *problem.Collector, ptr string, names map[string]string, required bool) {
	if required && len(names) == 0 {
		col.Add(ptr, "required", nil)
	}

	for _, l := range slices.Sorted(maps.Keys(names)) {
		p := ptr + "/" + escape(l)
		switch name := strings.TrimSpace(names[l]); {
		case !i18n.Valid(l):
			col.Add(p, "invalid_locale", i18n.Params{"allowed": localeList()})
		case name == "":
			col.Add(p, "required", nil)
		case len([]rune(name)) > MaxNameLen:
			col.Add(p, "too_long", i18n.Params{"max": MaxNameLen})
		}
	}
}

// checkDates checks a list of dates and returns the index of each readable
// one by day, first occurrence only.
func checkDates(col *problem.Collector, ptr string, dates []string) map[day]int {
	if len(dates) > MaxDates {
		col.Add(ptr, "calendar.too_many", i18n.Params{"max": MaxDates})
		return nil
	}

	index := make(map[day]int, len(dates))
	for i, s := range dates {
		p := fmt.Sprintf("%s/%d", ptr, i)
		d, ok := parseDate(s)
		switch _, dup := index[d]; {
		case !ok:
			col.Add(p, "calendar.bad_date", i18n.Params{"value": quoted(s)})
		case dup:
			col.Add(p, "duplicate", nil)
		default:
			index[d] = i
		}
	}
	return index
}

func (c *Calendar) checkClosures(col *problem.Collector) []dayRange {
	if len(c.Closures) > MaxClosures {
		col.Add("/closures", "calendar.too_many", i18n.Params{"max": MaxClosures})
		return nil
	}

	var ranges []dayRange
	for i, cl := range c.Closures {
		p := fmt.Sprintf("/closures/%d", i)
		first, okA := checkDate(col, p+"/start", cl.Start)
		last, okB := checkDate(col, p+"/end", cl.End)
		checkNames(col, p+"/name", cl.Name, false)

		switch {
		case okA && okB && last < first:
			col.Add(p+"/end", "calendar.inverted_range", nil)
		case okA && okB:
			ranges = append(ranges, dayRange{first, last})
		}
	}
	return ranges
}

func checkDate(col *problem.Collector, ptr, s string) (day, bool) {
	d, ok := parseDate(s)
	if !ok {
		col.Add(ptr, "calendar.bad_date", i18n.Params{"value": quoted(s)})
	}
	return d, ok
}

// localize gives every calendar field error its messages from the catalog,
// so that the codes keep the package's "calendar." prefix; the platform's
// own codes ("required" …) read theirs from "field.<code>".
func localize(err error) error {
	pe, ok := problem.As(err)
	if !ok {
		return err
	}

	for i, f := range pe.Fields {
		if !strings.HasPrefix(f.Code, "calendar.") {
			continue
		}
		msgs := make(map[i18n.Locale]string, len(i18n.Locales))
		for _, l := range i18n.Locales {
			msgs[l] = i18n.T(l, f.Code, f.Params)
		}
		pe.Fields[i].Messages = msgs
	}
	return pe
}

func localeList() string {
	names := make([]string, len(i18n.Locales))
	for i, l := range i18n.Locales {
		names[i] = string(l)
	}
	return strings.Join(names, ", ")
}

// escape escapes a key for a JSON pointer (RFC 6901).
func escape(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}
