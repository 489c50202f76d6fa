package expr

import (
	"errors"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/formworkhq/formwork/designer/calendar"
)

// The business-calendar functions.
const (
	fnIsWorkingDay          = "is_working_day"
	fnIsWorkingTime         = "is_working_time"
	fnAddBusiness           = "add_business"
	fnBusinessHoursBetween  = "business_hours_between"
	addBusinessDuration     = "add_business_timestamp_duration"
	addBusinessString       = "add_business_timestamp_string"
	businessHoursBetweenTwo = "business_hours_between_timestamp_timestamp"
)

// business implements the calendar functions over one prepared calendar.
type business struct{ s *calendar.Schedule }

func calendarFunctions(s *calendar.Schedule) []cel.EnvOption {
	b := business{s}
	ts := []*cel.Type{cel.TimestampType}
	return []cel.EnvOption{
		cel.Function(fnIsWorkingDay, cel.Overload("is_working_day_timestamp", ts, cel.BoolType,
			cel.UnaryBinding(b.isWorkingDay))),
		cel.Function(fnIsWorkingTime, cel.Overload("is_working_time_timestamp", ts,
			cel.BoolType, cel.UnaryBinding(b.isWorkingTime))),
		cel.Function(fnAddBusiness,
			cel.Overload(addBusinessDuration, []*cel.Type{cel.TimestampType, cel.DurationType},
				cel.TimestampType, cel.BinaryBinding(b.add)),
			cel.Overload(addBusinessString, []*cel.Type{cel.TimestampType, cel.StringType},
				cel.TimestampType, cel.BinaryBinding(b.add))),
		cel.Function(fnBusinessHoursBetween, cel.Overload(businessHoursBetweenTwo, timestamps,
			cel.DoubleType, cel.BinaryBinding(b.hoursBetween))),
		cel.CostModel(walkCost(addBusinessDuration), walkCost(addBusinessString),
			walkCost(businessHoursBetweenTwo)),
	}
}

func (b business) isWorkingDay(v ref.Val) ref.Val {
	t, ok := timestampArg(v)
	if !ok {
		return types.MaybeNoSuchOverloadErr(v)
	}

	return types.Bool(b.s.IsWorkingDay(t))
}

func (b business) isWorkingTime(v ref.Val) ref.Val {
	t, ok := timestampArg(v)
	if !ok {
		return types.MaybeNoSuchOverloadErr(v)
	}

	return types.Bool(b.s.IsWorkingTime(t))
}

// add adds working time: a duration walks the working intervals; text is
// read like a business duration ("3d", "1d 4h", "90m business"), where a
// day is one working day.
func (b business) add(tv, dv ref.Val) ref.Val {
	t, ok := timestampArg(tv)
	if !ok {
		return types.MaybeNoSuchOverloadErr(tv)
	}

	switch d := dv.(type) {
	case types.Duration:
		return timestampVal(b.s.Add(t, calendar.Duration{Length: d.Duration, Business: true}))
	case types.String:
		bd, err := parseBusiness(string(d))
		if err != nil {
			key := calendar.CodeBadDuration
			if de := (*calendar.DurationError)(nil); errors.As(err, &de) {
				key = de.Code
			}
			return failure(key, Params{"value": string(d), "max": calendar.MaxDurationDays},
				err.Error())
		}
		return timestampVal(b.s.Add(t, bd))
	}
	return types.MaybeNoSuchOverloadErr(dv)
}

// parseBusiness reads a duration as business time, "business" or not.
func parseBusiness(s string) (calendar.Duration, error) {
	d, err := calendar.ParseDuration(s)
	if err != nil || d.Business {
		return d, err
	}
	return calendar.ParseDuration(s + " business")
}

func (b business) hoursBetween(av, bv ref.Val) ref.Val {
	ta, okA := timestampArg(av)
	tb, okB := timestampArg(bv)
	if !okA || !okB {
		return types.MaybeNoSuchOverloadErr(av)
	}

	return types.Double(b.s.BusinessBetween(ta, tb).Hours())
}

// walkCost prices a function that walks the calendar: one unit per day it
// may visit when estimating, per day it did visit when running.
func walkCost(id string) cost.OverloadModel {
	estimate := func(cost.Estimator, *cost.AstNode, []cost.AstNode) *cost.CallEstimate {
		return cost.NewCallEstimate(cost.RangedCostEstimate(1, calendar.SearchHorizon+1), nil)
	}

	track := func(args []ref.Val, result ref.Val) *uint64 {
		days := uint64(1)

		a, okA := timestampArg(args[0])
		b, okB := timestampArg(result)
		if id == businessHoursBetweenTwo {
			b, okB = timestampArg(args[1])
		}
		if okA && okB {
			days += uint64(min(absDays(b.Sub(a)), calendar.SearchHorizon))
		}
		return &days
	}
	return cost.Overload(id, cost.ManualCost(estimate, track))
}

func absDays(d time.Duration) int64 {
	if d < 0 {
		d = -d
	}
	return int64(d / (24 * time.Hour))
}
