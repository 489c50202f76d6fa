package form

import (
	"strconv"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// field is one field of a compiled form, or one column of a sub_table: a
// schema property with its kind, settings, label and compiled expressions.
type field struct {
	name      string
	pos       int
	kind      kind
	settings  any
	prop      property
	label     Text
	layoutPtr string // where the layout places it; "" when inferred
	schemaPtr string // its property in the definition
	typ       expr.Type
	shape     shape // how the value is handed to expressions
	visibleIf string
	visible   *expr.Program // nil: always visible
	computed  *expr.Program // set for computed fields
	table     *scope        // the columns of a sub_table
	misfit    bool          // the kind does not fit the property (reported)
}

// scope is a set of fields that expressions see together: the form's top
// level, or the columns of one sub_table (one row at a time).
type scope struct {
	fields []*field
	byName map[string]*field
	obj    property // the object schema the fields are properties of
	strict bool     // properties the schema does not name are refused
	env    *expr.Env
	order  []*field // evaluation order, dependencies first
}

// buildScope matches the laid-out fields with the properties of the object
// schema obj (at schemaBase in the definition), infers a kind for every
// property no field places, and checks that each kind fits its property.
func buildScope(f *findings, laid []placed, obj property, schemaBase string, column bool) *scope {
	s := &scope{byName: map[string]*field{}, obj: obj, strict: !obj.allowsExtra()}
	usable := map[string]bool{}
	for _, name := range obj.propertyNames() {
		issues := checkKey(name)
		f.addIssues(pointer(schemaBase+"/properties", name), issues)
		usable[name] = issues == nil
	}

	seen := map[string]bool{}
	for _, pl := range laid {
		switch known, declared := usable[pl.Name]; {
		case pl.Name == "":
		case seen[pl.Name]:
			f.add(pl.ptr, "layout_duplicate", i18n.Params{"name": pl.Name})
		case !declared:
			f.add(pl.ptr+"/name", "layout_unknown_field", i18n.Params{"name": pl.Name})
		case known && pl.kind != nil:
			s.add(f, newField(pl.parsedField, obj.child(pl.Name), pl.ptr,
				pointer(schemaBase+"/properties", pl.Name)))
		}
		seen[pl.Name] = true
	}

	for _, name := range obj.propertyNames() {
		if usable[name] && !seen[name] {
			s.infer(f, name, obj.child(name), pointer(schemaBase+"/properties", name), column)
		}
	}
	return s
}

// newField makes the field a layout entry describes.
func newField(pf parsedField, prop property, layoutPtr, schemaPtr string) *field {
	label := pf.Label
	if label.IsEmpty() {
		label = defaultLabel(pf.Name, prop)
	}
	return &field{name: pf.Name, kind: pf.kind, settings: pf.settings, prop: prop,
		label: label, layoutPtr: layoutPtr, schemaPtr: schemaPtr, visibleIf: pf.VisibleWhen}
}

// defaultLabel is the schema's title, or the key itself.
func defaultLabel(name string, prop property) Text {
	if title := prop.str("title"); title != "" {
		return Text{string(i18n.English): title}
	}
	return Text{string(i18n.English): name}
}

// add checks the field's kind against its property and adds it; a
// sub_table's columns become a scope of their own.
func (s *scope) add(f *findings, fl *field) {
	var issues []issue
	if !fl.prop.dangling {
		issues = fl.kind.checkProperty(fl.prop, fl.settings)
		f.addIssues(fl.schemaPtr, issues)
	}
	fl.misfit = issues != nil
	fl.typ = fl.kind.exprType(fl.prop, fl.settings)
	fl.shape = shapeOf(fl.typ)
	fl.pos = len(s.fields)

	if st, ok := fl.settings.(subTableSettings); ok && issues == nil {
		cols := make([]placed, len(st.columns))
		for i, c := range st.columns {
			cols[i] = placed{parsedField: c,
				ptr: pointer(fl.layoutPtr+"/settings/columns", strconv.Itoa(i))}
		}
		fl.table = buildScope(f, cols, fl.prop.items(), fl.schemaPtr+"/items", true)
	}
	s.fields = append(s.fields, fl)
	s.byName[fl.name] = fl
}

// infer adds a property that no layout field places, with the kind its
// schema suggests.
func (s *scope) infer(f *findings, name string, prop property, schemaPtr string, column bool) {
	if prop.dangling {
		return // its reference was reported
	}

	k, settings, ok := inferKind(prop, column)
	if !ok {
		f.add(schemaPtr, "property_unsupported", i18n.Params{"name": name})
		return
	}
	s.add(f, &field{name: name, kind: k, settings: settings, prop: prop,
		label: defaultLabel(name, prop), schemaPtr: schemaPtr})
}

// stringFormats maps a string format to the kind that inference picks.
var stringFormats = map[string]kind{"date": dateKind{}, "date-time": dateTimeKind{},
	"email": emailKind{}, "uri": urlKind{}, "phone": phoneKind{}}

// inferKind picks the kind of a property the layout does not place.
func inferKind(p property, column bool) (kind, any, bool) {
	switch {
	case p.isType("string"):
		if enum, ok := p.strings("enum"); ok {
			return selectKind{}, optionsOf(enum), true
		}
		if k, ok := stringFormats[p.str("format")]; ok {
			return k, noSettings{}, true
		}
		return textKind{}, noSettings{}, true
	case p.isType("number", "integer"):
		return numberKind{}, numberSettings{}, true
	case p.isType("boolean"):
		return checkboxKind{}, noSettings{}, true
	case p.isType("array") && p.items().isType("string"):
		enum, _ := p.items().strings("enum")
		return multiSelectKind{}, optionsOf(enum), true
	case p.isType("array") && p.items().isType("object") && !column:
		return subTableKind{}, subTableSettings{}, true
	}
	return nil, nil, false
}

func optionsOf(values []string) optionSettings {
	s := optionSettings{Options: make([]Option, len(values))}
	for i, v := range values {
		s.Options[i] = Option{Value: v}
	}
	return s
}
