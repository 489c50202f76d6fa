package designer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// formContent is a form's stored content: what form.Definition holds
// besides its key and name.
type formContent struct {
	Schema json.RawMessage `json:"schema"`
	Layout form.Layout     `json:"layout"`
	Rules  []form.Rule     `json:"rules,omitempty"`
}

type formSpec struct{}

// formDefinition assembles the form package's definition from a stored
// identity and content.
func formDefinition(meta Meta, content json.RawMessage) (form.Definition, error) {
	var fc formContent
	if err := strictDecode(content, &fc); err != nil {
		return form.Definition{}, err
	}
	return form.Definition{Key: meta.Key, Name: form.Text(meta.Name), Schema: fc.Schema,
		Layout: fc.Layout, Rules: fc.Rules}, nil
}

func (formSpec) check(ctx context.Context, meta Meta, content json.RawMessage,
	refs *Refs) (json.RawMessage, []problem.FieldError, error) {
	def, err := formDefinition(meta, content)
	if err != nil {
		return nil, nil, err
	}
	if _, err := form.Compile(def); err != nil {
		return nil, nil, withoutHeader(err)
	}
	if err := checkLinkedForms(ctx, def, refs); err != nil {
		return nil, nil, err
	}
	canonical, err := json.Marshal(formContent{Schema: compactJSON(def.Schema),
		Layout: def.Layout, Rules: def.Rules})
	return canonical, nil, err
}

// withoutHeader drops findings about the key and name, which the store
// checks itself (they are not part of the content).
func withoutHeader(err error) error {
	pe, ok := problem.As(err)
	if !ok {
		return err
	}
	out := *pe
	out.Fields = nil
	for _, f := range pe.Fields {
		if f.Pointer == "/key" || f.Pointer == "/name" || strings.HasPrefix(f.Pointer, "/name/") {
			continue
		}
		out.Fields = append(out.Fields, f)
	}
	if len(out.Fields) == 0 && len(pe.Fields) > 0 {
		return nil
	}
	return &out
}

func compactJSON(raw json.RawMessage) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return raw
	}
	return buf.Bytes()
}

func (formSpec) diff(old, new json.RawMessage) []Change {
	a, errA := formDefinition(Meta{Key: "old"}, old)
	b, errB := formDefinition(Meta{Key: "new"}, new)
	if errA != nil || errB != nil {
		return nil
	}
	var out []Change
	for _, ch := range form.Diff(a, b) {
		subject := ch.Field
		if ch.Column != "" {
			subject += "/" + ch.Column
		}
		out = append(out, Change{Code: "field_" + string(ch.Type), Subject: subject,
			Breaking: ch.Breaking, Message: Text(ch.Message)})
	}
	return out
}

// formFieldTypes returns the fields of a stored form with their
// expression types; nil when the content does not compile.
func formFieldTypes(content json.RawMessage) map[string]expr.Type {
	def, err := formDefinition(Meta{Key: "ref", Name: Text{"en": "ref"}}, content)
	if err != nil {
		return nil
	}
	c, err := form.Compile(def)
	if err != nil {
		return nil
	}
	out := map[string]expr.Type{}
	for _, f := range c.Fields() {
		out[f.Name] = f.Type
	}
	return out
}

// formStages returns the allowed values of a form's "stage" field, in
// schema order: the stages a process may move a record through.
func formStages(content json.RawMessage) []string {
	var fc struct {
		Schema struct {
			Properties map[string]struct {
				Enum []any `json:"enum"`
			} `json:"properties"`
		} `json:"schema"`
	}
	if json.Unmarshal(content, &fc) != nil {
		return nil
	}
	var out []string
	for _, v := range fc.Schema.Properties["stage"].Enum {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// checkLinkedForms refuses record_link fields whose form does not exist in
// the tenant (a form may link to its own records).
func checkLinkedForms(ctx context.Context, def form.Definition, refs *Refs) error {
	var c problem.Collector
	for i, sec := range def.Layout.Sections {
		for j, f := range sec.Fields {
			if f.Kind != "record_link" {
				continue
			}
			var s struct {
				FormKey string `json:"form_key"`
			}
			_ = json.Unmarshal(f.Settings, &s)
			if s.FormKey == def.Key || refs.exists(ctx, KindForm, s.FormKey) {
				continue
			}
			ptr := fmt.Sprintf("/layout/sections/%d/fields/%d/settings/form_key", i, j)
			c.Add(ptr, "unknown_form", i18n.Params{"key": s.FormKey})
		}
	}
	return c.Err()
}
