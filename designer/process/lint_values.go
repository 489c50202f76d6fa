package process

import (
	"errors"
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// required reports a missing setting.
func (l *linter) required(p place, setting settingKey) {
	l.report(CodeRequired, p, i18n.Params{"setting": setting})
}

// invalidValue reports a value that is not one of allowed.
func (l *linter) invalidValue(p place, setting settingKey, value, allowed string) {
	l.report(CodeInvalidValue, p, i18n.Params{"setting": setting, "value": value,
		"allowed": allowed})
}

// unused warns about a setting that has no effect, when it is set.
func (l *linter) unused(p place, setting settingKey, set bool) {
	if set {
		l.report(CodeSettingNotUsed, p, i18n.Params{"setting": setting})
	}
}

// conflicting reports two settings of which only one may be given.
func (l *linter) conflicting(p place, setting, other settingKey) {
	l.report(CodeConflictingSettings, p, i18n.Params{"setting": setting, "other": other})
}

// oneOf checks that value is one of allowed, reporting it missing or
// invalid otherwise.
func oneOf[T ~string](l *linter, p place, setting settingKey, value T, allowed []T) bool {
	if value == "" {
		l.required(p, setting)
		return false
	}

	for _, a := range allowed {
		if a == value {
			return true
		}
	}

	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	l.invalidValue(p, setting, string(value), strings.Join(names, ", "))
	return false
}

// checkDuration parses a duration setting, reporting it missing (when
// required) or invalid.
func (l *linter) checkDuration(p place, value string, required bool, setting settingKey) {
	if value == "" {
		if required {
			l.required(p, setting)
		}
		return
	}

	_, err := ParseDuration(value)
	switch {
	case errors.Is(err, ErrDurationRange):
		l.report(CodeDurationOutOfRange, p, i18n.Params{"value": value})
	case err != nil:
		l.report(CodeInvalidDuration, p, i18n.Params{"value": value})
	}
}

// checkRef reports a reference of kind whose key does not resolve; key is
// not empty.
func (l *linter) checkRef(p place, kind RefKind, key string) bool {
	if l.ctx.Has(kind, key) {
		return true
	}
	l.report(unknownCodes[kind], p, i18n.Params{"value": key})
	return false
}

// optionalRef checks a reference that may be left empty.
func (l *linter) optionalRef(p place, kind RefKind, key string) {
	if key != "" {
		l.checkRef(p, kind, key)
	}
}

// checkForm checks a form reference and returns the form when it resolves.
func (l *linter) checkForm(p place, key string, required bool) (FormInfo, bool) {
	if key == "" {
		if required {
			l.required(p, "form")
		}
		return FormInfo{}, false
	}

	f, ok := l.ctx.Form(key)
	if !ok {
		l.report(CodeUnknownForm, p, i18n.Params{"value": key})
	}
	return f, ok
}

// checkExpr compiles src in scope s and checks its result against want
// (nil: any result).
func (l *linter) checkExpr(p place, src string, want expr.Type, s scope) {
	env := l.env(s)
	if !s.checkable || env == nil {
		return
	}

	prg, err := env.Compile(src, nil)
	if err != nil {
		l.report(CodeInvalidExpression, p, i18n.Params{"detail": exprDetail(err)})
		return
	}

	if got := prg.OutputType(); want != nil && !fits(got, want) {
		l.report(CodeExpressionType, p, i18n.Params{"want": typeName(want),
			"got": typeName(got)})
	}
}

// exprDetail is the expression checker's explanation in every locale.
func exprDetail(err error) Text {
	var ee *expr.Error
	if errors.As(err, &ee) {
		return Text(ee.Messages())
	}
	return localized(func(i18n.Locale) string { return err.Error() })
}

// fits reports whether a result of type got may be stored where want is
// expected. A whole number fits a number, since JSON numbers are one type.
func fits(got, want expr.Type) bool {
	switch {
	case got == nil || want == nil:
		return true
	case got.IsExactType(want), got.IsExactType(expr.Dyn), want.IsExactType(expr.Dyn):
		return true
	case want.IsExactType(expr.Number) && got.IsExactType(expr.Int):
		return true
	}
	return want.IsAssignableType(got)
}

// typeName is a type as implementers read it: "number", "string",
// "list(string)" …
func typeName(t expr.Type) string {
	switch {
	case t == nil || t.IsExactType(expr.Dyn):
		return "any"
	case t.IsExactType(expr.Number):
		return "number"
	case t.IsExactType(expr.Timestamp):
		return "timestamp"
	}
	return t.String()
}

// checkTemplate checks a message template per locale: that it parses and
// names only what scope s knows. An empty text is reported when required;
// a locale left empty beside another is a warning.
func (l *linter) checkTemplate(p place, t Text, s scope, required bool, setting settingKey) {
	if t.IsEmpty() {
		if required {
			l.required(p, setting)
		}
		return
	}

	names := s.templateNames()
	for _, loc := range i18n.Locales {
		src, lp := t[loc], p.at(string(loc))
		if src == "" {
			l.report(CodeMissingLocale, lp, i18n.Params{"setting": setting, "locale": loc})
			continue
		}
		l.checkPlaceholders(lp, src, s, names)
	}
}

func (l *linter) checkPlaceholders(p place, src string, s scope, names map[string]bool) {
	tpl, err := ParseTemplate(src)
	var te *TemplateError
	if errors.As(err, &te) {
		l.report(CodeInvalidTemplate, p, i18n.Params{"at": te.At})
		return
	}

	if !s.checkable {
		return
	}
	for _, name := range tpl.Names() {
		if !s.knowsPlaceholder(name, names) {
			l.report(CodeUnknownTemplateField, p, i18n.Params{"name": name})
		}
	}
}

// checkDuplicates warns about values listed twice in setting.
func checkDuplicates[T ~string](l *linter, p place, setting settingKey, values []T) {
	seen := map[T]bool{}
	for k, v := range values {
		if seen[v] {
			l.report(CodeDuplicateValue, p.at(itoa(k)), i18n.Params{"setting": setting,
				"value": string(v)})
		}
		seen[v] = true
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
