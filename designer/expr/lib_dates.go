package expr

import (
	"math"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// The date functions. "Now" is not among them: it is the variable now,
// declared WithNow and bound by the caller from its clock.
const (
	fnDate         = "date"
	fnDaysBetween  = "days_between"
	fnHoursBetween = "hours_between"
	fnAddDays      = "add_days"
	fnStartOfDay   = "start_of_day"
	fnWeekday      = "weekday"
)

// maxDayShift bounds add_days: no more than the whole range of timestamps.
const maxDayShift = 10_000 * 366

// dates implements the date functions in one time zone.
type dates struct{ zone *time.Location }

func dateFunctions(zone *time.Location) []cel.EnvOption {
	d := dates{zone}
	ts := []*cel.Type{cel.TimestampType}
	return []cel.EnvOption{
		cel.Function(fnDate, cel.Overload("date_string", []*cel.Type{cel.StringType},
			cel.TimestampType, cel.UnaryBinding(d.date))),
		cel.Function(fnDaysBetween, cel.Overload("days_between_timestamp_timestamp",
			timestamps, cel.DoubleType, cel.BinaryBinding(d.daysBetween))),
		cel.Function(fnHoursBetween, cel.Overload("hours_between_timestamp_timestamp",
			timestamps, cel.DoubleType, cel.BinaryBinding(hoursBetween))),
		cel.Function(fnAddDays,
			cel.Overload("add_days_timestamp_int", []*cel.Type{cel.TimestampType, cel.IntType},
				cel.TimestampType, cel.BinaryBinding(d.addDays)),
			cel.Overload("add_days_timestamp_double",
				[]*cel.Type{cel.TimestampType, cel.DoubleType}, cel.TimestampType,
				cel.BinaryBinding(d.addDays))),
		cel.Function(fnStartOfDay, cel.Overload("start_of_day_timestamp", ts,
			cel.TimestampType, cel.UnaryBinding(d.startOfDay))),
		cel.Function(fnWeekday, cel.Overload("weekday_timestamp", ts, cel.IntType,
			cel.UnaryBinding(d.weekday))),
	}
}

// date reads "2026-02-20" as 00:00 that day in the zone.
func (d dates) date(v ref.Val) ref.Val {
	s, ok := v.(types.String)
	if !ok {
		return types.MaybeNoSuchOverloadErr(v)
	}

	t, err := time.ParseInLocation(time.DateOnly, string(s), d.zone)
	if err != nil {
		return failure("expr.reason.bad_date", Params{"value": string(s)}, err.Error())
	}
	return timestampVal(t)
}

// daysBetween counts calendar days from a to b in the zone, plus the
// difference of their wall-clock times as a fraction of a day, so two
// dates are always a whole number of days apart, across daylight saving.
func (d dates) daysBetween(a, b ref.Val) ref.Val {
	ta, okA := timestampArg(a)
	tb, okB := timestampArg(b)
	if !okA || !okB {
		return types.MaybeNoSuchOverloadErr(a)
	}

	da, sa := civil(ta.In(d.zone))
	db, sb := civil(tb.In(d.zone))
	return types.Double(float64(db-da) + (sb-sa)/secondsPerDay)
}

const secondsPerDay = 24 * 60 * 60

// civil returns t's date as a day count and its wall-clock time in seconds.
func civil(t time.Time) (int64, float64) {
	y, m, dd := t.Date()
	day := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay
	h, mi, s := t.Clock()
	return day, float64(h*3600+mi*60+s) + float64(t.Nanosecond())/1e9
}

// hoursBetween is the elapsed time from a to b in hours.
func hoursBetween(a, b ref.Val) ref.Val {
	ta, okA := timestampArg(a)
	tb, okB := timestampArg(b)
	if !okA || !okB {
		return types.MaybeNoSuchOverloadErr(a)
	}

	return types.Double(elapsedSeconds(ta, tb) / 3600)
}

// elapsedSeconds is b - a in seconds, without time.Sub's saturation at
// about 292 years.
func elapsedSeconds(a, b time.Time) float64 {
	return float64(b.Unix()-a.Unix()) + float64(b.Nanosecond()-a.Nanosecond())/1e9
}

// addDays adds calendar days in the zone, keeping the wall-clock time; a
// fraction of a day is added as elapsed hours.
func (d dates) addDays(tv, nv ref.Val) ref.Val {
	t, ok := timestampArg(tv)
	if !ok {
		return types.MaybeNoSuchOverloadErr(tv)
	}

	var n float64
	switch x := nv.(type) {
	case types.Int:
		n = float64(x)
	case types.Double:
		n = float64(x)
	default:
		return types.MaybeNoSuchOverloadErr(nv)
	}
	if math.IsNaN(n) || math.Abs(n) > maxDayShift {
		return failure("expr.reason.out_of_range", nil, "add_days: too many days")
	}

	whole, frac := math.Modf(n)
	shifted := t.In(d.zone).AddDate(0, 0, int(whole))
	return timestampVal(shifted.Add(time.Duration(frac * 24 * float64(time.Hour))))
}

// startOfDay is 00:00 of t's day in the zone, no earlier than the first
// supported instant (the zero time of an absent field stays usable).
func (d dates) startOfDay(v ref.Val) ref.Val {
	t, ok := timestampArg(v)
	if !ok {
		return types.MaybeNoSuchOverloadErr(v)
	}

	y, m, dd := t.In(d.zone).Date()
	start := time.Date(y, m, dd, 0, 0, 0, 0, d.zone)
	if start.Unix() < minUnix {
		start = time.Unix(minUnix, 0).In(d.zone)
	}
	return timestampVal(start)
}

// weekday is t's day of the week in the zone, 1 for Monday to 7 for Sunday.
func (d dates) weekday(v ref.Val) ref.Val {
	t, ok := timestampArg(v)
	if !ok {
		return types.MaybeNoSuchOverloadErr(v)
	}

	wd := t.In(d.zone).Weekday()
	if wd == time.Sunday {
		return types.Int(7)
	}
	return types.Int(wd)
}
