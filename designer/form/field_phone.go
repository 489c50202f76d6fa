package form

import (
	"encoding/json"
	"errors"
	"regexp"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/formworkhq/formwork/designer/expr"
)

// phoneKind is a telephone number: a mainland China mobile number
// (13800138000) or an international number in E.164 form (+8613800138000).
// Its schema says "format": "phone", a format Formwork registers with the
// validator and always asserts.
type phoneKind struct{}

var (
	cnMobile = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	e164     = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)
)

// phoneFormat checks the "phone" format; values other than strings are the
// "type" keyword's business.
var phoneFormat = &jsonschema.Format{Name: "phone", Validate: func(v any) error {
	s, ok := v.(string)
	if !ok || cnMobile.MatchString(s) || e164.MatchString(s) {
		return nil
	}
	return errors.New("not a mainland China mobile or E.164 number")
}}

func (phoneKind) name() string      { return "phone" }
func (phoneKind) label() Text       { return text("Phone", "电话") }
func (phoneKind) widgets() []string { return []string{"phone"} }

func (phoneKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseNoSettings(raw)
}

func (phoneKind) fragment(any) map[string]any {
	return map[string]any{"type": "string", "format": "phone"}
}

func (k phoneKind) checkProperty(p property, _ any) []issue {
	return wantStringFormat(p, k, "phone")
}

func (phoneKind) exprType(property, any) expr.Type { return expr.String }
