package expr

import (
	"time"

	"cel.dev/cel-go/cel"

	"github.com/formworkhq/formwork/designer/calendar"
)

// Option tunes an Env.
type Option func(*envConfig)

// envConfig is what the options set; its zero value is filled in by NewEnv.
type envConfig struct {
	costLimit uint64
	celOpts   []cel.EnvOption
	now       bool
	cal       *calendar.Calendar
	zone      *time.Location
}

// WithCostLimit sets the evaluation cost limit; zero keeps the default.
// Compile also refuses an expression whose estimated worst case is above
// it.
func WithCostLimit(n uint64) Option {
	return func(c *envConfig) {
		if n > 0 {
			c.costLimit = n
		}
	}
}

// WithNow declares the variable now, a Timestamp. "Now" is not a function,
// so that evaluation stays deterministic: the caller binds now from its
// injected clock, e.g. vars["now"] = clk.Now(). Eval refuses to run
// without it (code unbound) rather than read it as the zero time.
func WithNow() Option {
	return func(c *envConfig) { c.now = true }
}

// WithCalendar makes the business-calendar functions (is_working_day,
// add_business …) use cal, and, unless WithTimeZone says otherwise, read
// dates in cal's zone. The calendar is prepared once, when the Env is
// built; later changes to cal do not reach it. Without this option the
// functions use calendar.Default().
func WithCalendar(cal *calendar.Calendar) Option {
	return func(c *envConfig) { c.cal = cal }
}

// WithTimeZone sets the zone date(), add_days(), start_of_day(), weekday()
// and days_between() read calendar days in, and that date-times written
// without an offset are bound in. Without it the calendar's zone is used
// (Asia/Shanghai for the default calendar).
func WithTimeZone(loc *time.Location) Option {
	return func(c *envConfig) { c.zone = loc }
}
