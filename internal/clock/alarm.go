package clock

import (
	"slices"
	"time"
)

// Alarm is a pending call of a function at an instant of a clock.
type Alarm interface {
	// Stop cancels the call. It reports whether it stopped it, false when
	// the function has already been called or the alarm was stopped before.
	Stop() bool
}

// Alarmer is a Clock that can call a function when it reaches an instant.
// Real and Manual are Alarmers; AtFunc falls back to the wall clock for
// other clocks.
type Alarmer interface {
	Clock
	// AtFunc calls fn once, when the clock reaches at.
	AtFunc(at time.Time, fn func()) Alarm
}

var (
	_ Alarmer = Real{}
	_ Alarmer = (*Manual)(nil)
)

// AtFunc calls fn once, when c reaches at: never before at by c's reckoning.
// Clocks that are not Alarmers wait on the wall clock.
func AtFunc(c Clock, at time.Time, fn func()) Alarm {
	if a, ok := c.(Alarmer); ok {
		return a.AtFunc(at, fn)
	}
	return Real{}.AtFunc(at, fn)
}

// AfterFunc calls fn once, when c has moved on by d from now.
func AfterFunc(c Clock, d time.Duration, fn func()) Alarm {
	return AtFunc(c, c.Now().Add(d), fn)
}

// AtFunc calls fn in its own goroutine once the wall clock reaches at. Go
// timers never fire early, so Now read from fn is at or after at.
func (Real) AtFunc(at time.Time, fn func()) Alarm {
	return time.AfterFunc(time.Until(at), fn)
}

// manualAlarm is a call waiting for a Manual clock to reach at.
type manualAlarm struct {
	m  *Manual
	at time.Time
	fn func()
}

// Stop removes the alarm from its clock's waiting list.
func (a *manualAlarm) Stop() bool {
	a.m.mu.Lock()
	defer a.m.mu.Unlock()

	i := slices.Index(a.m.alarms, a)
	if i < 0 {
		return false
	}
	a.m.alarms = slices.Delete(a.m.alarms, i, i+1)
	return true
}

// AtFunc calls fn when the clock reaches at. An alarm already due runs in
// its own goroutine, as time.AfterFunc does with a past instant; the others
// run synchronously inside the Advance or Set that reaches them, after the
// OnAdvance listeners, in the order of their instants, so that Advance
// returns only once everything it made due has been called.
func (m *Manual) AtFunc(at time.Time, fn func()) Alarm {
	a := &manualAlarm{m: m, at: at, fn: fn}

	m.mu.Lock()
	due := !at.After(m.now)
	if !due {
		m.alarms = append(m.alarms, a)
	}
	m.mu.Unlock()

	if due {
		go fn()
	}
	return a
}

// takeDue removes and returns the alarms due at now, earliest first.
func (m *Manual) takeDue(now time.Time) []*manualAlarm {
	m.mu.Lock()
	defer m.mu.Unlock()

	var due []*manualAlarm
	m.alarms = slices.DeleteFunc(m.alarms, func(a *manualAlarm) bool {
		if a.at.After(now) {
			return false
		}
		due = append(due, a)
		return true
	})
	slices.SortStableFunc(due, func(a, b *manualAlarm) int { return a.at.Compare(b.at) })
	return due
}

// ringDue calls every alarm due at now.
func (m *Manual) ringDue(now time.Time) {
	for _, a := range m.takeDue(now) {
		a.fn()
	}
}
