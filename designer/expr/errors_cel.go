package expr

import (
	"errors"
	"regexp"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
)

// The checker's wordings that get a message of their own.
var (
	undeclared = regexp.MustCompile(`^undeclared reference to '([^']+)'` +
		`(?: \(did you mean '([^']+)'\?\))?`)
	noOverload = regexp.MustCompile(
		`^found no matching overload for '([^']+)' applied to '\((.*)\)'`)
	noField      = regexp.MustCompile(`^undefined field '([^']+)'`)
	noSelectable = regexp.MustCompile(`^type '([^']+)' does not support field selection`)
)

// fromIssues turns the first issue of a parse (code CodeSyntax) or a check
// (CodeCheck) into an *Error. calls are the functions the expression calls,
// to tell an unknown function from an unknown variable.
func fromIssues(code string, iss *cel.Issues, calls map[string]bool) *Error {
	errs := iss.Errors()
	if len(errs) == 0 {
		return newError(code, nil, 0, 0, iss.String())
	}
	first := errs[0]
	line, col := first.Location.Line(), first.Location.Column()+1
	e := newError(code, nil, line, col, first.Message)

	if code == CodeCheck {
		classifyCheck(e, first.Message, calls)
	}
	return e
}

// classifyCheck refines a check error from the checker's wording.
func classifyCheck(e *Error, msg string, calls map[string]bool) {
	if m := undeclared.FindStringSubmatch(msg); m != nil {
		e.Code, e.Params = CodeUnknownName, Params{"name": m[1]}
		if calls[m[1]] {
			e.Code = CodeUnknownFunction
		}
		if m[2] != "" {
			e.Params["suggestion"], e.variant = m[2], "suggest"
		}
		return
	}
	if m := noOverload.FindStringSubmatch(msg); m != nil {
		classifyOverload(e, m[1], splitTypes(m[2]))
		return
	}
	if m := noField.FindStringSubmatch(msg); m != nil {
		e.Params, e.variant = Params{"name": m[1]}, "no_field"
		return
	}
	if m := noSelectable.FindStringSubmatch(msg); m != nil {
		e.Params, e.variant = Params{"type": checkerTypeName(m[1])}, "no_fields"
	}
}

func classifyOverload(e *Error, fn string, args []string) {
	if fn == operators.Conditional && len(args) == 3 {
		if args[0] != "bool" {
			e.Params, e.variant = Params{"got": args[0]}, "condition"
			return
		}
		e.Params, e.variant = Params{"a": args[1], "b": args[2]}, "branches"
		return
	}
	e.Params, e.variant = Params{"function": displayName(fn), "args": args}, "no_overload"
}

// splitTypes splits the checker's "(double, list(string))" argument list at
// top-level commas.
func splitTypes(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, checkerTypeName(s[start:i]))
				start = i + 1
			}
		}
	}

	if strings.TrimSpace(s[start:]) != "" {
		out = append(out, checkerTypeName(s[start:]))
	}
	return out
}

// displayName is an operator as the expression writes it.
func displayName(fn string) string {
	if op, ok := operators.FindReverse(fn); ok && op != "" {
		return op
	}
	switch fn {
	case operators.Index:
		return "[]"
	case operators.Negate:
		return "-"
	}
	return fn
}

// callNames lists the functions a parsed expression calls.
func callNames(parsed *cel.Ast) map[string]bool {
	names := map[string]bool{}
	nav := ast.NavigateAST(parsed.NativeRep())
	for _, c := range ast.MatchDescendants(nav, ast.KindMatcher(ast.CallKind)) {
		names[c.AsCall().FunctionName()] = true
	}
	return names
}

// evalReasons are the runtime failures whose reason has words per locale.
var evalReasons = []struct {
	prefix, key string
}{
	{"division by zero", "expr.reason.division_by_zero"},
	{"modulus by zero", "expr.reason.division_by_zero"},
	{"no such key", "expr.reason.no_such_key"},
	{"index out of bounds", "expr.reason.index_out_of_bounds"},
	{"integer overflow", "expr.reason.overflow"},
	{"no such overload", "expr.reason.wrong_type"},
	{"no such attribute", "expr.reason.no_such_field"},
	{"no such field", "expr.reason.no_such_field"},
}

// evalError turns an evaluation failure into an *Error.
func evalError(err error) *Error {
	msg := err.Error()
	if strings.Contains(msg, "cost limit exceeded") {
		return newError(CodeTooCostly, nil, 0, 0, msg)
	}

	e := newError(CodeEval, Params{"reason": msg}, 0, 0, msg)
	var fe *funcError
	if errors.As(err, &fe) {
		e.reason = fe.key
		for k, v := range fe.params {
			e.Params[k] = v
		}
		return e
	}
	for _, r := range evalReasons {
		if strings.HasPrefix(msg, r.prefix) {
			e.reason = r.key
			break
		}
	}
	return e
}

// funcError is a failure of one of the library's functions, with the
// catalog key that words it.
type funcError struct {
	key    string
	params Params
	detail string
}

func (f *funcError) Error() string { return f.detail }
