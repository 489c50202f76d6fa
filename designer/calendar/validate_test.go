package calendar_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// finding is one field error as a test compares it.
type finding struct{ Pointer, Code string }

func findings(t *testing.T, err error) []finding {
	t.Helper()
	if err == nil {
		return nil
	}
	pe, ok := problem.As(err)
	if !ok || pe.Kind != problem.Invalid {
		t.Fatalf("Validate error = %v, want an Invalid problem", err)
	}
	var out []finding
	for _, f := range pe.Fields {
		out = append(out, finding{f.Pointer, f.Code})
		for _, l := range i18n.Locales {
			if msg := f.Message(l); msg == "" || strings.HasPrefix(msg, "field.") ||
				strings.HasPrefix(msg, "calendar.") || strings.Contains(msg, "{") {
				t.Errorf("%s %s: %s message %q is not filled in", f.Pointer, f.Code, l, msg)
			}
		}
	}
	return out
}

func hours(pairs ...string) []calendar.Interval {
	var out []calendar.Interval
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, calendar.Interval{Start: pairs[i], End: pairs[i+1]})
	}
	return out
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *calendar.Calendar)
		want   []finding
	}{
		{"default is sound", func(*calendar.Calendar) {}, nil},
		{"holidays, make-up days and closures", func(c *calendar.Calendar) {
			c.Holidays = []string{"2026-02-16", "2026-02-17"}
			c.MakeUpDays = []string{"2026-02-14"}
			c.Closures = []calendar.Closure{{Start: "2026-07-01", End: "2026-08-31",
				Name: map[string]string{"zh-CN": "暑假", "en": "Summer holidays"}}}
		}, nil},
		{"missing identity", func(c *calendar.Calendar) {
			c.Key, c.Name, c.TimeZone = "", nil, ""
		}, []finding{{"/key", "required"}, {"/name", "required"}, {"/time_zone", "required"}}},
		{"bad key, locale, empty name", func(c *calendar.Calendar) {
			c.Key = "Office Hours"
			c.Name = map[string]string{"fr": "Bureau", "en": " "}
		}, []finding{{"/key", "calendar.bad_key"}, {"/name/en", "required"},
			{"/name/fr", "invalid_locale"}}},
		{"teams", func(c *calendar.Calendar) { c.Teams = []string{"east", "华东"} }, nil},
		{"bad teams", func(c *calendar.Calendar) {
			c.Teams = []string{"east", " ", "east", strings.Repeat("t", 65)}
		}, []finding{{"/teams/1", "required"}, {"/teams/2", "duplicate"},
			{"/teams/3", "too_long"}}},
		{"bad zone", func(c *calendar.Calendar) { c.TimeZone = "Mars/Olympus" },
			[]finding{{"/time_zone", "calendar.bad_time_zone"}}},
		{"host zone refused", func(c *calendar.Calendar) { c.TimeZone = "Local" },
			[]finding{{"/time_zone", "calendar.bad_time_zone"}}},
		{"bad times", func(c *calendar.Calendar) {
			c.WorkingHours.Monday = hours("9:00", "12:00", "13:00", "24:30")
		}, []finding{{"/working_hours/monday/0/start", "calendar.bad_time"},
			{"/working_hours/monday/1/end", "calendar.bad_time"}}},
		{"inverted interval", func(c *calendar.Calendar) {
			c.WorkingHours.Tuesday = hours("12:00", "09:00")
		}, []finding{{"/working_hours/tuesday/0/end", "calendar.inverted_interval"}}},
		{"overlapping intervals", func(c *calendar.Calendar) {
			c.WorkingHours.Wednesday = hours("13:00", "18:00", "09:00", "13:30")
		}, []finding{{"/working_hours/wednesday/0", "calendar.overlapping_interval"}}},
		{"touching intervals are fine", func(c *calendar.Calendar) {
			c.WorkingHours.Wednesday = hours("09:00", "12:00", "12:00", "24:00")
		}, nil},
		{"no working hours", func(c *calendar.Calendar) { c.WorkingHours = calendar.Week{} },
			[]finding{{"/working_hours", "calendar.no_working_hours"}}},
		{"too many intervals", func(c *calendar.Calendar) {
			for i := 0; i < 13; i++ {
				c.WorkingHours.Friday = append(c.WorkingHours.Friday,
					calendar.Interval{Start: "09:00", End: "10:00"})
			}
		}, []finding{{"/working_hours/friday", "calendar.too_many"}}},
		{"bad and duplicate dates", func(c *calendar.Calendar) {
			c.Holidays = []string{"2026-02-30", "2026-10-01", "2026-10-01", "20261002"}
		}, []finding{{"/holidays/0", "calendar.bad_date"}, {"/holidays/2", "duplicate"},
			{"/holidays/3", "calendar.bad_date"}}},
		{"holiday and make-up day", func(c *calendar.Calendar) {
			c.Holidays = []string{"2026-02-15"}
			c.MakeUpDays = []string{"2026-02-15"}
		}, []finding{{"/make_up_days/0", "calendar.holiday_and_make_up"},
			{"/holidays/0", "calendar.holiday_and_make_up"}}},
		{"make-up day on a working day", func(c *calendar.Calendar) {
			c.MakeUpDays = []string{"2026-02-14", "2026-02-16"}
		}, []finding{{"/make_up_days/1", "calendar.make_up_on_working_day"}}},
		{"make-up day inside a closure", func(c *calendar.Calendar) {
			c.MakeUpDays = []string{"2026-07-04"}
			c.Closures = []calendar.Closure{{Start: "2026-07-01", End: "2026-08-31"}}
		}, []finding{{"/make_up_days/0", "calendar.make_up_in_closure"}}},
		{"bad closures", func(c *calendar.Calendar) {
			c.Closures = []calendar.Closure{{Start: "2026-08-31", End: "2026-07-01"},
				{Start: "July", End: "2026-07-01", Name: map[string]string{"de": "x"}}}
		}, []finding{{"/closures/0/end", "calendar.inverted_range"},
			{"/closures/1/start", "calendar.bad_date"}, {"/closures/1/name/de", "invalid_locale"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := calendar.Default()
			tt.change(c)
			if diff := cmp.Diff(tt.want, findings(t, c.Validate())); diff != "" {
				t.Errorf("Validate() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCalendarJSON(t *testing.T) {
	doc := `{
	  "key": "cn-office",
	  "name": {"zh-CN": "办公室", "en": "Office"},
	  "time_zone": "Asia/Shanghai",
	  "working_hours": {
	    "monday": [{"start": "09:00", "end": "12:00"}, {"start": "13:30", "end": "18:00"}],
	    "saturday": [{"start": "10:00", "end": "14:00"}]
	  },
	  "holidays": ["2026-10-01"],
	  "make_up_days": ["2026-10-11"],
	  "closures": [{"start": "2026-07-01", "end": "2026-08-31", "name": {"en": "Summer"}}]
	}`
	var c calendar.Calendar
	if err := json.Unmarshal([]byte(doc), &c); err != nil {
		t.Fatalf("decoding: %v", err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	want := calendar.Week{
		Monday:   hours("09:00", "12:00", "13:30", "18:00"),
		Saturday: hours("10:00", "14:00"),
	}
	if diff := cmp.Diff(want, c.WorkingHours); diff != "" {
		t.Errorf("working hours (-want +got):\n%s", diff)
	}

	// 2026-10-11 is a Sunday worked with Monday's hours, lunch included.
	sunday := sh(t, "2026-10-11 12:00")
	if got := c.BusinessBetween(sunday, sunday.Add(2*time.Hour)); got != 30*time.Minute {
		t.Errorf("make-up Sunday 12:00–14:00 = %s of work, want 30m", got)
	}
}
