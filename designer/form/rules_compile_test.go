package form_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/form"
)

func TestCompileRuleErrors(t *testing.T) {
	msg := map[string]any{"en": "Too much", "zh-CN": "太多了"}
	tests := []struct {
		name  string
		rules []any
		want  []spot
	}{
		{"id missing", []any{map[string]any{"when": "true", "require": []any{"owner"}}},
			[]spot{{"/rules/0/id", "form.rule_id_missing"}}},
		{"id twice", []any{
			map[string]any{"id": "r", "when": "true", "require": []any{"owner"}},
			map[string]any{"id": "r", "when": "true", "require": []any{"amount"}},
		}, []spot{{"/rules/1/id", "form.rule_id_duplicate"}}},
		{"neither requirement nor assertion", []any{map[string]any{"id": "r", "when": "true"}},
			[]spot{{"/rules/0", "form.rule_shape"}}},
		{"both requirement and assertion", []any{map[string]any{"id": "r", "when": "true",
			"require": []any{"owner"}, "assert": "true", "field": "owner", "message": msg}},
			[]spot{{"/rules/0", "form.rule_shape"}}},
		{"requirement without condition", []any{map[string]any{"id": "r",
			"require": []any{"owner"}}}, []spot{{"/rules/0/when", "form.rule_when_missing"}}},
		{"requirement of an unknown field", []any{map[string]any{"id": "r",
			"when": "stage == 'won'", "require": []any{"owner", "contract"}}},
			[]spot{{"/rules/0/require/1", "form.rule_unknown_field"}}},
		{"condition does not compile", []any{map[string]any{"id": "r",
			"when": "stage = 'won'", "require": []any{"owner"}}},
			[]spot{{"/rules/0/when", "expr.syntax"}}},
		{"assertion without field and message", []any{map[string]any{"id": "r",
			"assert": "amount < 100.0"}}, []spot{
			{"/rules/0/field", "form.rule_field_missing"},
			{"/rules/0/message", "form.rule_message_missing"},
		}},
		{"assertion on an unknown field", []any{map[string]any{"id": "r",
			"assert": "amount < 100.0", "field": "total", "message": msg}},
			[]spot{{"/rules/0/field", "form.rule_unknown_field"}}},
		{"assertion names an unknown field", []any{map[string]any{"id": "r",
			"assert": "total < 100.0", "field": "amount", "message": msg}},
			[]spot{{"/rules/0/assert", "expr.unknown_name"}}},
		{"assertion is not a condition", []any{map[string]any{"id": "r",
			"assert": "amount * 2.0", "field": "amount", "message": msg}},
			[]spot{{"/rules/0/assert", "expr.result_type"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dealDoc(t).set("/rules", tt.rules)
			_, err := form.Compile(d.def(t))
			if err == nil {
				t.Fatal("Compile accepted the rules")
			}
			if diff := cmp.Diff(tt.want, spots(t, err)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompileComputedErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(d doc)
		want   []spot
	}{
		{"expression missing", func(d doc) {
			d.set("/schema/properties/total", obj(t, `{"type": "number", "readOnly": true}`))
			d.addField(obj(t, `{"name": "total", "kind": "computed"}`))
		}, []spot{{"/layout/sections/0/fields/5/settings/expression", "form.setting_required"}}},
		{"not read-only", func(d doc) {
			d.set("/schema/properties/total", obj(t, `{"type": "number"}`))
			d.addField(obj(t, `{"name": "total", "kind": "computed",
				"settings": {"expression": "amount * 2.0"}}`))
		}, []spot{{"/schema/properties/total/readOnly", "form.computed_read_only"}}},
		{"result of the wrong type", func(d doc) {
			d.set("/schema/properties/total", obj(t, `{"type": "number", "readOnly": true}`))
			d.addField(obj(t, `{"name": "total", "kind": "computed",
				"settings": {"expression": "title + '!'"}}`))
		}, []spot{{"/layout/sections/0/fields/5/settings/expression", "expr.result_type"}}},
		{"two computed fields in a cycle", func(d doc) {
			d.set("/schema/properties/a", obj(t, `{"type": "number", "readOnly": true}`))
			d.set("/schema/properties/b", obj(t, `{"type": "number", "readOnly": true}`))
			d.addField(obj(t, `{"name": "a", "kind": "computed",
				"settings": {"expression": "b + 1.0"}}`))
			d.addField(obj(t, `{"name": "b", "kind": "computed",
				"settings": {"expression": "a + amount"}}`))
		}, []spot{{"/layout/sections/0/fields/5/settings/expression", "form.expression_cycle"}}},
		{"visibility and computed in a cycle", func(d doc) {
			d.set("/schema/properties/a", obj(t, `{"type": "number", "readOnly": true}`))
			d.set("/layout/sections/0/fields/1/visible_when", "a > 10.0")
			d.addField(obj(t, `{"name": "a", "kind": "computed",
				"settings": {"expression": "amount * 2.0"}}`))
		}, []spot{{"/layout/sections/0/fields/1/visible_when", "form.expression_cycle"}}},
		{"computed column reads the top level", func(d doc) {
			d.set("/schema/properties/items/items/properties/total",
				obj(t, `{"type": "number", "readOnly": true}`))
			d.appendTo("/layout/sections/0/fields/4/settings/columns", obj(t, `{"name": "total",
				"kind": "computed", "settings": {"expression": "qty * amount"}}`))
		}, []spot{{"/layout/sections/0/fields/4/settings/columns/2/settings/expression",
			"expr.unknown_name"}}},
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

func TestCompileReportsEverythingAtOnce(t *testing.T) {
	d := dealDoc(t).set("/key", "").
		set("/schema/properties/amount/type", "string").
		set("/layout/sections/0/columns", 7).
		set("/layout/sections/0/fields/0/kind", "texte").
		set("/layout/sections/0/fields/2/visible_when", "nope > 1").
		set("/rules", []any{map[string]any{"id": "r", "when": "stage == 1"}})
	_, err := form.Compile(d.def(t))

	want := []spot{
		{"/key", "form.key_missing"},
		{"/layout/sections/0/columns", "form.section_columns"},
		{"/layout/sections/0/fields/0/kind", "form.unknown_kind"},
		{"/schema/properties/amount/type", "form.kind_type"},
		{"/layout/sections/0/fields/2/visible_when", "expr.unknown_name"},
		{"/rules/0", "form.rule_shape"},
	}
	if diff := cmp.Diff(want, spots(t, err)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	golden(t, "deal_broken.golden.json", findings(t, err))
}

func TestCompileMessagesInBothLocales(t *testing.T) {
	d := dealDoc(t).set("/schema/properties/amount/type", "string")
	_, err := form.Compile(d.def(t))

	got := findings(t, err)
	want := []finding{{Pointer: "/schema/properties/amount/type", Code: "form.kind_type",
		En: `A Money field needs "type": "number" in its schema, not string.`,
		Zh: `金额字段的 schema 需要 "type": "number"，而不是 string。`}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if !strings.Contains(err.Error(), "1 problem") {
		t.Errorf("Error() = %q, want the problem count", err.Error())
	}
}
