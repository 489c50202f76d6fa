package calendar_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
)

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"2h", "90m", "3d", "48h", "90m business", "3d business",
		"1d 4h business", "0h", "367d", "1h1h", "2 hours", "", "business", "1.5h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := calendar.ParseDuration(s)
		if err != nil {
			if de, ok := err.(*calendar.DurationError); !ok || de.Message("zh-CN") == "" {
				t.Fatalf("ParseDuration(%q) error %v is not a *DurationError", s, err)
			}
			return
		}
		if d.Nominal() <= 0 || d.Nominal() > calendar.MaxDurationDays*24*time.Hour {
			t.Fatalf("ParseDuration(%q) = %+v, outside the limits", s, d)
		}
		back, err := calendar.ParseDuration(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDuration(%q).String() = %q reads back as %+v, %v", s, d.String(),
				back, err)
		}
	})
}

func FuzzCalendar(f *testing.F) {
	doc, err := json.Marshal(withDates([]string{"2026-02-23"}, []string{"2026-02-21"},
		"2026-07-01..2026-08-31"))
	if err != nil {
		f.Fatal(err)
	}
	start := time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC).Unix()
	f.Add(doc, start, int64(time.Hour), "3d business")
	f.Add([]byte(`{"time_zone":"Europe/Berlin","working_hours":{"sunday":`+
		`[{"start":"00:00","end":"24:00"}]}}`), start, int64(-time.Hour), "2h business")
	f.Add([]byte(`{"time_zone":"Local","closures":[{"start":"2000-01-01","end":"2999-12-31"}]}`),
		int64(0), int64(0), "1m business")
	f.Add([]byte(`{"time_zone":"Asia/Shanghai","teams":["east","","east"],"working_hours":`+
		`{"monday":[{"start":"14:00","end":"20:00"}]}}`), start, int64(time.Hour), "2h business")
	f.Fuzz(func(t *testing.T, doc []byte, startUnix, span int64, due string) {
		var c calendar.Calendar
		if json.Unmarshal(doc, &c) != nil {
			return
		}
		_ = c.Validate()

		s := c.Schedule()
		a := time.Unix(startUnix%(400*365*86400), 0)
		d, err := calendar.ParseDuration(due)
		if err != nil {
			d = calendar.Duration{Length: time.Duration(span), Business: span%2 == 0}
		}
		if got := s.Add(a, d); got.Before(a) {
			t.Fatalf("Add(%s, %+v) = %s, before the start", a, d, got)
		}
		if got := s.NextWorkingTime(a); got.Before(a) {
			t.Fatalf("NextWorkingTime(%s) = %s, before it", a, got)
		}
		b := a.Add(time.Duration(span))
		if between := s.BusinessBetween(a, b); (between < 0) != b.Before(a) && between != 0 {
			t.Fatalf("BusinessBetween(%s, %s) = %s has the wrong sign", a, b, between)
		}
		_ = s.IsWorkingDay(a) || s.IsWorkingTime(a)
	})
}
