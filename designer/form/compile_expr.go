package form

import (
	"errors"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// compileExprs builds the scope's expression environment (one variable per
// field, typed by its kind), compiles every visibility condition and
// computed expression in it, and orders the fields so that each is settled
// after the fields its expressions read. A cycle is reported.
func (s *scope) compileExprs(f *findings) {
	vars := make([]expr.Var, 0, len(s.fields))
	for _, fl := range s.fields {
		vars = append(vars, expr.Var{Name: fl.name, Type: fl.typ})
	}
	env, err := expr.NewEnv(vars)
	if err != nil {
		f.add("/schema/properties", "expression_env", i18n.Params{"reason": err.Error()})
		return
	}
	s.env = env

	for _, fl := range s.fields {
		if fl.visibleIf != "" {
			fl.visible = compileExpr(f, env, fl.visibleIf, expr.Bool, fl.layoutPtr+"/visible_when")
		}
		cs, ok := fl.settings.(computedSettings)
		if ok && !fl.misfit && strings.TrimSpace(cs.Expression) != "" {
			fl.computed = compileExpr(f, env, cs.Expression, fl.typ,
				fl.layoutPtr+"/settings/expression")
		}
		if fl.table != nil {
			fl.table.compileExprs(f)
		}
	}
	s.order = s.evaluationOrder(f)
}

// compileExpr compiles src, reporting a refusal at ptr; nil on failure.
func compileExpr(f *findings, env *expr.Env, src string, want expr.Type, ptr string) *expr.Program {
	prg, err := env.Compile(src, want)
	if err != nil {
		addExprError(f, ptr, err)
		return nil
	}
	return prg
}

// addExprError records an expression's refusal with its own messages.
func addExprError(f *findings, ptr string, err error) {
	var ee *expr.Error
	if !errors.As(err, &ee) {
		f.add(ptr, "expression_invalid", i18n.Params{"reason": err.Error()})
		return
	}
	f.list = append(f.list, problem.FieldError{Pointer: ptr, Code: ee.Key(),
		Params: ee.Params, Messages: ee.Messages()})
}

// deps lists the fields a field's expressions read.
func (s *scope) deps(fl *field) []*field {
	var out []*field
	for _, prg := range []*expr.Program{fl.visible, fl.computed} {
		if prg == nil {
			continue
		}
		for _, n := range prg.Names() {
			if d, ok := s.byName[n]; ok {
				out = append(out, d)
			}
		}
	}
	return out
}

// evaluationOrder sorts the fields dependencies first, display order
// breaking ties, and reports every cycle once.
func (s *scope) evaluationOrder(f *findings) []*field {
	const (
		unseen = iota
		active
		done
	)
	state := make(map[*field]int, len(s.fields))
	var order, stack []*field
	reported := map[*field]bool{}

	var visit func(fl *field)
	visit = func(fl *field) {
		state[fl] = active
		stack = append(stack, fl)
		for _, d := range s.deps(fl) {
			switch state[d] {
			case unseen:
				visit(d)
			case active:
				s.reportCycle(f, stack, d, reported)
			}
		}
		stack = stack[:len(stack)-1]
		state[fl] = done
		order = append(order, fl)
	}
	for _, fl := range s.fields {
		if state[fl] == unseen {
			visit(fl)
		}
	}
	return order
}

// reportCycle reports the cycle that closes at field back, unless one of
// its fields already had a cycle reported.
func (s *scope) reportCycle(f *findings, stack []*field, back *field, reported map[*field]bool) {
	start := len(stack) - 1
	for start > 0 && stack[start] != back {
		start--
	}
	cycle := stack[start:]
	for _, fl := range cycle {
		if reported[fl] {
			return
		}
	}

	names := make([]string, 0, len(cycle)+1)
	for _, fl := range cycle {
		reported[fl] = true
		names = append(names, fl.name)
	}
	names = append(names, back.name)
	ptr := back.layoutPtr + "/visible_when"
	if back.computed != nil {
		ptr = back.layoutPtr + "/settings/expression"
	}
	f.add(ptr, "expression_cycle", i18n.Params{"cycle": strings.Join(names, " → ")})
}
