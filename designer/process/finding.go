package process

import (
	"sort"
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Severity says whether a finding blocks publishing.
type Severity string

// The severities.
const (
	// SeverityError blocks publishing: the process would not run as drawn.
	SeverityError Severity = "error"
	// SeverityWarning is worth a look but does not block.
	SeverityWarning Severity = "warning"
)

// Finding is one problem Lint found. Its message, in each locale, comes
// from the catalog key "process.lint.<code>".
type Finding struct {
	// Code is stable and names the check (the Code constants).
	Code string `json:"code"`
	// Severity is error or warning.
	Severity Severity `json:"severity"`
	// Node is the id of the node the finding is about, if any.
	Node string `json:"node,omitempty"`
	// Edge is the id of the edge the finding is about, if any.
	Edge string `json:"edge,omitempty"`
	// Pointer is a JSON pointer into the graph's JSON, such as
	// "/nodes/3/config/due"; it may name a key that is missing.
	Pointer string `json:"pointer"`
	// Params fill the message. Values of type Text are read in the
	// message's locale; "subject" is the node's or edge's display name.
	Params i18n.Params `json:"params,omitempty"`
}

// settingKey names a setting in messages; its label per locale is the
// catalog key "process.setting.<key>".
type settingKey string

// Message returns the finding's message in locale l.
func (f Finding) Message(l i18n.Locale) string {
	return i18n.T(l, "process.lint."+f.Code, resolveParams(l, f.Params))
}

// resolveParams turns locale-dependent parameter values into text in l.
func resolveParams(l i18n.Locale, params i18n.Params) i18n.Params {
	out := make(i18n.Params, len(params))
	for k, v := range params {
		switch v := v.(type) {
		case Text:
			out[k] = v.In(l)
		case Kind:
			out[k] = i18n.T(l, "process.kind."+string(v), nil)
		case settingKey:
			out[k] = i18n.T(l, "process.setting."+string(v), nil)
		case i18n.Locale:
			out[k] = i18n.T(l, "process.locale."+string(v), nil)
		default:
			out[k] = v
		}
	}
	return out
}

// FieldError converts the finding for a problem document, with its
// message in every locale.
func (f Finding) FieldError() problem.FieldError {
	msgs := make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		msgs[l] = f.Message(l)
	}
	return problem.FieldError{Pointer: f.Pointer, Node: f.Node, Edge: f.Edge, Code: f.Code,
		Params: f.Params, Messages: msgs}
}

// Findings is what Lint returns, sorted by pointer and then code.
type Findings []Finding

// HasErrors reports whether any finding is an error.
func (fs Findings) HasErrors() bool {
	for _, f := range fs {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Err returns the error findings as one Invalid *problem.Error, or nil when
// there are none; warnings are left out. Compare the result with nil
// before storing it in an error variable.
func (fs Findings) Err() *problem.Error {
	var fields []problem.FieldError
	for _, f := range fs {
		if f.Severity == SeverityError {
			fields = append(fields, f.FieldError())
		}
	}
	if len(fields) == 0 {
		return nil
	}

	e := problem.Fields(fields...)
	e.Code = "process.invalid"
	e.Params = i18n.Params{"count": len(fields)}
	return e
}

// sortFindings orders findings by pointer (array indexes compared as
// numbers), then code, then node and edge.
func sortFindings(fs Findings) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]

		if c := comparePointers(a.Pointer, b.Pointer); c != 0 {
			return c < 0
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if a.Node != b.Node {
			return a.Node < b.Node
		}
		return a.Edge < b.Edge
	})
}

// comparePointers compares JSON pointers token by token, numbers as
// numbers, so "/nodes/2" sorts before "/nodes/10".
func comparePointers(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if c := compareTokens(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return len(as) - len(bs)
}

func compareTokens(a, b string) int {
	na, errA := strconv.Atoi(a)
	nb, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return na - nb
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return strings.Compare(a, b)
}
