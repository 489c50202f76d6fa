package form

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
)

// ChangeType names what happened to a field between two versions.
type ChangeType string

// The changes Diff reports.
const (
	FieldAdded     ChangeType = "added"
	FieldRemoved   ChangeType = "removed"
	FieldRetyped   ChangeType = "retyped"         // kind or JSON type changed
	MadeRequired   ChangeType = "made_required"   // now in the schema's "required"
	OptionsRemoved ChangeType = "options_removed" // a select lost options
)

// Change is one difference between two versions of a form that matters to
// records already stored.
type Change struct {
	// Field is the changed field's name.
	Field string `json:"field"`
	// Column is the changed column when Field is a sub_table.
	Column string `json:"column,omitempty"`
	// Type says what changed.
	Type ChangeType `json:"type"`
	// Breaking reports whether records stored under the old version may no
	// longer display, validate or save as they did.
	Breaking bool `json:"breaking"`
	// From and To are the old and new kind of a retyped field.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Options lists the options a select lost.
	Options []string `json:"options,omitempty"`
	// Message explains the change and its consequence, per locale.
	Message Text `json:"message"`
}

// Diff compares two versions of a form and lists the changes that matter to
// existing records: fields added, removed or retyped, fields made required,
// options removed from a select. It reads definitions leniently, so it
// works on drafts that do not compile yet.
func Diff(old, new Definition) []Change {
	before, after := outline(old), outline(new)

	var out []Change
	for _, name := range after.order {
		a := after.fields[name]
		if b, ok := before.fields[name]; ok {
			out = append(out, compareFields(name, "", b, a)...)
		} else {
			out = append(out, added(name, "", a))
		}
	}

	for _, name := range before.order {
		if _, ok := after.fields[name]; !ok {
			out = append(out, change(name, "", FieldRemoved, true, before.fields[name].label,
				nil))
		}
	}
	return out
}

// compareFields lists what changed in a field kept by both versions.
func compareFields(name, col string, b, a sketch) []Change {
	var out []Change
	if b.kind != a.kind || b.jsonType != a.jsonType {
		from, to := kindLabel(b.kind), kindLabel(a.kind)
		c := change(name, col, FieldRetyped, true, a.label, nil)
		c.From, c.To = b.kind, a.kind
		if b.kind == a.kind {
			from, to = Text{"en": b.jsonType}, Text{"en": a.jsonType}
			c.From, c.To = b.jsonType, a.jsonType
		}
		c.Message = changeMessage(string(FieldRetyped), a.label,
			i18n.Params{"from": from, "to": to})
		return append(out, c)
	}

	if a.required && !b.required {
		out = append(out, change(name, col, MadeRequired, true, a.label, nil))
	}

	if lost := missingFrom(b.options, a.options); len(lost) > 0 {
		c := change(name, col, OptionsRemoved, true, a.label,
			i18n.Params{"options": strings.Join(lost, ", ")})
		c.Options = lost
		out = append(out, c)
	}

	if b.columns != nil && a.columns != nil {
		out = append(out, compareColumns(name, b.columns, a.columns)...)
	}
	return out
}

// compareColumns lists what changed in a sub_table's columns.
func compareColumns(table string, before, after *outlined) []Change {
	var out []Change
	for _, col := range after.order {
		if b, ok := before.fields[col]; ok {
			out = append(out, compareFields(table, col, b, after.fields[col])...)
		} else {
			out = append(out, added(table, col, after.fields[col]))
		}
	}

	for _, col := range before.order {
		if _, ok := after.fields[col]; !ok {
			out = append(out, change(table, col, FieldRemoved, true, before.fields[col].label,
				nil))
		}
	}
	return out
}

func added(name, col string, a sketch) Change {
	if a.required {
		c := change(name, col, FieldAdded, true, a.label, nil)
		c.Message = changeMessage("added_required", a.label, nil)
		return c
	}
	return change(name, col, FieldAdded, false, a.label, nil)
}

func change(name, col string, t ChangeType, breaking bool, label Text, p i18n.Params) Change {
	return Change{Field: name, Column: col, Type: t, Breaking: breaking,
		Message: changeMessage(string(t), label, p)}
}

// changeMessage fills the catalog entry "form.change.<key>" in each locale.
func changeMessage(key string, label Text, p i18n.Params) Text {
	out := Text{}
	for _, l := range i18n.Locales {
		params := localize(p, l)
		params["label"] = label.In(l)
		out[string(l)] = i18n.T(l, "form.change."+key, params)
	}
	return out
}

func kindLabel(name string) Text {
	if k, ok := lookupKind(name); ok {
		return k.label()
	}
	return Text{string(i18n.English): name}
}

// missingFrom lists the values of before that after lacks, in order.
func missingFrom(before, after []string) []string {
	var lost []string
	for _, v := range before {
		if !slices.Contains(after, v) {
			lost = append(lost, v)
		}
	}
	return lost
}

// sketch is what Diff knows about one field.
type sketch struct {
	kind     string
	jsonType string
	required bool
	options  []string
	label    Text
	columns  *outlined
}

// outlined is a lenient reading of a form's fields, in display order.
type outlined struct {
	order  []string
	fields map[string]sketch
}

// outline reads a definition's fields without insisting that it compiles.
func outline(def Definition) *outlined {
	dec := json.NewDecoder(bytes.NewReader(def.Schema))
	dec.UseNumber()
	var root map[string]any
	if len(def.Schema) > MaxSchemaBytes || jsonDepth(def.Schema) > MaxSchemaDepth ||
		dec.Decode(&root) != nil {
		root = map[string]any{}
	}

	var laid []parsedField
	for _, sec := range def.Layout.Sections {
		for _, f := range sec.Fields {
			pf, _ := parseField(f, false)
			laid = append(laid, pf)
		}
	}
	return outlineObject(newProperty(root, root), laid, false)
}

// outlineObject sketches the properties of an object schema, with the
// kinds the layout fields give them.
func outlineObject(obj property, laid []parsedField, column bool) *outlined {
	out := &outlined{fields: map[string]sketch{}}
	required, _ := obj.strings("required")
	byName := map[string]parsedField{}
	for _, pf := range laid {
		if _, dup := byName[pf.Name]; !dup && pf.kind != nil && obj.child(pf.Name).m != nil {
			byName[pf.Name] = pf
			out.order = append(out.order, pf.Name)
		}
	}
	for _, name := range obj.propertyNames() {
		if _, ok := byName[name]; !ok {
			out.order = append(out.order, name)
		}
	}

	for _, name := range out.order {
		prop := obj.child(name)
		pf, ok := byName[name]
		if !ok {
			k, s, inferred := inferKind(prop, column)
			pf = parsedField{Field: Field{Name: name}, kind: k, settings: s}
			if !inferred {
				pf.kind = nil
			}
		}
		sk := sketchField(pf, prop)
		sk.required = slices.Contains(required, name)
		out.fields[name] = sk
	}
	return out
}

// sketchField sketches one field from its layout entry and property.
func sketchField(pf parsedField, prop property) sketch {
	sk := sketch{jsonType: prop.typeList(), label: pf.Label}
	if sk.label.IsEmpty() {
		sk.label = defaultLabel(pf.Name, prop)
	}

	if pf.kind == nil {
		return sk
	}

	sk.kind = pf.kind.name()
	switch pf.kind.(type) {
	case selectKind:
		sk.options, _ = prop.strings("enum")
	case multiSelectKind:
		sk.options, _ = prop.items().strings("enum")
	case subTableKind:
		st, _ := pf.settings.(subTableSettings)
		sk.columns = outlineObject(prop.items(), st.columns, true)
	}
	return sk
}
