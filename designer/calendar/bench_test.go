package calendar_test

import (
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
)

func BenchmarkScheduleAddBusinessDays(b *testing.B) {
	s := withDates([]string{"2026-02-23"}, []string{"2026-02-21"}).Schedule()
	start := time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)
	d := calendar.Duration{Days: 3, Length: 4 * time.Hour, Business: true}
	for b.Loop() {
		s.Add(start, d)
	}
}

func BenchmarkCalendarAddWithPreparation(b *testing.B) {
	c := withDates([]string{"2026-02-23"}, []string{"2026-02-21"})
	start := time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)
	d := calendar.Duration{Length: 2 * time.Hour, Business: true}
	for b.Loop() {
		c.Add(start, d)
	}
}
