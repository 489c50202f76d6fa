package form_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/form"
)

// oneField compiles a form whose only field "v" is of kind k with the given
// settings, its schema the kind's own fragment.
func oneField(t *testing.T, k, settings string) *form.Compiled {
	t.Helper()
	frag, err := form.Fragment(k, json.RawMessage(settings))
	if err != nil {
		t.Fatalf("Fragment(%s): %v", k, describe(err))
	}
	def := form.Definition{Key: "probe", Name: form.Text{"en": "Probe"},
		Schema: raw(t, map[string]any{"type": "object", "properties": map[string]any{"v": frag}}),
		Layout: form.Layout{Sections: []form.Section{{Fields: []form.Field{{Name: "v", Kind: k,
			Label: form.Text{"en": "V", "zh-CN": "值"}, Settings: json.RawMessage(settings)}}}}}}
	c, err := form.Compile(def)
	if err != nil {
		t.Fatalf("compiling a %s field from its own fragment: %v", k, describe(err))
	}
	return c
}

func TestKindValues(t *testing.T) {
	file := func(name string, size float64, ct string) map[string]any {
		return map[string]any{"id": "f_" + name, "name": name, "size": size, "content_type": ct}
	}
	tests := []struct {
		name     string
		kind     string
		settings string
		value    any
		want     []spot // nil: valid
	}{
		{"text", "text", "", "Acme", nil},
		{"text too long", "text", "", string(make([]byte, 201)), []spot{{"/v", "max_length"}}},
		{"text not a string", "text", "", 12.0, []spot{{"/v", "type"}}},
		{"long text", "long_text", "", "line one\nline two", nil},
		{"number", "number", `{"decimals": 2}`, 3.5, nil},
		{"number not a number", "number", "", "3.5", []spot{{"/v", "type"}}},
		{"money", "money", `{"currency": "USD"}`, 1999.99, nil},
		{"money whole", "money", "", 2000.0, nil},
		{"money with three decimals", "money", "", 12.345, []spot{{"/v", "money_precision"}}},
		{"percent", "percent", "", 37.5, nil},
		{"percent over 100", "percent", "", 120.0, []spot{{"/v", "maximum"}}},
		{"date", "date", "", "2026-02-20", nil},
		{"date with a time", "date", "", "2026-02-20T10:00:00Z", []spot{{"/v", "format"}}},
		{"date that does not exist", "date", "", "2026-02-30", []spot{{"/v", "format"}}},
		{"date time", "date_time", "", "2026-02-20T09:30:00+08:00", nil},
		{"date time without offset", "date_time", "", "2026-02-20 09:30", []spot{{"/v", "format"}}},
		{"select", "select", `{"options": [{"value": "a"}, {"value": "b"}]}`, "b", nil},
		{"select unknown option", "select", `{"options": [{"value": "a"}]}`, "c",
			[]spot{{"/v", "enum"}}},
		{"tags free", "multi_select", "", []any{"vip", "north"}, nil},
		{"tags repeated", "multi_select", "", []any{"vip", "vip"}, []spot{{"/v", "unique_items"}}},
		{"tags from options", "multi_select", `{"options": [{"value": "a"}, {"value": "b"}]}`,
			[]any{"b", "a"}, nil},
		{"tags outside options", "multi_select", `{"options": [{"value": "a"}]}`,
			[]any{"a", "z"}, []spot{{"/v/1", "enum"}}},
		{"checkbox", "checkbox", "", false, nil},
		{"checkbox not a boolean", "checkbox", "", "yes", []spot{{"/v", "type"}}},
		{"phone cn mobile", "phone", "", "13912345678", nil},
		{"phone e164", "phone", "", "+442079460958", nil},
		{"phone landline", "phone", "", "010-12345678", []spot{{"/v", "phone"}}},
		{"phone cn second digit", "phone", "", "12012345678", []spot{{"/v", "phone"}}},
		{"phone too long", "phone", "", "+1234567890123456", []spot{{"/v", "phone"}}},
		{"email", "email", "", "wang.lei@example.cn", nil},
		{"email without domain", "email", "", "wang.lei", []spot{{"/v", "format"}}},
		{"url", "url", "", "https://example.com/a?b=c", nil},
		{"url not absolute", "url", "", "example.com", []spot{{"/v", "format"}}},
		{"url javascript", "url", "", "javascript:alert(1)", []spot{{"/v", "url_scheme"}}},
		{"user", "user", "", "u_wang", nil},
		{"user unknown", "user", "", "u_zhao", []spot{{"/v", "unknown_user"}}},
		{"record link", "record_link", `{"form_key": "customer"}`, "c_1", nil},
		{"record link unknown", "record_link", `{"form_key": "customer"}`, "c_2",
			[]spot{{"/v", "unknown_record"}}},
		{"record link of another form", "record_link", `{"form_key": "supplier"}`, "c_1",
			[]spot{{"/v", "unknown_record"}}},
		{"attachment", "attachment", `{"allowed_types": ["application/pdf", "image/*"]}`,
			[]any{file("a.pdf", 1000, "application/pdf"), file("b.jpg", 2000, "image/jpeg")}, nil},
		{"attachment too many", "attachment", `{"max_files": 1}`,
			[]any{file("a.pdf", 1, "application/pdf"), file("b.pdf", 1, "application/pdf")},
			[]spot{{"/v", "max_items"}}},
		{"attachment too large", "attachment", `{"max_size": 1024}`,
			[]any{file("a.pdf", 4096, "application/pdf")}, []spot{{"/v/0/size", "maximum"}}},
		{"attachment wrong type", "attachment", `{"allowed_types": ["image/*"]}`,
			[]any{file("a.exe", 10, "application/x-msdownload")},
			[]spot{{"/v/0/content_type", "file_type"}}},
		{"attachment missing id", "attachment", "",
			[]any{map[string]any{"name": "a.pdf", "size": 1.0, "content_type": "text/plain"}},
			[]spot{{"/v/0/id", "required"}}},
		{"signature", "signature", "", file("sig.png", 500, "image/png"), nil},
		{"signature not an image", "signature", "", file("sig.pdf", 500, "application/pdf"),
			[]spot{{"/v/content_type", "file_type"}}},
		{"sub_table", "sub_table",
			`{"columns": [{"name": "sku", "kind": "text"}, {"name": "qty", "kind": "number"}]}`,
			[]any{map[string]any{"sku": "A-1", "qty": 2.0}}, nil},
		{"sub_table bad cell", "sub_table",
			`{"columns": [{"name": "sku", "kind": "text"}, {"name": "qty", "kind": "number"}]}`,
			[]any{map[string]any{"sku": "A-1"}, map[string]any{"sku": 7.0, "qty": "2"}},
			[]spot{{"/v/1/sku", "type"}, {"/v/1/qty", "type"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := oneField(t, tt.kind, tt.settings)
			_, err := c.ValidateMap(context.Background(), map[string]any{"v": tt.value},
				newResolver())
			var got []spot
			if err != nil {
				got = spots(t, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKindPropertyFit(t *testing.T) {
	tests := []struct {
		kind     string
		settings string
		property string
		want     []spot
	}{
		{"text", "", `{"type": "number"}`, []spot{{"/schema/properties/v/type", "form.kind_type"}}},
		{"number", "", `{"type": ["integer", "null"]}`, nil},
		{"money", "", `{"type": "number", "multipleOf": 0.1}`,
			[]spot{{"/schema/properties/v/multipleOf", "form.money_multiple_of"}}},
		{"date", "", `{"type": "string", "format": "date-time"}`,
			[]spot{{"/schema/properties/v/format", "form.kind_format"}}},
		{"phone", "", `{"type": "string", "pattern": "^1[3-9]\\d{9}$"}`,
			[]spot{{"/schema/properties/v/format", "form.kind_format"}}},
		{"multi_select", "", `{"type": "array", "items": {"type": "string"}}`,
			[]spot{{"/schema/properties/v/uniqueItems", "form.tags_unique"}}},
		{"multi_select", "", `{"type": "array", "uniqueItems": true, "items": {"type": "number"}}`,
			[]spot{{"/schema/properties/v/items/type", "form.kind_type"}}},
		{"checkbox", "", `{"type": "string"}`,
			[]spot{{"/schema/properties/v/type", "form.kind_type"}}},
		{"attachment", "", `{"type": "array", "items": {"type": "object", "properties": {
			"id": {"type": "string"}, "name": {"type": "string"}, "size": {"type": "string"},
			"content_type": {"type": "string"}}}}`,
			[]spot{{"/schema/properties/v/items/properties/size", "form.file_property"}}},
		{"signature", "", `{"type": "string"}`,
			[]spot{{"/schema/properties/v/type", "form.kind_type"}}},
		{"computed", `{"expression": "1.0"}`, `{"type": "array", "readOnly": true}`,
			[]spot{{"/schema/properties/v/type", "form.kind_type"}}},
		{"record_link", `{"form_key": "Customer"}`, `{"type": "string"}`,
			[]spot{{"/layout/sections/0/fields/0/settings/form_key", "form.form_key_invalid"}}},
		{"signature", `{"signer": "customer"}`, `{"$ref": "#/$defs/file"}`, nil},
		{"signature", `{"signer": "witness"}`, `{"$ref": "#/$defs/file"}`, []spot{
			{"/layout/sections/0/fields/0/settings/signer", "form.setting_choice"}}},
		{"attachment", `{"max_files": 500, "allowed_types": ["pdf"]}`,
			`{"type": "array", "items": {"$ref": "#/$defs/file"}}`, []spot{
				{"/layout/sections/0/fields/0/settings/max_files", "form.setting_range"},
				{"/layout/sections/0/fields/0/settings/allowed_types/0", "form.media_type_invalid"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.kind+" "+tt.property, func(t *testing.T) {
			var prop map[string]any
			if err := json.Unmarshal([]byte(tt.property), &prop); err != nil {
				t.Fatal(err)
			}
			fileRef, _ := form.Fragment("signature", nil)
			schema := map[string]any{"type": "object", "properties": map[string]any{"v": prop},
				"$defs": map[string]any{"file": fileRef}}
			def := form.Definition{Key: "probe", Name: form.Text{"en": "Probe"},
				Schema: raw(t, schema), Layout: form.Layout{Sections: []form.Section{{
					Fields: []form.Field{{Name: "v", Kind: tt.kind,
						Settings: json.RawMessage(tt.settings)}}}}}}
			_, err := form.Compile(def)
			var got []spot
			if err != nil {
				got = spots(t, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKindsList(t *testing.T) {
	var names []string
	for _, k := range form.Kinds() {
		names = append(names, k.Name)
		if k.Label["en"] == "" || k.Label["zh-CN"] == "" || k.Label["en"] == k.Label["zh-CN"] {
			t.Errorf("%s: label %v is not in both locales", k.Name, k.Label)
		}
		if len(k.Widgets) == 0 || k.DefaultWidget != k.Widgets[0] {
			t.Errorf("%s: default widget %q is not the first of %v", k.Name, k.DefaultWidget,
				k.Widgets)
		}
	}
	want := []string{"text", "long_text", "number", "money", "percent", "date", "date_time",
		"select", "multi_select", "checkbox", "phone", "email", "url", "user", "record_link",
		"attachment", "signature", "sub_table", "computed"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("Kinds() (-want +got):\n%s", diff)
	}
}

func TestKindValueTypes(t *testing.T) {
	got := map[string]string{}
	for _, k := range form.Kinds() {
		got[k.Name] = k.ValueType
	}
	want := map[string]string{"text": "string", "long_text": "string", "number": "number",
		"money": "number", "percent": "number", "date": "timestamp", "date_time": "timestamp",
		"select": "string", "multi_select": "list(string)", "checkbox": "bool",
		"phone": "string", "email": "string", "url": "string", "user": "string",
		"record_link": "string", "attachment": "list(map(any))", "signature": "map(any)",
		"sub_table": "list(map(any))", "computed": "number"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("value types (-want +got):\n%s", diff)
	}
}

func TestFragmentRefusesBadSettings(t *testing.T) {
	tests := []struct {
		name, kind, settings string
		want                 []spot
	}{
		{"unknown kind", "rating", "", []spot{{"/kind", "form.unknown_kind"}}},
		{"select without options", "select", "", []spot{{"/settings/options",
			"form.options_required"}}},
		{"record link without form", "record_link", "{}", []spot{{"/settings/form_key",
			"form.setting_required"}}},
		{"bad colour", "select", `{"options": [{"value": "a", "color": "red"}]}`,
			[]spot{{"/settings/options/0/color", "form.option_color"}}},
		{"option without value", "multi_select", `{"options": [{"label": {"en": "A"}}]}`,
			[]spot{{"/settings/options/0/value", "form.option_value_missing"}}},
		{"decimals out of range", "number", `{"decimals": 9}`,
			[]spot{{"/settings/decimals", "form.setting_range"}}},
		{"text takes no settings", "text", `{"max_length": 10}`,
			[]spot{{"/settings/max_length", "form.setting_unknown"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := form.Fragment(tt.kind, json.RawMessage(tt.settings))
			if err == nil {
				t.Fatal("Fragment accepted the settings")
			}
			if diff := cmp.Diff(tt.want, spots(t, err)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
