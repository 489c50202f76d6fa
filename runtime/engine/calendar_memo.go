package engine

import (
	"context"
	"sync"

	"github.com/formworkhq/formwork/designer/calendar"
)

// calendarMemo keeps the calendars one event has resolved, so that the
// instances an event starts or advances look each calendar up once, not
// once per instance. It lives only as long as the event's handling: a
// calendar published meanwhile is seen by the next event (and re-plans
// running deadlines itself, see OnCalendarChanged).
type calendarMemo struct {
	mu   sync.Mutex
	cals map[string]*calendar.Calendar
	// teams are the team calendars of each tenant (TeamCalendars).
	teams map[string]map[string]string
}

type calendarMemoKey struct{}

// withCalendarMemo returns ctx carrying a fresh memo, unless it has one.
func withCalendarMemo(ctx context.Context) context.Context {
	if _, ok := ctx.Value(calendarMemoKey{}).(*calendarMemo); ok {
		return ctx
	}
	return context.WithValue(ctx, calendarMemoKey{},
		&calendarMemo{cals: map[string]*calendar.Calendar{},
			teams: map[string]map[string]string{}})
}

// calendar resolves key for tenantID through the memo of ctx, if any.
func (s *Service) calendar(ctx context.Context, tenantID, key string) (*calendar.Calendar,
	error) {
	memo, ok := ctx.Value(calendarMemoKey{}).(*calendarMemo)
	if !ok {
		return s.deps.Calendars.Calendar(ctx, tenantID, key)
	}
	id := tenantID + "\x00" + key
	memo.mu.Lock()
	c, ok := memo.cals[id]
	memo.mu.Unlock()
	if ok {
		return c, nil
	}

	c, err := s.deps.Calendars.Calendar(ctx, tenantID, key)
	if err != nil {
		return nil, err
	}
	memo.mu.Lock()
	memo.cals[id] = c
	memo.mu.Unlock()
	return c, nil
}

// teamCalendars resolves the team calendars of tenantID through tc and
// the memo of ctx, if any.
func (s *Service) teamCalendars(ctx context.Context, tc TeamCalendars, tenantID string) (
	map[string]string, error) {
	memo, ok := ctx.Value(calendarMemoKey{}).(*calendarMemo)
	if !ok {
		return tc.TeamCalendars(ctx, tenantID)
	}
	memo.mu.Lock()
	teams, ok := memo.teams[tenantID]
	memo.mu.Unlock()
	if ok {
		return teams, nil
	}

	teams, err := tc.TeamCalendars(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	memo.mu.Lock()
	memo.teams[tenantID] = teams
	memo.mu.Unlock()
	return teams, nil
}
