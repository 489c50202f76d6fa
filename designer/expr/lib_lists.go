package expr

import (
	"math"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
)

// The list functions beyond ext.Lists and CEL's macros.
const (
	fnSum = "sum"
	fnAvg = "avg"
)

var (
	intList    = []*cel.Type{cel.ListType(cel.IntType)}
	numberList = []*cel.Type{cel.ListType(cel.DoubleType)}
)

func listFunctions() []cel.EnvOption {
	return []cel.EnvOption{
		// A list of dyn (items of an object list) matches both overloads and
		// runs the first, so sumList copes with any mix of numbers.
		cel.Function(fnSum,
			cel.Overload("sum_list_int", intList, cel.IntType, cel.UnaryBinding(sumList)),
			cel.Overload("sum_list_double", numberList, cel.DoubleType,
				cel.UnaryBinding(sumNumbers))),
		cel.Function(fnAvg,
			cel.Overload("avg_list_int", intList, cel.DoubleType, cel.UnaryBinding(avgList)),
			cel.Overload("avg_list_double", numberList, cel.DoubleType,
				cel.UnaryBinding(avgList))),
		cel.CostModel(perItem("sum_list_int"), perItem("sum_list_double"),
			perItem("avg_list_int"), perItem("avg_list_double")),
	}
}

// perItem prices a function that reads every item of its list once.
func perItem(id string) cost.OverloadModel {
	return cost.Overload(id, cost.EvalCost(cost.Sum(cost.Const(1), cost.Length(cost.Arg(0)))))
}

// sumList adds up a list of numbers: an int while every item is one, else
// a number.
func sumList(v ref.Val) ref.Val {
	l, ok := v.(traits.Lister)
	if !ok {
		return types.MaybeNoSuchOverloadErr(v)
	}

	var whole int64
	var total float64
	allInts := true

	for it := l.Iterator(); it.HasNext() == types.True; {
		switch x := it.Next().(type) {
		case types.Int:
			total += float64(x)
			if allInts && !addInt(&whole, int64(x)) {
				return failure("expr.reason.overflow", nil, "sum: integer overflow")
			}
		case types.Double:
			total += float64(x)
			allInts = false
		case types.Uint:
			total += float64(x)
			allInts = false
		default:
			return failure("expr.reason.not_numbers", nil, "sum: the list has an item "+
				"that is not a number")
		}
	}

	if allInts {
		return types.Int(whole)
	}
	return types.Double(total)
}

// addInt adds x to *acc unless that overflows.
func addInt(acc *int64, x int64) bool {
	if (x > 0 && *acc > math.MaxInt64-x) || (x < 0 && *acc < math.MinInt64-x) {
		return false
	}
	*acc += x
	return true
}

// sumNumbers is sumList as a number.
func sumNumbers(v ref.Val) ref.Val {
	s := sumList(v)
	if i, ok := s.(types.Int); ok {
		return types.Double(i)
	}
	return s
}

// avgList is the mean of a list of numbers; that of an empty list is 0, so
// a rule over an empty table reads it the way it reads an empty field.
func avgList(v ref.Val) ref.Val {
	l, ok := v.(traits.Lister)
	if !ok {
		return types.MaybeNoSuchOverloadErr(v)
	}

	n, ok := l.Size().(types.Int)
	if !ok || n == 0 {
		return types.Double(0)
	}

	s := sumNumbers(v)
	if d, ok := s.(types.Double); ok {
		return d / types.Double(n)
	}
	return s
}
