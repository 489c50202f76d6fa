package clock_test

import (
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
)

func TestManualAdvance(t *testing.T) {
	start := time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)
	c := clock.NewManual(start)

	var seen []time.Time
	c.OnAdvance(func(now time.Time) { seen = append(seen, now) })

	c.Advance(2 * time.Hour)
	c.Advance(-time.Hour)
	c.Set(start)

	want := start.Add(2 * time.Hour)
	if got := c.Now(); !got.Equal(want) {
		t.Fatalf("Now() = %v, want %v", got, want)
	}
	if len(seen) != 3 || !seen[0].Equal(want) {
		t.Fatalf("listeners saw %v, want three calls at %v", seen, want)
	}
	if d := clock.Since(c, start); d != 2*time.Hour {
		t.Fatalf("Since = %v, want 2h", d)
	}
}
