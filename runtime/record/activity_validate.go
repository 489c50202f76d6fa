package record

import (
	"regexp"
	"time"
	"unicode/utf8"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Limits of activity input.
const (
	maxDurationS     = 24 * 60 * 60
	maxNoteLen       = 2000
	maxNameLen       = 64
	maxExternalIDLen = 128
	// clockSkew is how far in the future an activity's time may be, for
	// clients whose clocks run a little ahead.
	clockSkew = 5 * time.Minute
	// maxBackdate is how far in the past an activity may be logged.
	maxBackdate = 366 * 24 * time.Hour
)

// namePattern is what sources and external event names look like.
var namePattern = regexp.MustCompile(`^[a-z][a-z0-9_.\-]*$`)

// validateActivity checks in against now and reports every problem at once.
func validateActivity(in ActivityInput, now time.Time) error {
	var c problem.Collector
	checkKind(&c, in.Kind)

	if in.DurationS < 0 || in.DurationS > maxDurationS {
		c.AddField(fieldErr("/duration_s", "out_of_range",
			i18n.Params{"min": 0, "max": maxDurationS}))
	}
	checkLength(&c, "/note", in.Note, maxNoteLen)
	checkName(&c, "/source", in.Source, in.Source == "" && in.ExternalID != "")
	checkExternal(&c, in)
	checkTime(&c, in.At, now)

	return c.Err()
}

func checkKind(c *problem.Collector, k ActivityKind) {
	p := i18n.Params{"kind": k, "kinds": kindList()}
	switch {
	case k == "":
		c.AddField(fieldErr("/kind", "required", nil))
	case isReserved(k):
		c.AddField(fieldErr("/kind", "reserved_kind", p))
	case !isLoggable(k):
		c.AddField(fieldErr("/kind", "unknown_kind", p))
	}
}

// checkExternal checks the name, which external events need and others
// may not have, and the external id.
func checkExternal(c *problem.Collector, in ActivityInput) {
	switch {
	case in.Kind == External:
		checkName(c, "/name", in.Name, true)
	case in.Name != "":
		c.AddField(fieldErr("/name", "not_allowed", nil))
	}
	checkLength(c, "/external_id", in.ExternalID, maxExternalIDLen)
}

// checkName checks a source or event name, which must be present when
// required is set.
func checkName(c *problem.Collector, ptr, v string, required bool) {
	switch {
	case v == "" && required:
		c.AddField(fieldErr(ptr, "required", nil))
	case v == "":
	case utf8.RuneCountInString(v) > maxNameLen:
		c.AddField(fieldErr(ptr, "too_long", i18n.Params{"max": maxNameLen}))
	case !namePattern.MatchString(v):
		c.AddField(fieldErr(ptr, "invalid_name", nil))
	}
}

func checkLength(c *problem.Collector, ptr, v string, max int) {
	if utf8.RuneCountInString(v) > max {
		c.AddField(fieldErr(ptr, "too_long", i18n.Params{"max": max}))
	}
}

func checkTime(c *problem.Collector, at, now time.Time) {
	switch {
	case at.IsZero():
	case at.After(now.Add(clockSkew)):
		c.AddField(fieldErr("/at", "in_future", nil))
	case at.Before(now.Add(-maxBackdate)):
		c.AddField(fieldErr("/at", "too_early", nil))
	}
}
