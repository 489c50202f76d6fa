package ids_test

import (
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
)

func TestNewIsOrderedAndValid(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	g := ids.NewGenerator(c)

	first := g.New()
	c.Advance(time.Millisecond)
	second := g.New()

	if !(first < second) {
		t.Fatalf("ids not ordered by time: %q then %q", first, second)
	}
	for _, id := range []string{first, second} {
		if !ids.Valid(id) {
			t.Fatalf("Valid(%q) = false", id)
		}
	}
}

func TestNewIsOrderedWhileTheClockStandsStill(t *testing.T) {
	g := ids.NewGenerator(clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	prev := g.New()
	for range 1000 {
		next := g.New()
		if next <= prev {
			t.Fatalf("%q after %q", next, prev)
		}
		prev = next
	}
}

func TestValidRejectsGarbage(t *testing.T) {
	for _, s := range []string{"", "abc", "$ne", "01jd3k6x0f7m9r2t4v6w8y0z1!", "zzzzzzzzzzzzzzzzzzzzzzzzzz"} {
		if ids.Valid(s) {
			t.Errorf("Valid(%q) = true, want false", s)
		}
	}
}
