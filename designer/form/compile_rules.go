package form

import (
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// rule is a compiled Rule.
type rule struct {
	id      string
	when    *expr.Program // nil: always applies
	require []*field
	assert  *expr.Program
	field   *field
	message Text
}

// compileRules checks and compiles the rules against the form's top-level
// fields. When top is nil (the schema could not be read) only the rules'
// shape is checked.
func compileRules(f *findings, rules []Rule, top *scope) []rule {
	var out []rule
	ids := map[string]bool{}
	for i, r := range rules {
		at := pointer("/rules", strconv.Itoa(i))
		switch {
		case strings.TrimSpace(r.ID) == "":
			f.add(at+"/id", "rule_id_missing", nil)
		case ids[r.ID]:
			f.add(at+"/id", "rule_id_duplicate", i18n.Params{"id": r.ID})
		}
		ids[r.ID] = true

		if cr, ok := compileRule(f, r, at, top); ok {
			out = append(out, cr)
		}
	}
	return out
}

// compileRule checks one rule; ok is false when it cannot be used.
func compileRule(f *findings, r Rule, at string, top *scope) (rule, bool) {
	requires, asserts := len(r.Require) > 0, r.Assert != ""
	if requires == asserts {
		f.add(at, "rule_shape", nil)
		return rule{}, false
	}
	if requires && strings.TrimSpace(r.When) == "" {
		f.add(at+"/when", "rule_when_missing", nil)
	}
	if asserts {
		checkAssertion(f, r, at)
	}
	if top == nil || top.env == nil {
		return rule{}, false
	}

	cr := rule{id: r.ID, message: r.Message}
	ok := true
	if r.When != "" {
		cr.when = compileExpr(f, top.env, r.When, expr.Bool, at+"/when")
		ok = cr.when != nil
	}
	for j, name := range r.Require {
		fl, known := top.byName[name]
		if !known {
			f.add(pointer(at+"/require", strconv.Itoa(j)), "rule_unknown_field",
				i18n.Params{"name": name})
		}
		cr.require, ok = append(cr.require, fl), ok && known
	}
	if asserts {
		cr.assert = compileExpr(f, top.env, r.Assert, expr.Bool, at+"/assert")
		cr.field = top.byName[r.Field]
		ok = ok && cr.assert != nil && cr.field != nil
	}
	if asserts && r.Field != "" && cr.field == nil {
		f.add(at+"/field", "rule_unknown_field", i18n.Params{"name": r.Field})
	}
	return cr, ok
}

// checkAssertion checks what an assertion needs besides its expression.
func checkAssertion(f *findings, r Rule, at string) {
	if r.Field == "" {
		f.add(at+"/field", "rule_field_missing", nil)
	}
	if r.Message.IsEmpty() {
		f.add(at+"/message", "rule_message_missing", nil)
	}
	f.addIssues(at, checkTexts(map[string]Text{"message": r.Message}))
}
