package calendar

import (
	"slices"
	"time"
)

// Calendar is a business calendar as tenants edit it and packs ship it. Its
// JSON keys are snake_case. Dates are written "2006-01-02" and times of day
// "15:04" (24-hour; an interval may end at "24:00"); Validate checks them.
//
// A day is a working day when it is a make-up day, or when its weekday has
// working hours and it is neither a holiday nor inside a closure. Should a
// date be both a day off and a make-up day (Validate refuses that), the day
// off wins.
type Calendar struct {
	// Key identifies the calendar within a tenant, e.g. "cn-office".
	Key string `json:"key"`
	// Name is the calendar's display name per locale ("zh-CN", "en").
	Name map[string]string `json:"name"`
	// TimeZone is the IANA zone the hours and dates are read in, e.g.
	// "Asia/Shanghai".
	TimeZone string `json:"time_zone"`
	// WorkingHours are the working intervals of each weekday; a weekday
	// without intervals is a day off.
	WorkingHours Week `json:"working_hours"`
	// Holidays are dates off that would otherwise be working days.
	Holidays []string `json:"holidays,omitempty"`
	// MakeUpDays are dates that would otherwise be off but are worked (调休).
	// They have the hours of a normal weekday: those of the first day from
	// Monday to Sunday that has any.
	MakeUpDays []string `json:"make_up_days,omitempty"`
	// Closures are ranges of dates off, such as school holidays.
	Closures []Closure `json:"closures,omitempty"`
	// Teams are the teams (users' team names) whose work this calendar
	// times: a task step or timer that names no calendar, or the calendar
	// "team", counts in the calendar listing its person's team. A team is
	// listed by one calendar at most.
	Teams []string `json:"teams,omitempty"`
}

// TeamKey is the calendar key a step names to count in its person's team
// calendar explicitly; an empty key does the same.
const TeamKey = "team"

// Lists reports whether the calendar times team's work.
func (c *Calendar) Lists(team string) bool {
	return team != "" && slices.Contains(c.Teams, team)
}

// Week holds the working intervals of each weekday, in order of the day.
type Week struct {
	Monday    []Interval `json:"monday,omitempty"`
	Tuesday   []Interval `json:"tuesday,omitempty"`
	Wednesday []Interval `json:"wednesday,omitempty"`
	Thursday  []Interval `json:"thursday,omitempty"`
	Friday    []Interval `json:"friday,omitempty"`
	Saturday  []Interval `json:"saturday,omitempty"`
	Sunday    []Interval `json:"sunday,omitempty"`
}

// Interval is a stretch of working time within one day, from Start
// (inclusive) to End (exclusive), such as "09:00" to "12:00". A shift past
// midnight is two intervals: "22:00"–"24:00" and, the next day,
// "00:00"–"06:00".
type Interval struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// Closure is a range of dates off, both ends included.
type Closure struct {
	Start string `json:"start"`
	End   string `json:"end"`
	// Name says what the closure is, per locale; optional.
	Name map[string]string `json:"name,omitempty"`
}

// weekdays pairs each weekday with its JSON key, Monday first.
var weekdays = []struct {
	day time.Weekday
	key string
}{
	{time.Monday, "monday"}, {time.Tuesday, "tuesday"}, {time.Wednesday, "wednesday"},
	{time.Thursday, "thursday"}, {time.Friday, "friday"}, {time.Saturday, "saturday"},
	{time.Sunday, "sunday"},
}

// Day returns the working intervals of weekday d.
func (w *Week) Day(d time.Weekday) []Interval {
	return *w.slot(d)
}

// SetDay replaces the working intervals of weekday d.
func (w *Week) SetDay(d time.Weekday, intervals []Interval) {
	*w.slot(d) = intervals
}

func (w *Week) slot(d time.Weekday) *[]Interval {
	switch d {
	case time.Monday:
		return &w.Monday
	case time.Tuesday:
		return &w.Tuesday
	case time.Wednesday:
		return &w.Wednesday
	case time.Thursday:
		return &w.Thursday
	case time.Friday:
		return &w.Friday
	case time.Saturday:
		return &w.Saturday
	}
	return &w.Sunday
}

// DefaultZone is the time zone of the Default calendar.
const DefaultZone = "Asia/Shanghai"

// Default returns a new copy of the calendar used when a tenant has none:
// Monday to Friday, 09:00–12:00 and 13:00–18:00, in Asia/Shanghai, with no
// holidays. Official holidays change every year and ship in packs as data;
// none are invented here.
func Default() *Calendar {
	c := &Calendar{
		Key:      "default",
		Name:     map[string]string{"zh-CN": "默认工作日历", "en": "Default business calendar"},
		TimeZone: DefaultZone,
	}

	for _, wd := range weekdays[:5] {
		c.WorkingHours.SetDay(wd.day, []Interval{{"09:00", "12:00"}, {"13:00", "18:00"}})
	}
	return c
}
