package templates

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/i18n"
)

// formDoc is a form's content opened for patching. Members the patch does
// not touch are written back as they were.
type formDoc struct {
	key     string
	members map[string]json.RawMessage
	schema  map[string]any
	props   map[string]any
	layout  form.Layout
	rules   []json.RawMessage
}

func openForm(it *designer.PackItem) (*formDoc, error) {
	d := &formDoc{key: it.Meta.Key, members: map[string]json.RawMessage{}}
	if err := json.Unmarshal(it.Content, &d.members); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(d.members["schema"], &d.schema); err != nil {
		return nil, fmt.Errorf("form %s: reading schema: %w", d.key, err)
	}
	d.props, _ = d.schema["properties"].(map[string]any)
	if d.props == nil {
		d.props = map[string]any{}
		d.schema["properties"] = d.props
	}
	if err := json.Unmarshal(d.members["layout"], &d.layout); err != nil {
		return nil, fmt.Errorf("form %s: reading layout: %w", d.key, err)
	}
	if raw, ok := d.members["rules"]; ok {
		if err := json.Unmarshal(raw, &d.rules); err != nil {
			return nil, fmt.Errorf("form %s: reading rules: %w", d.key, err)
		}
	}
	return d, nil
}

// close writes the patched form back into it.
func (d *formDoc) close(it *designer.PackItem) error {
	var err error
	set := func(k string, v any) {
		if err == nil {
			d.members[k], err = json.Marshal(v)
		}
	}
	set("schema", d.schema)
	set("layout", d.layout)
	if len(d.rules) > 0 {
		set("rules", d.rules)
	}
	if err != nil {
		return err
	}
	it.Content, err = json.Marshal(d.members)
	return err
}

// field returns the layout entry of a top-level field, or nil.
func (d *formDoc) field(name string) *form.Field {
	for i := range d.layout.Sections {
		for j := range d.layout.Sections[i].Fields {
			if f := &d.layout.Sections[i].Fields[j]; f.Name == name {
				return f
			}
		}
	}
	return nil
}

func (r *resolver) patchForms() {
	for _, key := range slices.Sorted(maps.Keys(r.ov.Forms)) {
		ptr := "/forms/" + key
		it := r.item(ptr, designer.KindForm, key)
		if it == nil {
			continue
		}
		p := r.ov.Forms[key]
		setText(&it.Meta.Name, p.Name)
		setText(&it.Meta.Description, p.Description)
		d, err := openForm(it)
		if err != nil {
			r.c.Add(ptr, "invalid_json", i18n.Params{"reason": err.Error()})
			continue
		}
		r.patchForm(ptr, d, p)
		if err := d.close(it); err != nil {
			r.c.Add(ptr, "invalid_json", i18n.Params{"reason": err.Error()})
		}
	}
}

func setText(dst *designer.Text, t designer.Text) {
	if len(t) > 0 {
		*dst = t
	}
}

func (r *resolver) patchForm(ptr string, d *formDoc, p FormPatch) {
	r.setTexts(ptr+"/labels", d, p.Labels, func(f *form.Field, t form.Text) { f.Label = t })
	r.setTexts(ptr+"/help", d, p.Help, func(f *form.Field, t form.Text) { f.Help = t })
	r.setTexts(ptr+"/placeholders", d, p.Placeholders,
		func(f *form.Field, t form.Text) { f.Placeholder = t })
	for _, name := range slices.Sorted(maps.Keys(p.Options)) {
		r.setOptions(ptr+"/options/"+name, d, name, p.Options[name])
	}
	for i, name := range p.Required {
		if d.props[name] == nil {
			r.unknownField(fmt.Sprintf("%s/required/%d", ptr, i), d, name)
			continue
		}
		d.require(name)
	}
	for i, nf := range p.Fields {
		r.addField(fmt.Sprintf("%s/fields/%d", ptr, i), d, nf, nf.Section)
	}
	for i, ns := range p.Sections {
		d.layout.Sections = append(d.layout.Sections, form.Section{Title: form.Text(ns.Title),
			Columns: ns.Columns, Fields: []form.Field{}})
		last := len(d.layout.Sections) - 1
		for j, nf := range ns.Fields {
			r.addField(fmt.Sprintf("%s/sections/%d/fields/%d", ptr, i, j), d, nf, &last)
		}
	}
	d.rules = append(d.rules, p.Rules...)
}

func (r *resolver) setTexts(ptr string, d *formDoc, texts map[string]designer.Text,
	set func(*form.Field, form.Text)) {
	for _, name := range slices.Sorted(maps.Keys(texts)) {
		f := d.field(name)
		if f == nil {
			r.unknownField(ptr+"/"+name, d, name)
			continue
		}
		set(f, form.Text(texts[name]))
	}
}

func (r *resolver) unknownField(ptr string, d *formDoc, name string) {
	r.c.Add(ptr, "overlay_unknown_field", i18n.Params{"form": d.key, "field": name})
}

// setOptions replaces a select field's options and the enum of its schema,
// remembering the values it removed.
func (r *resolver) setOptions(ptr string, d *formDoc, name string, opts []form.Option) {
	f := d.field(name)
	if f == nil {
		r.unknownField(ptr, d, name)
		return
	}
	prop, _ := d.props[name].(map[string]any)
	enumHolder := prop
	if f.Kind == "multi_select" && prop != nil {
		enumHolder, _ = prop["items"].(map[string]any)
	}
	if (f.Kind != "select" && f.Kind != "multi_select") || enumHolder == nil {
		r.c.Add(ptr, "overlay_not_a_choice", i18n.Params{"field": name})
		return
	}

	values := make([]any, len(opts))
	for i, o := range opts {
		values[i] = o.Value
	}
	old, _ := enumHolder["enum"].([]any)
	for _, v := range old {
		if s, ok := v.(string); ok && !slices.Contains(values, v) {
			r.removed = append(r.removed, removedOption{ptr: ptr, form: d.key, field: name,
				value: s})
		}
	}
	enumHolder["enum"] = values
	f.Settings = withMember(f.Settings, "options", opts)
}

// withMember returns settings with member k set to v.
func withMember(settings json.RawMessage, k string, v any) json.RawMessage {
	m := map[string]json.RawMessage{}
	_ = json.Unmarshal(settings, &m)
	m[k], _ = json.Marshal(v)
	out, _ := json.Marshal(m)
	return out
}

func (d *formDoc) require(name string) {
	req, _ := d.schema["required"].([]any)
	if !slices.Contains(req, any(name)) {
		d.schema["required"] = append(req, name)
	}
}

// addField adds a new field to section *at (the last one when nil).
func (r *resolver) addField(ptr string, d *formDoc, nf NewField, at *int) {
	if d.props[nf.Name] != nil {
		r.c.Add(ptr+"/name", "overlay_field_exists", i18n.Params{"form": d.key,
			"field": nf.Name})
		return
	}
	sec := len(d.layout.Sections) - 1
	if at != nil {
		sec = *at
	}
	if sec < 0 || sec >= len(d.layout.Sections) {
		r.c.Add(ptr+"/section", "overlay_no_section", i18n.Params{"form": d.key,
			"section": sec})
		return
	}
	var schema map[string]any
	if err := json.Unmarshal(nf.Schema, &schema); err != nil || schema == nil {
		r.c.Add(ptr+"/schema", "required", nil)
		return
	}
	d.props[nf.Name] = schema
	d.layout.Sections[sec].Fields = append(d.layout.Sections[sec].Fields, nf.Field)
	if nf.Required {
		d.require(nf.Name)
	}
}
