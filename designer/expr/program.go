package expr

import (
	"errors"
	"fmt"
	"reflect"
	"sort"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// Program is a compiled expression. It is immutable and safe for
// concurrent use.
type Program struct {
	env   *Env
	src   string
	prg   cel.Program
	out   Type
	names []string
}

// Source returns the expression as written.
func (p *Program) Source() string { return p.src }

// OutputType returns the checked type of the expression's result.
func (p *Program) OutputType() Type { return p.out }

// Names lists the declared variables the expression refers to, sorted.
func (p *Program) Names() []string { return append([]string(nil), p.names...) }

// Eval runs the program. vars holds values as JSON decoding gives them
// (string, float64 or json.Number, bool, []any, map[string]any) or as Go
// natives (int64, time.Time, time.Duration); each is converted to its
// declared type first (see Bind). A declared variable missing from vars
// takes its zero value, so a rule over an empty optional field reads it as
// "", 0, false or an empty list instead of failing.
func (p *Program) Eval(vars map[string]any) (any, error) {
	act, err := p.env.Bind(vars)
	if err != nil {
		return nil, err
	}

	val, _, err := p.prg.Eval(act)
	if err != nil {
		return nil, evalError(err)
	}
	return native(val)
}

// EvalBool runs a program whose result must be a bool.
func (p *Program) EvalBool(vars map[string]any) (bool, error) {
	v, err := p.Eval(vars)
	if err != nil {
		return false, err
	}

	b, ok := v.(bool)
	if !ok {
		return false, newError(CodeResultType, Params{"want": "bool",
			"got": valueTypeName(v)}, 0, 0, "")
	}
	return b, nil
}

// native converts a CEL value back to plain Go: string, int64, float64,
// bool, time.Time, time.Duration, []any, map[string]any or nil.
func native(v ref.Val) (any, error) {
	switch v.Type() {
	case types.ListType:
		return v.ConvertToNative(reflect.TypeFor[[]any]())
	case types.MapType:
		return v.ConvertToNative(reflect.TypeFor[map[string]any]())
	case types.NullType:
		return nil, nil
	case types.ErrType:
		return nil, evalError(errors.New(fmt.Sprint(v.Value())))
	}
	return v.Value(), nil
}

// referencedVars lists the declared variables a checked AST refers to.
func referencedVars(ast *cel.Ast, declared map[string]Type) []string {
	seen := map[string]bool{}
	for _, ref := range ast.NativeRep().ReferenceMap() {
		if _, ok := declared[ref.Name]; ok && ref.Value == nil {
			seen[ref.Name] = true
		}
	}

	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
