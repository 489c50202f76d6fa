package expr

import (
	"unicode/utf8"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/interpreter"
)

// Compile parses and type-checks src. When want is not nil the expression's
// result must have that type (Dyn results are accepted and checked when the
// program runs). Constant arguments that can be checked now are checked
// now (date("2026-02-30") is refused), and so is the worst-case cost. Every
// refusal is an *Error.
func (e *Env) Compile(src string, want Type) (*Program, error) {
	if utf8.RuneCountInString(src) > MaxSourceLen {
		return nil, newError(CodeTooLong, Params{"max": MaxSourceLen}, 0, 0, "")
	}

	parsed, iss := e.cel.Parse(src)
	if iss != nil && iss.Err() != nil {
		return nil, fromIssues(CodeSyntax, iss, nil)
	}
	ast, iss := e.cel.Check(parsed)
	if iss != nil && iss.Err() != nil {
		return nil, fromIssues(CodeCheck, iss, callNames(parsed))
	}

	if want != nil && !resultFits(ast.OutputType(), want) {
		return nil, newError(CodeResultType, Params{"want": TypeName(want),
			"got": TypeName(ast.OutputType())}, 0, 0, "")
	}
	if err := checkConstantArgs(ast); err != nil {
		return nil, err
	}
	if err := e.checkCost(ast); err != nil {
		return nil, err
	}
	return e.program(src, ast)
}

// program plans a checked expression.
func (e *Env) program(src string, ast *cel.Ast) (*Program, error) {
	prg, err := e.cel.Program(ast, cel.CostLimit(e.costLimit),
		cel.EvalOptions(cel.OptOptimize, cel.OptTrackCost),
		cel.OptimizeRegex(interpreter.MatchesRegexOptimization))
	if err != nil {
		// Planning folds constant parts, so an error here is one of theirs.
		return nil, evalError(err)
	}

	return &Program{env: e, src: src, prg: prg, out: ast.OutputType(),
		names: referencedVars(ast, e.vars)}, nil
}

// resultFits reports whether an expression of type got may stand where want
// is expected.
func resultFits(got, want Type) bool {
	if got.IsExactType(want) || got.IsExactType(cel.DynType) || want.IsExactType(cel.DynType) {
		return true
	}
	return want.IsAssignableType(got)
}
