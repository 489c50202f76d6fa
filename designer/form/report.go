package form

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// report collects the problems of one submission, at most one per pointer:
// when several checks object to the same value, the most basic objection
// (missing, then wrong type, then the rest) is the one the person sees.
type report struct {
	c     *Compiled
	byPtr map[string]problem.FieldError
}

func newReport(c *Compiled) *report {
	return &report{c: c, byPtr: map[string]problem.FieldError{}}
}

// rank orders objections to one value; lower wins.
func rank(code string) int {
	switch code {
	case "required":
		return 0
	case "type", "unknown_field":
		return 1
	case "rule":
		return 3
	case "unknown_user", "unknown_record":
		return 4
	}
	return 2
}

// add records a problem whose message is the catalog entry
// "form.value.<msg>" (msg empty: the code), filled with params and the
// field's label in each locale.
func (r *report) add(ptr, code, msg string, params i18n.Params) {
	if msg == "" {
		msg = code
	}

	where := r.c.describe(ptr)
	msgs := make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		p := localize(params, l)
		p["label"] = where.label.In(l)
		msgs[l] = where.wrap(l, i18n.T(l, "form.value."+msg, p))
	}

	r.put(problem.FieldError{Pointer: ptr, Code: code,
		Params: localize(params, i18n.English), Messages: msgs})
}

// addText records a problem whose message is given per locale (a rule's
// own message).
func (r *report) addText(ptr, code string, message Text, params i18n.Params) {
	where := r.c.describe(ptr)
	msgs := make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		msgs[l] = where.wrap(l, message.In(l))
	}
	r.put(problem.FieldError{Pointer: ptr, Code: code, Params: params, Messages: msgs})
}

func (r *report) put(fe problem.FieldError) {
	if old, ok := r.byPtr[fe.Pointer]; ok {
		if rank(old.Code) < rank(fe.Code) ||
			(rank(old.Code) == rank(fe.Code) && old.Code <= fe.Code) {
			return
		}
	}
	r.byPtr[fe.Pointer] = fe
}

// touches reports whether a problem was recorded at ptr or inside it.
func (r *report) touches(ptr string) bool {
	if _, ok := r.byPtr[ptr]; ok {
		return true
	}

	prefix := ptr + "/"
	for p := range r.byPtr {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// err returns the refusal for everything recorded, in display order, or nil.
func (r *report) err() error {
	if len(r.byPtr) == 0 {
		return nil
	}

	fields := make([]problem.FieldError, 0, len(r.byPtr))
	for _, fe := range r.byPtr {
		fields = append(fields, fe)
	}

	slices.SortFunc(fields, func(a, b problem.FieldError) int {
		return r.c.comparePointers(a.Pointer, b.Pointer)
	})

	return &problem.Error{Kind: problem.Invalid, Code: "form.submission_invalid",
		Params: i18n.Params{"count": len(fields)}, Fields: fields}
}

// place is what a pointer into a submission is about, for messages.
type place struct {
	label Text
	table Text // set inside a sub_table row
	row   int  // 1-based row number inside a sub_table
}

// wrap prefixes a message about a sub_table cell with its table and row.
func (p place) wrap(l i18n.Locale, msg string) string {
	if p.row == 0 {
		return msg
	}
	return i18n.T(l, "form.value.in_row",
		i18n.Params{"table": p.table.In(l), "row": p.row, "message": msg})
}

// describe finds the field (or sub_table cell) a pointer is about.
func (c *Compiled) describe(ptr string) place {
	toks := splitPointer(ptr)
	if len(toks) == 0 {
		return place{label: c.def.Name}
	}

	fl, ok := c.top.byName[toks[0]]
	if !ok {
		return place{label: Text{string(i18n.English): toks[0]}}
	}

	if fl.table == nil || len(toks) < 3 {
		return place{label: fl.label}
	}

	row, err := strconv.Atoi(toks[1])
	if err != nil {
		return place{label: fl.label}
	}

	label := Text{string(i18n.English): toks[2]}
	if col, ok := fl.table.byName[toks[2]]; ok {
		label = col.label
	}
	return place{label: label, table: fl.label, row: row + 1}
}

// comparePointers orders pointers as the form shows them: by field, then
// by row, then by column.
func (c *Compiled) comparePointers(a, b string) int {
	ta, tb := splitPointer(a), splitPointer(b)
	for i := 0; i < len(ta) && i < len(tb); i++ {
		if d := compareToken(ta[i], tb[i], c.scopeAt(ta, i)); d != 0 {
			return d
		}
	}
	return cmp.Compare(len(ta), len(tb))
}

// scopeAt is the scope whose fields token i of a pointer names, if any.
func (c *Compiled) scopeAt(toks []string, i int) *scope {
	switch i {
	case 0:
		return c.top
	case 2:
		if fl, ok := c.top.byName[toks[0]]; ok {
			return fl.table
		}
	}
	return nil
}

// compareToken orders two tokens at one level: row indexes by number,
// field names by display position (unknown names last, by name).
func compareToken(a, b string, s *scope) int {
	na, errA := strconv.Atoi(a)
	nb, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return cmp.Compare(na, nb)
	}
	return cmp.Or(cmp.Compare(s.position(a), s.position(b)), strings.Compare(a, b))
}

// position is a field's display position; unknown names sort last.
func (s *scope) position(name string) int {
	if s != nil {
		if fl, ok := s.byName[name]; ok {
			return fl.pos
		}
	}
	return 1 << 20
}
