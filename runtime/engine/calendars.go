package engine

import (
	"context"
	"fmt"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/internal/problem"
)

// DesignerCalendars resolves calendars from the tenant's published
// calendar definitions; a key without one, and "", give
// calendar.Default().
type DesignerCalendars struct {
	Definitions Definitions
}

var _ Calendars = DesignerCalendars{}

// Calendar implements Calendars. The tenant's own calendar of that key
// wins; the empty key, "default" and "cn" otherwise name the built-in
// mainland China calendar (working week, public holidays and make-up
// days), which is also what an unknown key falls back to. The key "team"
// names no calendar of its own (see calendar_teams.go): it is not looked
// up.
func (d DesignerCalendars) Calendar(ctx context.Context, tenantID, key string) (
	*calendar.Calendar, error) {
	if key == "" || key == calendar.TeamKey {
		return calendar.China(), nil
	}
	v, err := d.Definitions.Latest(ctx, system(tenantID), designer.KindCalendar, key)
	if pe, ok := problem.As(err); ok && pe.Kind == problem.NotFound {
		return calendar.China(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading calendar %q: %w", key, err)
	}
	return designer.CalendarOf(v)
}

// StaticCalendars is a fixed set of calendars by key, for tests and the
// simulator; unknown keys give calendar.Default().
type StaticCalendars map[string]*calendar.Calendar

var _ Calendars = StaticCalendars{}

// Calendar implements Calendars.
func (s StaticCalendars) Calendar(_ context.Context, _, key string) (*calendar.Calendar, error) {
	if c, ok := s[key]; ok {
		return c, nil
	}
	return calendar.Default(), nil
}
