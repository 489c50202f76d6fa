package form

import (
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// issue is one problem a check found, before it becomes a
// problem.FieldError. Its pointer is relative to whatever the check was
// given (a property, a settings object, a value); the caller prefixes it.
type issue struct {
	ptr    string
	code   string
	params i18n.Params
}

// pointer joins JSON pointer tokens onto base, escaping "~" and "/" as
// RFC 6901 requires.
func pointer(base string, tokens ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escapeToken(t))
	}
	return b.String()
}

var tokenEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func escapeToken(t string) string {
	if !strings.ContainsAny(t, "~/") {
		return t
	}
	return tokenEscaper.Replace(t)
}

// splitPointer returns the unescaped tokens of a JSON pointer.
func splitPointer(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, t := range parts {
		if strings.Contains(t, "~") {
			parts[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(t)
		}
	}
	return parts
}

// localize returns params for locale l: every Text value is replaced by its
// text in l, so that one set of params serves every language.
func localize(params i18n.Params, l i18n.Locale) i18n.Params {
	out := make(i18n.Params, len(params))
	for k, v := range params {
		if t, ok := v.(Text); ok {
			v = t.In(l)
		}
		out[k] = v
	}
	return out
}

// findings collects the problems of one definition so that Compile can
// report all of them at once.
type findings struct {
	list []problem.FieldError
}

// add records a problem whose message is the catalog entry "form.<code>".
func (f *findings) add(ptr, code string, params i18n.Params) {
	key := "form." + code
	msgs := make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		msgs[l] = i18n.T(l, key, localize(params, l))
	}
	f.list = append(f.list, problem.FieldError{Pointer: ptr, Code: key,
		Params: localize(params, i18n.English), Messages: msgs})
}

// addIssues records issues whose pointers are relative to base.
func (f *findings) addIssues(base string, issues []issue) {
	for _, is := range issues {
		f.add(base+is.ptr, is.code, is.params)
	}
}

// err returns the refusal for everything found, or nil.
func (f *findings) err() error {
	if len(f.list) == 0 {
		return nil
	}
	return &problem.Error{Kind: problem.Invalid, Code: "form.invalid",
		Params: i18n.Params{"count": len(f.list)}, Fields: f.list}
}
