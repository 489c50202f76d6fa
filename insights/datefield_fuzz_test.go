package insights

import (
	"testing"
	"time"
)

// FuzzDateDay feeds record values to the date-field parser: it never
// panics, and a day it accepts is a real day.
func FuzzDateDay(f *testing.F) {
	for _, s := range []string{"2026-03-02", "2026-02-30", "2026-03-02T23:30:00-08:00",
		"2026-03-02T10:00:00Z", "", "week 9", "2026-3-2"} {
		f.Add(s)
	}
	zone := time.FixedZone("CST", 8*3600)
	f.Fuzz(func(t *testing.T, s string) {
		day, ok := dateDay(s, zone)
		if !ok {
			return
		}
		if _, err := time.Parse(dayLayout, day); err != nil {
			t.Errorf("dateDay(%q) = %q, not a day", s, day)
		}
	})
}
