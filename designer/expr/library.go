package expr

import (
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"

	"github.com/formworkhq/formwork/designer/calendar"
)

// libraryOptions are the functions every Env offers beyond CEL's own. They
// are all side-effect free and deterministic: none reads a clock, and the
// calendar and zone they use are fixed when the Env is built. The groups
// are documented, with an example each, in docs/expressions.md.
func libraryOptions(zone *time.Location, sched *calendar.Schedule) []cel.EnvOption {
	opts := []cel.EnvOption{
		ext.Strings(),
		ext.Lists(),
		ext.Sets(),
		ext.Math(),
		cel.OptionalTypes(),
		// amount > 1 should hold for a number field without writing 1.0.
		cel.CrossTypeNumericComparisons(true),
	}
	opts = append(opts, dateFunctions(zone)...)
	opts = append(opts, calendarFunctions(sched)...)
	return append(opts, listFunctions()...)
}

// The supported range of CEL timestamps, in Unix seconds: years 1 to 9999.
const (
	minUnix = -62135596800
	maxUnix = 253402300799
)

// timestampVal returns t as a CEL value, or an error outside CEL's range.
func timestampVal(t time.Time) ref.Val {
	if s := t.Unix(); s < minUnix || s > maxUnix {
		return failure("expr.reason.out_of_range", nil, "timestamp out of range")
	}
	return types.Timestamp{Time: t}
}

// failure is a CEL error value carrying the catalog key that words it.
func failure(key string, p Params, detail string) ref.Val {
	return types.WrapErr(&funcError{key: key, params: p, detail: detail})
}

// timestampArg reads a timestamp argument, which a dyn argument may not be.
func timestampArg(v ref.Val) (time.Time, bool) {
	ts, ok := v.(types.Timestamp)
	return ts.Time, ok
}

// timestamps is the argument list of a function of two timestamps.
var timestamps = []*cel.Type{cel.TimestampType, cel.TimestampType}
