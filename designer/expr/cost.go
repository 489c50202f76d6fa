package expr

import (
	"slices"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/types"
)

// The sizes the compile-time cost estimate assumes for values it cannot
// see: the worst case it must stay under the cost limit with.
const (
	// EstimatedListSize is the most items a list (or entries a map) holds.
	EstimatedListSize = 1000
	// EstimatedTextSize is the longest text field, in characters.
	EstimatedTextSize = 10_000
	// EstimatedItemTextSize is the longest text inside a list or map, such
	// as a tag or an option.
	EstimatedItemTextSize = 256
)

// checkCost refuses an expression whose estimated worst-case cost is over
// the Env's cost limit, so that a rule which would fail on large records
// is caught when it is saved rather than when it runs.
func (e *Env) checkCost(ast *cel.Ast) error {
	est, err := e.cel.EstimateCost(ast, sizeEstimator{})
	if err != nil {
		return newError(CodeTooCostly, nil, 0, 0, err.Error())
	}

	if est.Max > e.costLimit {
		return newError(CodeTooCostly, Params{"limit": e.costLimit}, 0, 0,
			"estimated cost is over the limit")
	}
	return nil
}

// sizeEstimator bounds the size of variables and what is reached through
// them; computed sizes (literals, results of functions) are left to CEL.
type sizeEstimator struct{}

// EstimateSize returns the assumed size of a node whose size CEL cannot
// compute.
func (sizeEstimator) EstimateSize(n cost.AstNode) *cost.SizeEstimate {
	if n.ComputedSize() != nil {
		return nil
	}
	switch n.Type().Kind() {
	case types.StringKind, types.BytesKind:
		return sizeUpTo(textSize(n.Path()))
	case types.ListKind, types.MapKind:
		return sizeUpTo(EstimatedListSize)
	case types.DynKind, types.AnyKind:
		return sizeUpTo(EstimatedListSize)
	}
	return nil
}

// EstimateCallCost leaves every call to the cost models.
func (sizeEstimator) EstimateCallCost(_, _ string, _ *cost.AstNode,
	_ []cost.AstNode) *cost.CallEstimate {
	return nil
}

// textSize is the assumed length of text at path: shorter inside lists and
// maps.
func textSize(path []string) uint64 {
	if slices.ContainsFunc(path, func(p string) bool { return len(p) > 0 && p[0] == '@' }) {
		return EstimatedItemTextSize
	}
	return EstimatedTextSize
}

func sizeUpTo(n uint64) *cost.SizeEstimate {
	s := cost.RangedSizeEstimate(0, n)
	return &s
}
