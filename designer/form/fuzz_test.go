package form_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// checkRefusal fails unless err is a refusal of kind k whose every field
// error has a JSON pointer and a message in each locale.
func checkRefusal(t *testing.T, err error, kinds ...problem.Kind) {
	t.Helper()
	pe, ok := problem.As(err)
	if !ok {
		t.Fatalf("error %v is not a *problem.Error", err)
	}
	if !contains(kinds, pe.Kind) {
		t.Fatalf("refusal of kind %v, want one of %v: %v", pe.Kind, kinds, describe(err))
	}
	for _, f := range pe.Fields {
		if f.Pointer != "" && !strings.HasPrefix(f.Pointer, "/") {
			t.Errorf("field error pointer %q is not a JSON pointer", f.Pointer)
		}
		for _, l := range i18n.Locales {
			if f.Messages[l] == "" {
				t.Errorf("%s %s has no %s message", f.Pointer, f.Code, l)
			}
		}
	}
}

func contains[T comparable](xs []T, x T) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func FuzzCompile(f *testing.F) {
	lead := loadLead(f)
	f.Add([]byte(lead.Schema))
	f.Add([]byte(`{"type": "object", "properties": {"a": {"$ref": "#/$defs/a"}},
		"$defs": {"a": {"$ref": "#/$defs/a"}}}`))
	f.Add([]byte(`{"type": "object", "properties": {"x": {"$ref": "https://example.com/x"}}}`))
	f.Add([]byte(`{"type": "object", "properties": {"t": {"type": "array",
		"items": {"type": "object", "properties": {"n": {"type": "number"}}}}}}`))
	f.Add([]byte(`{"type": ["object", "null"], "properties": {"s": {"enum": [1, "a", null]}}}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`))

	f.Fuzz(func(t *testing.T, schema []byte) {
		def := form.Definition{Key: "fuzz", Name: form.Text{"en": "Fuzz"}, Schema: schema,
			Layout: lead.Layout, Rules: lead.Rules}
		c, err := form.Compile(def)
		if err != nil {
			checkRefusal(t, err, problem.Invalid)
			return
		}
		_, err = c.Validate(context.Background(), json.RawMessage(`{}`), newResolver())
		if err != nil {
			checkRefusal(t, err, problem.Invalid)
		}
		def.Layout = form.Layout{}
		def.Rules = nil
		form.Diff(def, lead)
	})
}

func FuzzValidate(f *testing.F) {
	c := compileLead(f)
	f.Add(string(raw(f, validLead())))
	f.Add(`{"stage": "won", "products": [{"quantity": -1}, 3, null], "tags": ["a", "a"]}`)
	f.Add(`{"company": {"$ne": 1}, "budget": 1e309, "mobile": 13800138000}`)
	f.Add(`{"next_follow_up_at": "2026-02-30T25:00:00Z", "attachments": [{"size": "1"}]}`)
	f.Add(`[]`)
	f.Add(`{"a/b~c": 1, "": 2}`)

	f.Fuzz(func(t *testing.T, data string) {
		clean, err := c.Validate(context.Background(), json.RawMessage(data), newResolver())
		if err != nil {
			checkRefusal(t, err, problem.Invalid, problem.BadRequest)
			return
		}
		again, err := c.ValidateMap(context.Background(), clean, newResolver())
		if err != nil {
			t.Fatalf("the clean record does not validate again: %v", describe(err))
		}
		if diff := cmp.Diff(clean, again); diff != "" {
			t.Fatalf("validating the clean record changed it (-first +second):\n%s", diff)
		}
	})
}
