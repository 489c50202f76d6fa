package form_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/formworkhq/formwork/designer/form"
)

func TestLeadFormCompiles(t *testing.T) {
	c := compileLead(t)

	fields := c.Fields()
	if len(fields) != 25 {
		t.Fatalf("lead form has %d fields, want 25", len(fields))
	}
	kinds := map[string]bool{}
	for _, f := range fields {
		kinds[f.Kind] = true
		for _, col := range f.Columns {
			kinds[col.Kind] = true
		}
	}
	for _, k := range form.Kinds() {
		if !kinds[k.Name] {
			t.Errorf("the lead form uses no %s field", k.Name)
		}
	}
	if got := c.Key(); got != "lead" {
		t.Errorf("Key() = %q, want lead", got)
	}
}

func TestLeadFormFields(t *testing.T) {
	got := compileLead(t).Fields()[:4]
	want := []form.FieldInfo{
		{Name: "company", Kind: "text", Label: form.Text{"en": "Company", "zh-CN": "公司名称"},
			Required: true, ValueType: "string"},
		{Name: "contact_name", Kind: "text",
			Label: form.Text{"en": "Contact name", "zh-CN": "联系人"}, Required: true,
			ValueType: "string"},
		{Name: "mobile", Kind: "phone", Label: form.Text{"en": "Mobile", "zh-CN": "手机号"},
			Required: true, ValueType: "string"},
		{Name: "email", Kind: "email", Label: form.Text{"en": "E-mail", "zh-CN": "邮箱"},
			ValueType: "string"},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(form.FieldInfo{}, "Type")); diff != "" {
		t.Errorf("Fields() (-want +got):\n%s", diff)
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(d doc)
		want   []spot
	}{
		{"key missing", func(d doc) { d.set("/key", "") },
			[]spot{{"/key", "form.key_missing"}}},
		{"key invalid", func(d doc) { d.set("/key", "Deal-1") },
			[]spot{{"/key", "form.form_key_invalid"}}},
		{"name missing", func(d doc) { d.del("/name") },
			[]spot{{"/name", "form.name_missing"}}},
		{"unknown locale", func(d doc) { d.set("/name/fr", "Affaire") },
			[]spot{{"/name/fr", "form.unknown_locale"}}},
		{"schema missing", func(d doc) { d.del("/schema") },
			[]spot{{"/schema", "form.schema_missing"}}},
		{"top level not an object", func(d doc) { d.set("/schema/type", "array") },
			[]spot{{"/schema/type", "form.schema_top_object"}}},
		{"no properties", func(d doc) {
			d.set("/schema/properties", map[string]any{}).set("/schema/required", []any{})
			d.set("/layout/sections", []any{})
		}, []spot{{"/schema/properties", "form.schema_no_properties"}}},
		{"bad property key", func(d doc) {
			d.set("/schema/properties/Notes", obj(t, `{"type": "string"}`))
		}, []spot{{"/schema/properties/Notes", "form.property_key"}}},
		{"reserved property key", func(d doc) {
			d.set("/schema/properties/in", obj(t, `{"type": "string"}`))
		}, []spot{{"/schema/properties/in", "form.property_reserved"}}},
		{"bad column key", func(d doc) {
			d.set("/schema/properties/items/items/properties/Price", obj(t, `{"type": "number"}`))
		}, []spot{{"/schema/properties/items/items/properties/Price", "form.property_key"}}},
		{"other dialect", func(d doc) {
			d.set("/schema/$schema", "http://json-schema.org/draft-07/schema#")
		}, []spot{{"/schema/$schema", "form.schema_dialect"}}},
		{"metaschema violation", func(d doc) { d.set("/schema/properties/title/maxLength", -1) },
			[]spot{{"/schema/properties/title/maxLength", "form.schema_invalid"}}},
		{"regex the validator cannot read", func(d doc) {
			d.set("/schema/properties/title/pattern", "(?<=a)b")
		}, []spot{{"/schema/properties/title/pattern", "form.schema_invalid"}}},
		{"local reference to nothing", func(d doc) {
			d.set("/schema/properties/owner", obj(t, `{"$ref": "#/$defs/nobody"}`))
		}, []spot{{"/schema/properties/owner/$ref", "form.ref_missing"}}},
		{"section columns", func(d doc) { d.set("/layout/sections/0/columns", 5) },
			[]spot{{"/layout/sections/0/columns", "form.section_columns"}}},
		{"layout names an unknown field", func(d doc) {
			d.addField(obj(t, `{"name": "budget", "kind": "money"}`))
		}, []spot{{"/layout/sections/0/fields/5/name", "form.layout_unknown_field"}}},
		{"layout places a field twice", func(d doc) {
			d.addField(obj(t, `{"name": "title", "kind": "text"}`))
		}, []spot{{"/layout/sections/0/fields/5", "form.layout_duplicate"}}},
		{"field without name", func(d doc) { d.addField(obj(t, `{"kind": "text"}`)) },
			[]spot{{"/layout/sections/0/fields/5/name", "form.field_name_missing"}}},
		{"unknown kind", func(d doc) { d.set("/layout/sections/0/fields/0/kind", "texte") },
			[]spot{{"/layout/sections/0/fields/0/kind", "form.unknown_kind"}}},
		{"unknown widget", func(d doc) { d.set("/layout/sections/0/fields/0/widget", "slider") },
			[]spot{{"/layout/sections/0/fields/0/widget", "form.unknown_widget"}}},
		{"label in an unknown locale", func(d doc) {
			d.set("/layout/sections/0/fields/0/label/de", "Titel")
		}, []spot{{"/layout/sections/0/fields/0/label/de", "form.unknown_locale"}}},
		{"kind does not fit the type", func(d doc) {
			d.set("/schema/properties/amount/type", "string")
		}, []spot{{"/schema/properties/amount/type", "form.kind_type"}}},
		{"money without cents", func(d doc) { d.del("/schema/properties/amount/multipleOf") },
			[]spot{{"/schema/properties/amount/multipleOf", "form.money_multiple_of"}}},
		{"select enum differs from options", func(d doc) {
			d.set("/schema/properties/stage/enum", []any{"open", "won", "lost"})
		}, []spot{{"/schema/properties/stage/enum", "form.options_enum"}}},
		{"duplicate option", func(d doc) {
			d.set("/layout/sections/0/fields/2/settings/options/1/value", "open")
		}, []spot{
			{"/layout/sections/0/fields/2/settings/options/1/value", "form.option_duplicate"},
			{"/schema/properties/stage/enum", "form.options_enum"},
		}},
		{"unknown setting", func(d doc) {
			d.set("/layout/sections/0/fields/1/settings", obj(t, `{"precision": 2}`))
		}, []spot{{"/layout/sections/0/fields/1/settings/precision", "form.setting_unknown"}}},
		{"setting of the wrong type", func(d doc) {
			d.set("/layout/sections/0/fields/1/settings", obj(t, `{"currency": 156}`))
		}, []spot{{"/layout/sections/0/fields/1/settings/currency", "form.setting_type"}}},
		{"settings not an object", func(d doc) {
			d.set("/layout/sections/0/fields/1/settings", []any{"CNY"})
		}, []spot{{"/layout/sections/0/fields/1/settings", "form.settings_not_object"}}},
		{"unknown currency", func(d doc) {
			d.set("/layout/sections/0/fields/1/settings", obj(t, `{"currency": "RMB"}`))
		}, []spot{{"/layout/sections/0/fields/1/settings/currency", "form.currency_invalid"}}},
		{"column of an unknown property", func(d doc) {
			d.set("/layout/sections/0/fields/4/settings/columns/1/name", "quantity")
		}, []spot{{"/layout/sections/0/fields/4/settings/columns/1/name",
			"form.layout_unknown_field"}}},
		{"nested sub_table", func(d doc) {
			d.set("/layout/sections/0/fields/4/settings/columns/0/kind", "sub_table")
		}, []spot{{"/layout/sections/0/fields/4/settings/columns/0/kind", "form.nested_table"}}},
		{"column with visibility", func(d doc) {
			d.set("/layout/sections/0/fields/4/settings/columns/0/visible_when", "qty > 1")
		}, []spot{{"/layout/sections/0/fields/4/settings/columns/0/visible_when",
			"form.column_visible_when"}}},
		{"sub_table items not objects", func(d doc) {
			d.set("/schema/properties/items/items", obj(t, `{"type": "string"}`))
		}, []spot{{"/schema/properties/items/items/type", "form.table_items"}}},
		{"property no kind fits", func(d doc) {
			d.set("/schema/properties/meta", obj(t, `{"type": "object"}`))
		}, []spot{{"/schema/properties/meta", "form.property_unsupported"}}},
		{"visibility does not parse", func(d doc) {
			d.set("/layout/sections/0/fields/1/visible_when", "stage ==")
		}, []spot{{"/layout/sections/0/fields/1/visible_when", "expr.syntax"}}},
		{"visibility names an unknown field", func(d doc) {
			d.set("/layout/sections/0/fields/1/visible_when", "status == 'won'")
		}, []spot{{"/layout/sections/0/fields/1/visible_when", "expr.unknown_name"}}},
		{"visibility is not a condition", func(d doc) {
			d.set("/layout/sections/0/fields/1/visible_when", "stage")
		}, []spot{{"/layout/sections/0/fields/1/visible_when", "expr.result_type"}}},
		{"visibility depends on itself", func(d doc) {
			d.set("/layout/sections/0/fields/1/visible_when", "amount > 0")
		}, []spot{{"/layout/sections/0/fields/1/visible_when", "form.expression_cycle"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dealDoc(t)
			tt.change(d)
			_, err := form.Compile(d.def(t))
			if err == nil {
				t.Fatal("Compile accepted the definition")
			}
			if diff := cmp.Diff(tt.want, spots(t, err)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
