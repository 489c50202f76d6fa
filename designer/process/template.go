package process

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Template is a message with placeholders, such as
// "Lead {{record.company}} has waited 2 hours". A placeholder is a dotted
// name between "{{" and "}}", spaces allowed inside the braces; everything
// else is literal text, a lone "}}" included.
type Template struct {
	parts []templatePart
}

// templatePart is literal text, or a placeholder when name is set.
type templatePart struct {
	text string
	name string
}

// ErrTemplate is the cause of every template refusal; the *TemplateError
// says where.
var ErrTemplate = errors.New("placeholder is not written as {{record.field}}")

// TemplateError locates a malformed placeholder.
type TemplateError struct {
	// At is the 1-based position, in characters, of the placeholder's "{{".
	At int
}

// Error implements error.
func (e *TemplateError) Error() string {
	return fmt.Sprintf("placeholder at character %d: %v", e.At, ErrTemplate)
}

// Unwrap returns ErrTemplate.
func (e *TemplateError) Unwrap() error { return ErrTemplate }

// ParseTemplate reads a template. A "{{" without its "}}", or with
// something other than a dotted name inside, is a *TemplateError.
func ParseTemplate(src string) (Template, error) {
	var t Template
	rest, offset := src, 0
	for {
		open := strings.Index(rest, "{{")
		if open < 0 {
			t.addText(rest)
			return t, nil
		}
		t.addText(rest[:open])

		at := utf8.RuneCountInString(src[:offset+open]) + 1
		closing := strings.Index(rest[open+2:], "}}")
		if closing < 0 {
			return Template{}, &TemplateError{At: at}
		}
		name := strings.TrimSpace(rest[open+2 : open+2+closing])
		if !isDottedName(name) {
			return Template{}, &TemplateError{At: at}
		}
		t.parts = append(t.parts, templatePart{name: name})

		consumed := open + 2 + closing + 2
		rest, offset = rest[consumed:], offset+consumed
	}
}

func (t *Template) addText(s string) {
	if s != "" {
		t.parts = append(t.parts, templatePart{text: s})
	}
}

// Names lists the placeholders' names in order of first appearance.
func (t Template) Names() []string {
	var names []string
	seen := map[string]bool{}
	for _, p := range t.parts {
		if p.name != "" && !seen[p.name] {
			seen[p.name] = true
			names = append(names, p.name)
		}
	}
	return names
}

// Render fills every placeholder with value(name).
func (t Template) Render(value func(name string) string) string {
	var b strings.Builder
	for _, p := range t.parts {
		if p.name != "" {
			b.WriteString(value(p.name))
			continue
		}
		b.WriteString(p.text)
	}
	return b.String()
}

// String writes the template back with placeholders as {{name}}.
func (t Template) String() string {
	return t.Render(func(name string) string { return "{{" + name + "}}" })
}

// isDottedName reports whether s is identifiers joined by dots, such as
// "record.company".
func isDottedName(s string) bool {
	if s == "" {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if !isIdent(part) {
			return false
		}
	}
	return true
}

// isIdent reports whether s is an ASCII identifier: a letter or "_", then
// letters, digits and "_".
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}
