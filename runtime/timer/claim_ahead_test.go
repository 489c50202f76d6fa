package timer

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
)

// alarmWatch is a manual clock that reports every alarm set on it, so a
// test can wait for the releaser to reach a step without sleeping.
type alarmWatch struct {
	*clock.Manual
	set chan time.Time
}

// AtFunc implements clock.Alarmer.
func (w alarmWatch) AtFunc(at time.Time, fn func()) clock.Alarm {
	select {
	case w.set <- at:
	default: // a test reads only the first alarms
	}
	return w.Manual.AtFunc(at, fn)
}

// calls records the handler calls of one test with the clock's time.
type calls struct {
	mu  sync.Mutex
	at  []time.Time
	clk clock.Clock
}

func (c *calls) handle(context.Context, *Timer) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = append(c.at, c.clk.Now())
	return nil
}

func (c *calls) got() []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Time(nil), c.at...)
}

// claimedAhead runs a releaser on a watched manual clock, holds a timer due
// in a second and moves the clock to a millisecond before it: the releaser
// must claim the timer then and wait for its due time to call the handler.
func claimedAhead(t *testing.T) (*Service, alarmWatch, *calls, *Timer) {
	t.Helper()
	w := alarmWatch{Manual: clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)),
		set: make(chan time.Time, 1024)}
	s := New(testenv.Mongo(t), testenv.Queue(t), w, Config{}, testenv.Logger())
	ctx := context.Background()
	if err := s.EnsureIndexes(ctx); err != nil {
		t.Fatalf("EnsureIndexes: %v", err)
	}
	c := &calls{clk: w}
	s.Handle("sla", c.handle)
	s.rel.start(ctx)
	t.Cleanup(s.rel.stop)

	tm := &Timer{ID: "ahead", Kind: "sla", DueAt: w.Now().Add(time.Second)}
	if err := s.Schedule(ctx, "t1", tm); err != nil {
		t.Fatalf("Schedule: %v", err)
	}
	w.Set(tm.DueAt.Add(-time.Millisecond))
	waitAlarm(t, w, tm.DueAt)

	stored, err := s.get(ctx, "t1", tm.ID)
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if stored.Status != StatusFiring {
		t.Fatalf("timer is %s while its handler waits for the due time, want firing",
			stored.Status)
	}
	if got := c.got(); len(got) != 0 {
		t.Fatalf("handler called at %v, before the due time %v", got, tm.DueAt)
	}
	return s, w, c, tm
}

// waitAlarm waits until an alarm is set for at: the claimed firing waiting
// for its due time.
func waitAlarm(t *testing.T, w alarmWatch, at time.Time) {
	t.Helper()
	give := time.NewTimer(30 * time.Second)
	defer give.Stop()
	for {
		select {
		case got := <-w.set:
			if got.Equal(at) {
				return
			}
		case <-give.C:
			t.Fatalf("no firing waits for %v", at)
		}
	}
}

// TestReleaserClaimsAheadAndCallsAtDueTime: the claim is over before the
// due time, and the handler runs at it, once.
func TestReleaserClaimsAheadAndCallsAtDueTime(t *testing.T) {
	s, w, c, tm := claimedAhead(t)

	w.Set(tm.DueAt)
	s.rel.stop() // waits for the firing
	got := c.got()
	if len(got) != 1 || got[0].Before(tm.DueAt) {
		t.Fatalf("handler called at %v, want once at or after %v", got, tm.DueAt)
	}
	stored, err := s.get(context.Background(), "t1", tm.ID)
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if stored.Status != StatusFired || stored.FiredAt.Before(tm.DueAt) {
		t.Errorf("timer %s fired at %v, want fired at or after %v", stored.Status,
			stored.FiredAt, tm.DueAt)
	}
}

// TestCancelWhileClaimedAheadStands: a timer cancelled between its early
// claim and its due time is not fired.
func TestCancelWhileClaimedAheadStands(t *testing.T) {
	s, w, c, tm := claimedAhead(t)
	if err := s.Cancel(context.Background(), "t1", tm.ID); err != nil {
		t.Fatalf("Cancel: %v", err)
	}

	w.Set(tm.DueAt)
	s.rel.stop()
	if got := c.got(); len(got) != 0 {
		t.Errorf("cancelled timer fired at %v", got)
	}
	stored, err := s.get(context.Background(), "t1", tm.ID)
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if stored.Status != StatusCancelled {
		t.Errorf("timer is %s, want cancelled", stored.Status)
	}
}

func TestClaimCostAheadStaysInBounds(t *testing.T) {
	tests := []struct {
		name  string
		claim time.Duration
		want  time.Duration
	}{
		{"no claims yet", 0, 3 * claimMeanStart},
		{"instant claims", time.Nanosecond, claimAheadFloor},
		{"slow claims", time.Second, claimAheadCap},
		{"30 ms claims", 30 * time.Millisecond, 90 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c claimCost
			for range 200 {
				if tt.claim > 0 {
					c.note(tt.claim)
				}
			}
			got := c.ahead()
			if diff := got - tt.want; diff < -time.Millisecond || diff > time.Millisecond {
				t.Errorf("ahead() = %s, want %s", got, tt.want)
			}
		})
	}
}
