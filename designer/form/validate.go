package form

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Validate checks a submission (a JSON object of field values) against the
// form and returns the clean record: blank values (null, "", []) dropped,
// hidden fields' values dropped, computed fields evaluated and written (a
// value the client sent for them is ignored).
//
// A submission with problems is refused with a *problem.Error (kind
// Invalid, code "form.submission_invalid") naming every offending value
// once, by a JSON pointer into the submission ("/amount", "/items/2/qty"),
// with a stable code ("required", "type", "max_length", "phone",
// "money_precision", "rule" …) and a message in every locale that uses the
// field's label. Unreadable JSON is a BadRequest *problem.Error.
//
// res answers whether linked users and records exist; it may be nil only
// for forms without user, record_link, attachment or signature fields, and
// forms with the last two need it to be a FileResolver (see checkFiles).
// Its errors are returned wrapped, not as refusals.
func (c *Compiled) Validate(ctx context.Context, data json.RawMessage,
	res Resolver) (map[string]any, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, &problem.Error{Kind: problem.BadRequest, Code: "request.malformed_json",
			Params: i18n.Params{"reason": err.Error()}, Err: err}
	}
	return c.validateValue(ctx, v, res)
}

// ValidateMap is Validate for a submission the caller already decoded. The
// map is not modified; Go values (int, []string, time.Time …) are read as
// their JSON encoding would be.
func (c *Compiled) ValidateMap(ctx context.Context, data map[string]any,
	res Resolver) (map[string]any, error) {
	v, err := normalize(data)
	if err != nil {
		return nil, fmt.Errorf("validating %s submission: %w", c.def.Key, err)
	}
	return c.validateValue(ctx, v, res)
}

// errNoResolver is returned when a form needs a Resolver and got none.
var errNoResolver = errors.New("a Resolver is required for user and record_link fields")

func (c *Compiled) validateValue(ctx context.Context, v any, res Resolver) (map[string]any, error) {
	if c.hasLinks && res == nil {
		return nil, fmt.Errorf("validating %s submission: %w", c.def.Key, errNoResolver)
	}
	in, ok := v.(map[string]any)
	if !ok {
		rep := newReport(c)
		rep.add("", "type", "not_object", nil)
		return nil, rep.err()
	}

	r := &run{c: c, rep: newReport(c), hidden: map[string]bool{},
		vars: make(map[string]any, len(c.top.fields))}
	r.prepare(in)
	r.settle()
	r.checkSchema()
	r.checkUnknown()
	r.checkKinds()
	r.checkRules()
	if err := r.checkLinks(ctx, res); err != nil {
		return nil, fmt.Errorf("validating %s submission: %w", c.def.Key, err)
	}
	if err := r.checkFiles(ctx, res); err != nil {
		return nil, fmt.Errorf("validating %s submission: %w", c.def.Key, err)
	}
	if err := r.rep.err(); err != nil {
		return nil, err
	}
	return r.values, nil
}

// run is the state of one validation.
type run struct {
	c      *Compiled
	rep    *report
	values map[string]any  // the record being cleaned
	hidden map[string]bool // fields whose visibility is false
	vars   map[string]any  // the fields' values as expressions see them
}

// prepare copies the submission into values, leaving out blank values and
// anything sent for computed fields, top level and in sub_table rows.
func (r *run) prepare(in map[string]any) {
	r.values = make(map[string]any, len(in))

	for k, v := range in {
		fl := r.c.top.byName[k]
		if blank(v) || (fl != nil && fl.computed != nil) {
			continue
		}
		if fl != nil && fl.table != nil {
			v = prepareRows(v, fl.table)
		}
		r.values[k] = v
	}
}

// prepareRows cleans each row of a sub_table like the top level.
func prepareRows(v any, cols *scope) any {
	rows, ok := v.([]any)
	if !ok {
		return v
	}

	out := make([]any, len(rows))
	for i, row := range rows {
		m, ok := row.(map[string]any)
		if !ok {
			out[i] = row
			continue
		}
		clean := make(map[string]any, len(m))
		for k, cell := range m {
			if col := cols.byName[k]; !blank(cell) && (col == nil || col.computed == nil) {
				clean[k] = cell
			}
		}
		out[i] = clean
	}
	return out
}
