package calendar_test

import (
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
)

// 2026-02-20 is a Friday; the default calendar works Monday to Friday,
// 09:00–12:00 and 13:00–18:00, in Asia/Shanghai.

func TestAddDefaultCalendar(t *testing.T) {
	tests := []struct {
		name, start, d, want string
	}{
		{"three business days from friday evening", "2026-02-20 17:00", "3d business",
			"2026-02-25 17:00"},
		{"one business day from the morning ends that evening", "2026-02-20 09:00",
			"1d business", "2026-02-20 18:00"},
		{"one business day from after hours ends next close", "2026-02-20 19:00",
			"1d business", "2026-02-23 18:00"},
		{"one business day from lunch", "2026-02-20 12:30", "1d business", "2026-02-23 12:00"},
		{"one business day from saturday", "2026-02-21 10:00", "1d business",
			"2026-02-23 18:00"},
		{"days then hours", "2026-02-20 17:00", "1d 4h business", "2026-02-24 12:00"},
		{"hours across the weekend", "2026-02-20 17:00", "2h business", "2026-02-23 10:00"},
		{"hours across lunch", "2026-02-20 11:30", "1h business", "2026-02-20 13:30"},
		{"start in lunch break", "2026-02-20 12:30", "30m business", "2026-02-20 13:30"},
		{"start before work", "2026-02-20 07:00", "90m business", "2026-02-20 10:30"},
		{"start after work", "2026-02-20 19:00", "1h business", "2026-02-23 10:00"},
		{"lands on close, not next morning", "2026-02-20 17:00", "1h business",
			"2026-02-20 18:00"},
		{"a full working day of hours", "2026-02-23 09:00", "8h business", "2026-02-23 18:00"},
		{"48 working hours are six days", "2026-02-23 09:00", "48h business",
			"2026-03-02 18:00"},
		{"calendar hours ignore the calendar", "2026-02-20 17:00", "2h", "2026-02-20 19:00"},
		{"calendar days are 24 hours", "2026-02-20 17:00", "3d", "2026-02-23 17:00"},
	}
	cal := calendar.Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cal.Add(sh(t, tt.start), mustDuration(t, tt.d))
			if want := sh(t, tt.want); !got.Equal(want) {
				t.Errorf("Add(%s, %q) = %s, want %s", tt.start, tt.d, got, want)
			}
		})
	}
}

func TestAddHolidaysMakeUpsClosures(t *testing.T) {
	tests := []struct {
		name  string
		cal   *calendar.Calendar
		start string
		d     string
		want  string
	}{
		{"holiday monday is skipped", withDates([]string{"2026-02-23"}, nil),
			"2026-02-20 17:00", "2h business", "2026-02-24 10:00"},
		{"make-up saturday is worked", withDates(nil, []string{"2026-02-21"}),
			"2026-02-20 17:00", "2h business", "2026-02-21 10:00"},
		{"make-up saturday counts as a day", withDates(nil, []string{"2026-02-21"}),
			"2026-02-20 17:00", "1d business", "2026-02-21 17:00"},
		{"make-up day has weekday lunch", withDates(nil, []string{"2026-02-21"}),
			"2026-02-21 11:00", "2h business", "2026-02-21 14:00"},
		{"closure week is skipped", withDates(nil, nil, "2026-02-23..2026-02-27"),
			"2026-02-20 17:00", "2h business", "2026-03-02 10:00"},
		{"holiday and closure together", withDates([]string{"2026-03-02"}, nil,
			"2026-02-23..2026-02-27"), "2026-02-20 17:00", "1d business", "2026-03-03 17:00"},
		{"spring festival with make-up days", withDates(
			[]string{"2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"},
			[]string{"2026-02-14", "2026-02-28"}),
			"2026-02-13 17:00", "3d business", "2026-02-24 17:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.cal.Add(sh(t, tt.start), mustDuration(t, tt.d))
			if want := sh(t, tt.want); !got.Equal(want) {
				t.Errorf("Add(%s, %q) = %s, want %s", tt.start, tt.d, got, want)
			}
		})
	}
}

func TestAddAcrossDaylightSaving(t *testing.T) {
	const berlin = "Europe/Berlin"
	office := calendar.Default()
	office.TimeZone = berlin
	tests := []struct {
		name  string
		cal   *calendar.Calendar
		start string
		d     string
		want  string
	}{
		{"business hours over spring forward", office, "2026-03-27 17:00", "2h business",
			"2026-03-30 10:00"},
		{"business day over spring forward", office, "2026-03-27 17:00", "1d business",
			"2026-03-30 17:00"},
		{"calendar day over spring forward is 24 hours", office, "2026-03-28 12:00", "1d",
			"2026-03-29 13:00"},
		{"round the clock over spring forward", allDay(berlin), "2026-03-29 00:00",
			"24h business", "2026-03-30 01:00"},
		{"round the clock day over spring forward", allDay(berlin), "2026-03-29 00:00",
			"1d business", "2026-03-30 00:00"},
		{"round the clock over fall back", allDay(berlin), "2026-10-25 00:00",
			"24h business", "2026-10-25 23:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.cal.Add(wall(t, berlin, tt.start), mustDuration(t, tt.d))
			if want := wall(t, berlin, tt.want); !got.Equal(want) {
				t.Errorf("Add(%s, %q) = %s, want %s", tt.start, tt.d, got, want)
			}
		})
	}
}

func TestBusinessBetween(t *testing.T) {
	tests := []struct {
		name string
		cal  *calendar.Calendar
		zone string
		a, b string
		want time.Duration
	}{
		{"over the weekend", calendar.Default(), calendar.DefaultZone, "2026-02-20 17:00",
			"2026-02-23 10:00", 2 * time.Hour},
		{"backwards is negative", calendar.Default(), calendar.DefaultZone,
			"2026-02-23 10:00", "2026-02-20 17:00", -2 * time.Hour},
		{"across lunch", calendar.Default(), calendar.DefaultZone, "2026-02-20 11:00",
			"2026-02-20 14:00", 2 * time.Hour},
		{"a whole week", calendar.Default(), calendar.DefaultZone, "2026-02-21 00:00",
			"2026-02-28 00:00", 40 * time.Hour},
		{"over a holiday", withDates([]string{"2026-02-23"}, nil), calendar.DefaultZone,
			"2026-02-20 17:00", "2026-02-24 10:00", 2 * time.Hour},
		{"within a weekend", calendar.Default(), calendar.DefaultZone, "2026-02-21 08:00",
			"2026-02-22 20:00", 0},
		{"spring forward day is 23 hours", allDay("Europe/Berlin"), "Europe/Berlin",
			"2026-03-29 00:00", "2026-03-30 00:00", 23 * time.Hour},
		{"fall back day is 25 hours", allDay("Europe/Berlin"), "Europe/Berlin",
			"2026-10-25 00:00", "2026-10-26 00:00", 25 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.cal.BusinessBetween(wall(t, tt.zone, tt.a), wall(t, tt.zone, tt.b))
			if got != tt.want {
				t.Errorf("BusinessBetween(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestWorkingDayAndTime(t *testing.T) {
	makeUp := withDates([]string{"2026-02-23"}, []string{"2026-02-21"})
	tests := []struct {
		name       string
		cal        *calendar.Calendar
		at         string
		day, time_ bool
		next       string
	}{
		{"friday morning", calendar.Default(), "2026-02-20 10:00", true, true,
			"2026-02-20 10:00"},
		{"opening minute", calendar.Default(), "2026-02-20 09:00", true, true,
			"2026-02-20 09:00"},
		{"last minute before lunch", calendar.Default(), "2026-02-20 11:59", true, true,
			"2026-02-20 11:59"},
		{"lunch break", calendar.Default(), "2026-02-20 12:00", true, false,
			"2026-02-20 13:00"},
		{"closing time", calendar.Default(), "2026-02-20 18:00", true, false,
			"2026-02-23 09:00"},
		{"saturday", calendar.Default(), "2026-02-21 10:00", false, false,
			"2026-02-23 09:00"},
		{"make-up saturday", makeUp, "2026-02-21 10:00", true, true, "2026-02-21 10:00"},
		{"holiday monday", makeUp, "2026-02-23 10:00", false, false, "2026-02-24 09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := sh(t, tt.at)
			if got := tt.cal.IsWorkingDay(at); got != tt.day {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.at, got, tt.day)
			}
			if got := tt.cal.IsWorkingTime(at); got != tt.time_ {
				t.Errorf("IsWorkingTime(%s) = %v, want %v", tt.at, got, tt.time_)
			}
			if got, want := tt.cal.NextWorkingTime(at), sh(t, tt.next); !got.Equal(want) {
				t.Errorf("NextWorkingTime(%s) = %s, want %s", tt.at, got, want)
			}
		})
	}
}

func TestSearchIsBounded(t *testing.T) {
	closed := withDates(nil, nil, "2026-01-01..2036-12-31")
	start := sh(t, "2026-02-20 10:00")
	horizon := sh(t, "2026-02-20 00:00").AddDate(0, 0, calendar.SearchHorizon+1)

	tests := []struct {
		name string
		got  time.Time
	}{
		{"next working time", closed.NextWorkingTime(start)},
		{"business hours", closed.Add(start, mustDuration(t, "2h business"))},
		{"business days", closed.Add(start, mustDuration(t, "3d business"))},
		{"too many working hours for the horizon", calendar.Default().Add(start,
			mustDuration(t, "8000h business"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.got.Equal(horizon) {
				t.Errorf("got %s, want the horizon %s", tt.got, horizon)
			}
		})
	}
	if got := closed.BusinessBetween(start, start.AddDate(20, 0, 0)); got != 0 {
		t.Errorf("BusinessBetween over a closed decade = %s, want 0", got)
	}
}

func TestAddNeverGoesBack(t *testing.T) {
	start := sh(t, "2026-02-20 10:00")
	for _, d := range []calendar.Duration{
		{Length: -time.Hour}, {Days: -3, Business: true}, {Length: -time.Hour, Business: true},
		{}, {Business: true},
	} {
		if got := calendar.Default().Add(start, d); got.Before(start) {
			t.Errorf("Add(%+v) = %s, before the start %s", d, got, start)
		}
	}
}
