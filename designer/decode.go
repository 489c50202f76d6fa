package designer

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// strictDecode decodes content into v, refusing unknown members and wrong
// types with a field error that says where.
func strictDecode(content json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(content))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return problem.Fields(DecodeProblem(err))
	}
	return nil
}

// DecodeProblem turns an error of a strict JSON decoder into the field
// error a refusal lists: a wrong type or an unknown member at its pointer,
// anything else as invalid JSON.
func DecodeProblem(err error) problem.FieldError {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		ptr := "/" + strings.ReplaceAll(te.Field, ".", "/")
		return problem.Field(ptr, "wrong_type", i18n.Params{"expected": te.Type.String(),
			"got": te.Value})
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return problem.Field("/"+strings.Trim(name, `"`), "unknown", nil)
	}
	return problem.Field("", "invalid_json", i18n.Params{"reason": msg})
}
