package form

import (
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// Compile checks a definition and compiles it for validation. A definition
// with problems is refused with a *problem.Error (kind Invalid, code
// "form.invalid") that lists every problem at once, each with a JSON
// pointer into the definition ("/schema/properties/amount/type",
// "/layout/sections/0/fields/2", "/rules/1/when") and a message in every
// locale.
//
// Compile checks: the key and name; that the schema is at most
// MaxSchemaBytes and MaxSchemaDepth deep, is JSON, and compiles as draft
// 2020-12 without reaching outside its own document; that its top level is
// an object with properties whose keys can be field names; that the layout
// names only declared properties, each at most once, with known kinds,
// widgets and settings, each kind fitting its property; that every
// expression (visibility, computed values, rules) compiles against the
// form's fields; that computed values and visibility do not depend on each
// other in a cycle; and that every rule is well formed.
func Compile(def Definition) (*Compiled, error) {
	var f findings
	checkHeader(&f, def)
	laid := parseLayout(&f, def.Layout)

	c := &Compiled{def: def}
	root, compilable := loadSchema(&f, def.Schema)
	if root != nil {
		if compilable {
			c.schema = compileSchema(&f, root)
		}
		c.top = buildScope(&f, laid, newProperty(root, root), "/schema", false)
		c.top.compileExprs(&f)
	}
	c.rules = compileRules(&f, def.Rules, c.top)
	if err := f.err(); err != nil {
		return nil, err
	}

	c.index()
	return c, nil
}

// checkHeader checks the definition's key and name.
func checkHeader(f *findings, def Definition) {
	switch {
	case def.Key == "":
		f.add("/key", "key_missing", nil)
	case !keyPattern.MatchString(def.Key):
		f.add("/key", "form_key_invalid", i18n.Params{"key": def.Key})
	}

	if def.Name.IsEmpty() {
		f.add("/name", "name_missing", nil)
	}
	f.addIssues("", checkTexts(map[string]Text{"name": def.Name}))
}

// Compiled is a checked form, ready to validate submissions. It holds the
// compiled schema and every compiled expression; it is immutable and safe
// for concurrent use.
type Compiled struct {
	def      Definition
	schema   *jsonschema.Schema
	top      *scope
	rules    []rule
	hasLinks bool // some field needs the Resolver
	hasFiles bool // some field needs a FileResolver
}

// index notes what Validate needs to know up front.
func (c *Compiled) index() {
	for _, fl := range c.top.fields {
		c.note(fl)
		for _, col := range tableFields(fl) {
			c.note(col)
		}
	}
}

// note records what validating field fl needs.
func (c *Compiled) note(fl *field) {
	if _, ok := fl.kind.(linker); ok {
		c.hasLinks = true
	}
	if _, ok := fl.kind.(filer); ok {
		c.hasLinks, c.hasFiles = true, true
	}
}

// Key returns the form's key.
func (c *Compiled) Key() string { return c.def.Key }

// Definition returns the definition the form was compiled from. It shares
// memory with the compiled form: callers must not modify it.
func (c *Compiled) Definition() Definition { return c.def }

// FieldInfo describes one field of a compiled form.
type FieldInfo struct {
	// Name is the field's key in records.
	Name string `json:"name"`
	// Kind is the field's kind, from the layout or inferred.
	Kind string `json:"kind"`
	// Label is the field's label per locale.
	Label Text `json:"label"`
	// Required reports whether the schema lists the field as required.
	Required bool `json:"required"`
	// Computed reports whether the value is computed, never entered.
	Computed bool `json:"computed"`
	// ValueType names the type of the field's values in expressions
	// ("string", "number", "timestamp", "list(string)" …).
	ValueType string `json:"value_type"`
	// Type is that type itself, for declaring the field to other
	// expression environments (a process reading a record).
	Type expr.Type `json:"-"`
	// Columns are a sub_table's columns, in display order.
	Columns []FieldInfo `json:"columns,omitempty"`
}

// Fields lists the form's top-level fields in display order: laid-out
// fields first, then the ones only the schema declares.
func (c *Compiled) Fields() []FieldInfo { return c.top.infos() }

func (s *scope) infos() []FieldInfo {
	required, _ := s.obj.strings("required")
	out := make([]FieldInfo, 0, len(s.fields))

	for _, fl := range s.fields {
		fi := FieldInfo{Name: fl.name, Kind: fl.kind.name(), Label: fl.label,
			Required: slices.Contains(required, fl.name), Computed: fl.computed != nil,
			ValueType: valueTypeName(fl.typ), Type: fl.typ}
		if fl.table != nil {
			fi.Columns = fl.table.infos()
		}
		out = append(out, fi)
	}
	return out
}
