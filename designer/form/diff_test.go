package form_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/form"
)

func TestDiff(t *testing.T) {
	type change struct {
		Field, Column string
		Type          form.ChangeType
		Breaking      bool
		From, To      string
		Options       []string
	}
	tests := []struct {
		name   string
		change func(d doc)
		want   []change
	}{
		{"nothing", func(doc) {}, nil},
		{"optional field added", func(d doc) {
			d.set("/schema/properties/note", obj(t, `{"type": "string"}`))
		}, []change{{Field: "note", Type: form.FieldAdded}}},
		{"required field added", func(d doc) {
			d.set("/schema/properties/note", obj(t, `{"type": "string"}`))
			d.set("/schema/required", []any{"title", "note"})
		}, []change{{Field: "note", Type: form.FieldAdded, Breaking: true}}},
		{"field removed", func(d doc) {
			d.del("/schema/properties/owner")
			d.set("/layout/sections/0/fields", d.get("/layout/sections/0/fields").([]any)[:3])
			d.appendTo("/layout/sections/0/fields", obj(t, `{"name": "items", "kind": "sub_table",
				"settings": {"columns": [{"name": "sku", "kind": "text"},
				{"name": "qty", "kind": "number"}]}}`))
		}, []change{{Field: "owner", Type: form.FieldRemoved, Breaking: true}}},
		{"kind changed", func(d doc) {
			d.set("/layout/sections/0/fields/0/kind", "long_text")
		}, []change{{Field: "title", Type: form.FieldRetyped, Breaking: true,
			From: "text", To: "long_text"}}},
		{"type changed", func(d doc) {
			d.set("/schema/properties/items/items/properties/qty/type", "number")
		}, []change{{Field: "items", Column: "qty", Type: form.FieldRetyped, Breaking: true,
			From: "integer", To: "number"}}},
		{"made required", func(d doc) {
			d.set("/schema/required", []any{"title", "amount"})
		}, []change{{Field: "amount", Type: form.MadeRequired, Breaking: true}}},
		{"option removed", func(d doc) {
			d.set("/schema/properties/stage/enum", []any{"won", "lost"})
			d.set("/layout/sections/0/fields/2/settings/options",
				[]any{map[string]any{"value": "won"}, map[string]any{"value": "lost"}})
		}, []change{{Field: "stage", Type: form.OptionsRemoved, Breaking: true,
			Options: []string{"open"}}}},
		{"column added and removed", func(d doc) {
			d.set("/schema/properties/items/items/properties", obj(t,
				`{"sku": {"type": "string"}, "price": {"type": "number"}}`))
			d.set("/layout/sections/0/fields/4/settings/columns",
				[]any{obj(t, `{"name": "sku", "kind": "text"}`)})
		}, []change{
			{Field: "items", Column: "price", Type: form.FieldAdded},
			{Field: "items", Column: "qty", Type: form.FieldRemoved, Breaking: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := dealDoc(t)
			tt.change(after)
			var got []change
			for _, c := range form.Diff(dealDoc(t).def(t), after.def(t)) {
				got = append(got, change{c.Field, c.Column, c.Type, c.Breaking, c.From, c.To,
					c.Options})
				if c.Message["en"] == "" || c.Message["zh-CN"] == "" {
					t.Errorf("%s %s: message %v is not in both locales", c.Field, c.Type, c.Message)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Diff (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiffMessages(t *testing.T) {
	before := dealDoc(t)
	after := dealDoc(t).set("/schema/required", []any{"title", "amount"})
	after.del("/schema/properties/owner")
	after.set("/layout/sections/0/fields", before.get("/layout/sections/0/fields").([]any)[:3])

	var got []form.Text
	for _, c := range form.Diff(before.def(t), after.def(t)) {
		got = append(got, c.Message)
	}
	want := []form.Text{
		{"en": "Amount is now required: making a field required blocks edits to old records " +
			"that lack it",
			"zh-CN": "“金额”改为必填：缺少这个值的旧记录在补填之前无法再保存修改"},
		{"en": "Owner was removed: removing a field hides it on existing records",
			"zh-CN": "删除了字段“负责人”：已有记录中的这个字段将不再显示"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}

func TestDiffOfBrokenDrafts(t *testing.T) {
	broken := form.Definition{Key: "x", Schema: []byte(`{"type": `)}
	changes := form.Diff(broken, dealDoc(t).def(t))
	if len(changes) != 5 {
		t.Errorf("Diff from an unreadable draft = %d changes, want 5 fields added", len(changes))
	}
}
