package calendar_test

import (
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
)

func TestChina(t *testing.T) {
	c := calendar.China()
	if err := c.Validate(); err != nil {
		t.Fatalf("China() does not validate: %v", err)
	}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	tests := []struct {
		name    string
		day     string
		working bool
	}{
		{"National Day", "2026-10-01", false},
		{"Spring Festival", "2026-02-17", false},
		{"make-up Saturday before Spring Festival", "2026-02-14", true},
		{"make-up Saturday after National Day", "2026-10-10", true},
		{"ordinary Monday", "2026-03-02", true},
		{"ordinary Saturday", "2026-03-07", false},
		{"New Year 2025", "2025-01-01", false},
		{"New Year 2027", "2027-01-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := time.ParseInLocation("2006-01-02", tt.day, sh)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.IsWorkingDay(d.Add(10 * time.Hour)); got != tt.working {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.day, got, tt.working)
			}
		})
	}
	// Two hours of business time from 17:00 on the eve of National Day: one
	// hour that evening, the other on the first working morning after the
	// holiday week.
	start := time.Date(2026, 9, 30, 17, 0, 0, 0, sh)
	due := c.Add(start, calendar.Duration{Length: 2 * time.Hour, Business: true})
	if want := time.Date(2026, 10, 8, 10, 0, 0, 0, sh); !due.Equal(want) {
		t.Errorf("2h business from %s = %s, want %s", start, due, want)
	}
}
