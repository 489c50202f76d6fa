package calendar

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/formworkhq/formwork/internal/i18n"
)

// The codes of a refused duration; each is also its message's catalog key.
const (
	CodeBadDuration         = "calendar.bad_duration"          // unreadable
	CodeDurationNotPositive = "calendar.duration_not_positive" // zero
	CodeDurationTooLong     = "calendar.duration_too_long"     // over MaxDurationDays
)

// ErrBadDuration matches every *DurationError with errors.Is.
var ErrBadDuration = errors.New("bad duration")

// DurationError is ParseDuration's refusal: a code, the parameters of its
// message, and the text that was refused.
type DurationError struct {
	// Code is one of the CodeBadDuration… constants.
	Code string
	// Params fill the message; Message adds "value", the refused text.
	Params i18n.Params
	// Input is the text that was refused.
	Input string
	// Detail says in English what was wrong, for logs.
	Detail string
}

// maxQuoted bounds how much of a refused text a message repeats.
const maxQuoted = 40

func badDuration(s, detail string) *DurationError {
	return &DurationError{Code: CodeBadDuration, Input: s, Detail: detail}
}

// Error implements error, in English, for logs.
func (e *DurationError) Error() string {
	return fmt.Sprintf("parsing duration %q: %s", quoted(e.Input), e.Detail)
}

// Is makes errors.Is(err, ErrBadDuration) true.
func (e *DurationError) Is(target error) bool { return target == ErrBadDuration }

// Message returns the refusal in locale l, for the person who wrote it.
func (e *DurationError) Message(l i18n.Locale) string {
	p := i18n.Params{"value": quoted(e.Input)}
	for k, v := range e.Params {
		p[k] = v
	}
	return i18n.T(l, e.Code, p)
}

// Messages returns the refusal in every locale, ready for
// problem.FieldError.Messages.
func (e *DurationError) Messages() map[i18n.Locale]string {
	out := make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		out[l] = e.Message(l)
	}
	return out
}

// quoted shortens s for repeating it in a message.
func quoted(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return s
	}
	return string([]rune(s)[:maxQuoted]) + "…"
}
