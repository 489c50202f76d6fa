// Package clock owns the notion of "now" for all of Formwork.
//
// Nothing outside this package calls time.Now: deadlines, timers, token
// expiry and audit stamps all read a Clock that is injected at start-up. The
// real clock is the default; the manual clock backs tests, the process
// simulator and the `--clock manual` demo mode, where time only moves when
// someone advances it.
package clock

import (
	"sync"
	"time"
)

// Clock tells the current time. Implementations are safe for concurrent use.
type Clock interface {
	// Now returns the current instant.
	Now() time.Time
}

// Real is the wall clock. Its zero value is ready to use.
type Real struct{}

var _ Clock = Real{}

// Now returns the wall-clock time, truncated to milliseconds (the precision of BSON dates) so that values
// survive a round trip through BSON dates and JSON without drifting.
func (Real) Now() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

// Since returns the time elapsed since t according to c.
func Since(c Clock, t time.Time) time.Duration { return c.Now().Sub(t) }

// Manual is a clock that only moves when Advance or Set is called. It is used
// by tests and by the manual-clock demo mode. Listeners registered with
// OnAdvance are told about every move, so that timer dispatchers can fire
// whatever became due; alarms set with AtFunc ring when it reaches them.
type Manual struct {
	mu        sync.Mutex
	now       time.Time
	listeners []func(time.Time)
	alarms    []*manualAlarm // waiting for AtFunc, in no order
}

var _ Clock = (*Manual)(nil)

// NewManual returns a manual clock that starts at start (UTC).
func NewManual(start time.Time) *Manual {
	return &Manual{now: start.UTC().Truncate(time.Millisecond)}
}

// Now returns the clock's current instant.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// Advance moves the clock forward by d (negative values are ignored: time
// never runs backwards) and returns the new instant.
func (m *Manual) Advance(d time.Duration) time.Time {
	if d < 0 {
		d = 0
	}
	m.mu.Lock()
	m.now = m.now.Add(d)
	now, listeners := m.now, append([]func(time.Time){}, m.listeners...)
	m.mu.Unlock()

	for _, fn := range listeners {
		fn(now)
	}
	m.ringDue(now)
	return now
}

// Set moves the clock to t if t is later than the current instant.
func (m *Manual) Set(t time.Time) time.Time {
	return m.Advance(t.UTC().Sub(m.Now()))
}

// OnAdvance registers fn to be called, outside the clock's lock, after every
// Advance or Set.
func (m *Manual) OnAdvance(fn func(time.Time)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.listeners = append(m.listeners, fn)
}

// Stopwatch measures elapsed wall time for latency metrics and logs. It
// reads the monotonic clock and never business time, so it stays real even
// when the process runs on a manual clock.
type Stopwatch struct{ start time.Time }

// StartStopwatch starts a stopwatch.
func StartStopwatch() Stopwatch { return Stopwatch{start: time.Now()} }

// Elapsed returns the time since the stopwatch started.
func (s Stopwatch) Elapsed() time.Duration { return time.Since(s.start) }
