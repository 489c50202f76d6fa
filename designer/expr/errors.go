package expr

import (
	"fmt"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
)

// Params fill the placeholders of an error's message.
type Params = i18n.Params

// Error codes. Each has a message per locale under "expr.<code>".
const (
	CodeSyntax          = "syntax"           // the expression cannot be parsed
	CodeUnknownName     = "unknown_name"     // it names a variable that is not declared
	CodeUnknownFunction = "unknown_function" // it calls a function that does not exist
	CodeCheck           = "type_check"       // it does not type-check (wrong operand types …)
	CodeResultType      = "result_type"      // its result has the wrong type
	CodeTooLong         = "too_long"         // the source is over MaxSourceLen
	CodeTooCostly       = "too_costly"       // its cost is, or could be, over the cost limit
	CodeBadDate         = "bad_date"         // date() is given a constant that is not a date
	CodeBadDuration     = "bad_duration"     // add_business() is given a bad constant duration
	CodeEval            = "eval"             // evaluation failed (division by zero …)
	CodeBadValue        = "bad_value"        // a variable's value is not of its type
	CodeUnbound         = "unbound"          // a variable that must be bound (now) is missing
)

// Error is a refusal to compile or evaluate an expression.
type Error struct {
	// Code is one of the Code constants.
	Code string
	// Params fill the message. unknown_name and unknown_function carry
	// "name"; result_type and bad_value carry "want" and "got" as TypeName
	// gives them; eval carries "reason", the engine's English wording.
	Params Params
	// Line and Column locate the problem in the source, 1-based; zero when
	// the problem is not at one place.
	Line, Column int
	// Detail is the engine's own English wording, for logs and tooltips.
	Detail string

	// variant picks a more precise message for the code ("expr.<code>.<variant>").
	variant string
	// reason is the catalog key that puts Params["reason"] in words per locale.
	reason string
}

func newError(code string, p Params, line, col int, detail string) *Error {
	return &Error{Code: code, Params: p, Line: line, Column: col, Detail: detail}
}

// Error implements error in English, with the location when the message
// does not already give it.
func (e *Error) Error() string {
	msg := e.Message(i18n.English)
	if e.Line > 0 && !strings.Contains(i18n.T(i18n.English, e.messageKey(), nil), "{line}") {
		return fmt.Sprintf("%s (line %d, column %d)", msg, e.Line, e.Column)
	}
	return msg
}

// Key is the error's code with the package's prefix, "expr.<code>": the
// stable code a field error carries and the catalog key of its message
// (some errors are worded by a more precise "expr.<code>.<variant>").
func (e *Error) Key() string { return "expr." + e.Code }

// messageKey is the catalog key the message is read from.
func (e *Error) messageKey() string {
	if e.variant != "" {
		return e.Key() + "." + e.variant
	}
	return e.Key()
}

// Message returns the error's message in locale l.
func (e *Error) Message(l i18n.Locale) string {
	p := Params{"detail": e.Detail, "line": e.Line, "column": e.Column}
	for k, v := range e.Params {
		p[k] = v
	}

	for _, k := range []string{"want", "got", "type", "a", "b"} {
		if name, ok := p[k].(string); ok {
			p[k] = typeLabel(l, name)
		}
	}
	if args, ok := p["args"].([]string); ok {
		p["args"] = argList(l, args)
	}
	if e.reason != "" {
		p["reason"] = i18n.T(l, e.reason, p)
	}

	return i18n.T(l, e.messageKey(), p)
}

// Messages returns the error's message in every locale.
func (e *Error) Messages() map[i18n.Locale]string {
	out := make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		out[l] = e.Message(l)
	}
	return out
}

// argList puts argument types in words: "number and text", "数字、文本".
func argList(l i18n.Locale, args []string) string {
	words := make([]string, len(args))
	for i, a := range args {
		words[i] = "“" + typeLabel(l, a) + "”"
		if l != i18n.Chinese {
			words[i] = "\"" + typeLabel(l, a) + "\""
		}
	}

	if l == i18n.Chinese {
		return strings.Join(words, "、")
	}
	if n := len(words); n > 1 {
		return strings.Join(words[:n-1], ", ") + " and " + words[n-1]
	}
	return strings.Join(words, "")
}
