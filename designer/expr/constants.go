package expr

import (
	"errors"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"

	"github.com/formworkhq/formwork/designer/calendar"
)

// checkConstantArgs checks, at compile time, the literal arguments whose
// mistakes would otherwise only show when the rule runs: the date of
// date("2026-02-30") and the duration of add_business(t, "3 weeks").
func checkConstantArgs(checked *cel.Ast) error {
	a := checked.NativeRep()
	for _, call := range ast.MatchDescendants(ast.NavigateAST(a), ast.KindMatcher(ast.CallKind)) {
		if err := checkCall(a, call); err != nil {
			return err
		}
	}
	return nil
}

func checkCall(a *ast.AST, call ast.NavigableExpr) error {
	c := call.AsCall()
	switch c.FunctionName() {
	case fnDate:
		return checkLiteral(a, c.Args(), 0, func(s string) *Error {
			if _, err := time.Parse(time.DateOnly, s); err != nil {
				return newError(CodeBadDate, Params{"value": s}, 0, 0, err.Error())
			}
			return nil
		})
	case fnAddBusiness:
		return checkLiteral(a, c.Args(), 1, func(s string) *Error {
			return durationArgError(s)
		})
	}
	return nil
}

// checkLiteral runs check on argument i when it is a string literal and
// places the error it returns at that argument.
func checkLiteral(a *ast.AST, args []ast.Expr, i int, check func(string) *Error) error {
	if i >= len(args) || args[i].Kind() != ast.LiteralKind {
		return nil
	}
	s, ok := args[i].AsLiteral().Value().(string)
	if !ok {
		return nil
	}

	if e := check(s); e != nil {
		loc := a.SourceInfo().GetStartLocation(args[i].ID())
		e.Line, e.Column = loc.Line(), loc.Column()+1
		return e
	}
	return nil
}

// durationArgError is the refusal of a duration add_business cannot read,
// worded by the calendar's own messages.
func durationArgError(s string) *Error {
	_, err := calendar.ParseDuration(s)
	var de *calendar.DurationError
	if !errors.As(err, &de) {
		return nil
	}

	e := newError(CodeBadDuration, Params{"value": s}, 0, 0, de.Error())
	for k, v := range de.Params {
		e.Params[k] = v
	}
	e.reason = de.Code
	return e
}
