package form

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// checkSchema validates the cleaned record against the compiled schema. A
// hidden field is not required, whatever the schema says.
func (r *run) checkSchema() {
	err := r.c.schema.Validate(anyMap(r.values))
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return
	}

	for _, v := range violations(verr) {
		if v.code == "required" && len(v.loc) == 1 && r.hidden[v.loc[0]] {
			continue
		}
		r.rep.add(pointer("", v.loc...), v.code, v.msg, v.params)
	}
}

// anyMap hands the record to the validator as the plain JSON value it is.
func anyMap(m map[string]any) any { return m }

// checkUnknown refuses properties the schema does not name, unless it
// admits them, at the top level and in sub_table rows.
func (r *run) checkUnknown() {
	top := r.c.top

	for k, v := range r.values {
		fl, known := top.byName[k]
		if !known && top.strict {
			r.rep.add(pointer("", k), "unknown_field", "", nil)
		}

		if known && fl.table != nil && fl.table.strict {
			r.forEachRow(fl, v, func(ptr string, cells map[string]any) {
				for col := range cells {
					if _, ok := fl.table.byName[col]; !ok {
						r.rep.add(pointer(ptr, col), "unknown_field", "", nil)
					}
				}
			})
		}
	}
}

// forEachRow calls fn with the pointer and cells of every row of a
// sub_table value that is a list of objects.
func (r *run) forEachRow(fl *field, v any, fn func(ptr string, cells map[string]any)) {
	rows, _ := v.([]any)
	for i, row := range rows {
		if cells, ok := row.(map[string]any); ok {
			fn(pointer("", fl.name, strconv.Itoa(i)), cells)
		}
	}
}

// checkKinds runs the kinds' own checks on values the schema accepted.
func (r *run) checkKinds() {
	for _, fl := range r.c.top.fields {
		v, ok := r.values[fl.name]
		if !ok {
			continue
		}

		r.checkValue(fl, pointer("", fl.name), v)
		if fl.table == nil {
			continue
		}

		r.forEachRow(fl, v, func(ptr string, cells map[string]any) {
			for _, col := range fl.table.fields {
				if cell, ok := cells[col.name]; ok {
					r.checkValue(col, pointer(ptr, col.name), cell)
				}
			}
		})
	}
}

func (r *run) checkValue(fl *field, ptr string, v any) {
	vc, ok := fl.kind.(valueChecker)
	if !ok || r.rep.touches(ptr) {
		return
	}
	for _, is := range vc.checkValue(v, fl.settings) {
		r.rep.add(ptr+is.ptr, is.code, "", is.params)
	}
}

// checkRules applies conditional requirements and assertions. A rule that
// reads a field which already has a problem is skipped: its verdict would
// rest on a value the person must change anyway.
func (r *run) checkRules() {
	for _, ru := range r.c.rules {
		if r.readsFaulty(ru.when, ru.assert) || !r.holds(ru.when, true) {
			continue
		}

		for _, fl := range ru.require {
			if _, filled := r.values[fl.name]; !filled && !r.hidden[fl.name] {
				r.rep.add(pointer("", fl.name), "required", "", i18n.Params{"rule": ru.id})
			}
		}

		if ru.assert != nil && !r.hidden[ru.field.name] && !r.holds(ru.assert, false) {
			r.rep.addText(pointer("", ru.field.name), "rule", ru.message,
				i18n.Params{"rule": ru.id})
		}
	}
}

// holds evaluates a condition; nil is ifNil, an evaluation error is false.
func (r *run) holds(prg *expr.Program, ifNil bool) bool {
	if prg == nil {
		return ifNil
	}
	ok, err := prg.EvalBool(r.vars)
	return err == nil && ok
}

// readsFaulty reports whether any of the programs reads a field that has a
// problem recorded.
func (r *run) readsFaulty(prgs ...*expr.Program) bool {
	for _, prg := range prgs {
		if prg == nil {
			continue
		}
		for _, name := range prg.Names() {
			if r.rep.touches(pointer("", name)) {
				return true
			}
		}
	}
	return false
}

// link is one value that names a user or a record.
type link struct {
	fl  *field
	ptr string
	id  string
}

// checkLinks asks res about every user and record a valid value names, once
// per distinct value.
func (r *run) checkLinks(ctx context.Context, res Resolver) error {
	if !r.c.hasLinks {
		return nil
	}

	answers := map[string]bool{}
	for _, l := range r.links() {
		lk := l.fl.kind.(linker)
		key := fmt.Sprintf("%s\x00%v\x00%s", l.fl.kind.name(), l.fl.settings, l.id)
		exists, seen := answers[key]
		if !seen {
			var err error
			if exists, err = lk.exists(ctx, res, l.id, l.fl.settings); err != nil {
				return fmt.Errorf("checking %s %q: %w", l.fl.kind.name(), l.id, err)
			}
			answers[key] = exists
		}

		if !exists {
			r.rep.add(l.ptr, lk.missingCode(), "", nil)
		}
	}
	return nil
}

// links lists the linking values that have no problem so far.
func (r *run) links() []link {
	var out []link
	add := func(fl *field, ptr string, v any) {
		id, ok := v.(string)
		if _, linking := fl.kind.(linker); linking && ok && !r.rep.touches(ptr) {
			out = append(out, link{fl: fl, ptr: ptr, id: id})
		}
	}

	for _, fl := range r.c.top.fields {
		v, ok := r.values[fl.name]
		if !ok {
			continue
		}

		add(fl, pointer("", fl.name), v)
		if fl.table != nil {
			r.forEachRow(fl, v, func(ptr string, cells map[string]any) {
				for _, col := range fl.table.fields {
					add(col, pointer(ptr, col.name), cells[col.name])
				}
			})
		}
	}

	return out
}
