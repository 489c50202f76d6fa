package form

import (
	"strconv"

	"github.com/formworkhq/formwork/internal/i18n"
)

// settle walks the fields dependencies first: a field whose visibility is
// false is hidden and its value dropped; a computed field gets its value;
// every settled value is bound for the expressions that follow.
func (r *run) settle() {
	for _, fl := range r.c.top.order {
		if fl.visible != nil {
			shown, err := fl.visible.EvalBool(r.vars)
			// A condition that cannot be evaluated leaves the field shown,
			// so that a broken condition never waives a requirement.
			if err == nil && !shown {
				r.hidden[fl.name] = true
				delete(r.values, fl.name)
				continue
			}
		}

		if fl.table != nil {
			r.settleRows(fl)
		}
		if fl.computed != nil {
			r.compute(fl, pointer("", fl.name), r.vars, r.values)
		}

		bind(fl, r.values, r.vars)
	}
}

// settleRows computes the computed columns of every row of a sub_table.
func (r *run) settleRows(fl *field) {
	rows, _ := r.values[fl.name].([]any)
	if len(rows) == 0 || !hasComputed(fl.table) {
		return
	}

	for i, row := range rows {
		cells, ok := row.(map[string]any)
		if !ok {
			continue
		}

		vars := make(map[string]any, len(fl.table.fields))
		for _, col := range fl.table.order {
			if col.computed != nil {
				r.compute(col, pointer("", fl.name, strconv.Itoa(i), col.name), vars, cells)
			}
			bind(col, cells, vars)
		}
	}
}

func hasComputed(s *scope) bool {
	for _, fl := range s.fields {
		if fl.computed != nil {
			return true
		}
	}
	return false
}

// compute evaluates a computed field over vars and stores the result in
// values; a failure is reported at ptr and leaves the value out.
func (r *run) compute(fl *field, ptr string, vars, values map[string]any) {
	delete(values, fl.name)

	out, err := fl.computed.Eval(vars)
	if err == nil {
		out, err = fromExpr(out, fl.prop)
	}

	if err != nil {
		r.rep.add(ptr, "computed", "", i18n.Params{"reason": err.Error()})
		return
	}

	if out != nil {
		values[fl.name] = out
	}
}

// bind hands a field's settled value to expressions, if it has the type
// they expect; otherwise they read the field as empty.
func bind(fl *field, values, vars map[string]any) {
	v, ok := values[fl.name]
	if !ok {
		return
	}
	if ev, ok := toExpr(v, fl.shape); ok {
		vars[fl.name] = ev
	}
}
