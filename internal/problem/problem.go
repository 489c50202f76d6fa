// Package problem owns the errors that Formwork's domain returns to people.
//
// A domain function that refuses a request returns an *Error: a Kind (what
// sort of refusal), a stable Code (the catalog key of its message), and for
// invalid input one FieldError per offending field, keyed by JSON pointer.
// The HTTP layer maps Kind to a status in exactly one place and renders the
// error as an RFC 9457 problem document in the caller's language; nothing in
// the domain knows about HTTP.
package problem

import (
	"errors"
	"fmt"
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
)

// Kind is the class of a refusal; the HTTP layer maps each to one status.
type Kind int

// The kinds of refusal.
const (
	Internal     Kind = iota // a bug or an unexpected failure (500)
	BadRequest               // unreadable request (400)
	Invalid                  // readable but invalid input (422)
	Unauthorized             // no or bad credentials (401)
	Forbidden                // authenticated but not allowed (403)
	NotFound                 // absent, or in another tenant (404)
	Conflict                 // clashes with current state (409)
	TooLarge                 // body over the limit (413)
	MediaType                // not JSON (415)
	RateLimited              // too many attempts (429)
	Unavailable              // a store is down; retry later (503)
)

// Error is a refusal the caller can act on.
type Error struct {
	Kind   Kind
	Code   string      // catalog key of the detail message, e.g. "user.not_found"
	Params i18n.Params // fills the message's placeholders
	Fields []FieldError
	// RetryAfter, when set, tells the caller when to try again.
	RetryAfter time.Duration
	// Err is the underlying cause; it is logged, never shown.
	Err error
}

// FieldError is one problem with one input field.
type FieldError struct {
	Pointer string // JSON pointer into the request body, e.g. "/email"
	// Node and Edge, when set, name the graph element a process lint finding
	// is about, so a designer can highlight it on the canvas.
	Node   string
	Edge   string
	Code   string      // stable code, e.g. "required"; message key "field.<code>"
	Params i18n.Params // fills the message's placeholders
	// Messages, when set, are ready-made messages per locale (for example
	// from a schema validator); they win over the catalog.
	Messages map[i18n.Locale]string
}

// Error implements error with the English detail and the cause.
func (e *Error) Error() string {
	msg := i18n.T(i18n.English, e.Code, e.Params)
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", msg, e.Err)
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Message returns the field error's message in locale l.
func (f FieldError) Message(l i18n.Locale) string {
	if m, ok := f.Messages[l]; ok {
		return m
	}
	if m, ok := f.Messages[i18n.English]; ok && len(f.Messages) > 0 {
		return m
	}
	return i18n.T(l, "field."+f.Code, f.Params)
}

// New returns an error of kind k with the catalog code and params.
func New(k Kind, code string, params i18n.Params) *Error {
	return &Error{Kind: k, Code: code, Params: params}
}

// NotFoundf is the usual "no such thing" refusal.
func NotFoundf(code string) *Error { return New(NotFound, code, nil) }

// Fields returns an Invalid error carrying the given field errors.
func Fields(fields ...FieldError) *Error {
	return &Error{Kind: Invalid, Code: "request.invalid_fields", Fields: fields}
}

// Field returns one field error.
func Field(pointer, code string, params i18n.Params) FieldError {
	return FieldError{Pointer: pointer, Code: code, Params: params}
}

// Wrap returns an Internal error around err, unless err already is an *Error
// (then it is returned unchanged).
func Wrap(err error) *Error {
	var pe *Error
	if errors.As(err, &pe) {
		return pe
	}
	return &Error{Kind: Internal, Code: "internal.error", Err: err}
}

// As reports whether err is an *Error and returns it.
func As(err error) (*Error, bool) {
	var pe *Error
	ok := errors.As(err, &pe)
	return pe, ok
}

// Collector gathers field errors so that a validator can report all of them
// at once instead of stopping at the first.
type Collector struct {
	fields []FieldError
}

// Add records a field error.
func (c *Collector) Add(pointer, code string, params i18n.Params) {
	c.fields = append(c.fields, Field(pointer, code, params))
}

// AddField records a ready-made field error.
func (c *Collector) AddField(f FieldError) { c.fields = append(c.fields, f) }

// Has reports whether a field error for pointer was recorded.
func (c *Collector) Has(pointer string) bool {
	for _, f := range c.fields {
		if f.Pointer == pointer {
			return true
		}
	}
	return false
}

// Err returns the Invalid error for everything collected, or nil.
func (c *Collector) Err() error {
	if len(c.fields) == 0 {
		return nil
	}
	return Fields(c.fields...)
}
