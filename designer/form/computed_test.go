package form_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/form"
)

// computedDeal adds to the deal form a per-row total (rounded to cents by
// its multipleOf), a top-level average and a computed date.
func computedDeal(t *testing.T) *form.Compiled {
	t.Helper()
	d := dealDoc(t)
	d.set("/schema/properties/items/items/properties/price",
		obj(t, `{"type": "number", "multipleOf": 0.01}`))
	d.set("/schema/properties/items/items/properties/total",
		obj(t, `{"type": "number", "multipleOf": 0.01, "readOnly": true}`))
	d.appendTo("/layout/sections/0/fields/4/settings/columns",
		obj(t, `{"name": "price", "kind": "money"}`))
	d.appendTo("/layout/sections/0/fields/4/settings/columns", obj(t, `{"name": "total",
		"kind": "computed", "settings": {"expression": "qty * price"}}`))
	d.set("/schema/properties/per_item", obj(t, `{"type": "number", "readOnly": true}`))
	d.addField(obj(t, `{"name": "per_item", "kind": "computed",
		"settings": {"expression": "amount / double(size(items))"}}`))
	d.set("/schema/properties/due", obj(t, `{"type": "string", "format": "date",
		"readOnly": true}`))
	d.addField(obj(t, `{"name": "due", "kind": "computed",
		"settings": {"expression": "timestamp('2026-03-01T00:00:00Z')"}}`))
	c, err := form.Compile(d.def(t))
	if err != nil {
		t.Fatal(describe(err))
	}
	return c
}

func TestValidateComputed(t *testing.T) {
	tests := []struct {
		name  string
		in    map[string]any
		want  map[string]any // computed values expected in the clean record
		wantE []spot
	}{
		{"row totals are rounded to cents",
			map[string]any{"title": "T", "amount": 0.9, "items": []any{
				map[string]any{"sku": "a", "qty": 3.0, "price": 0.1, "total": 99.0},
				map[string]any{"sku": "b", "qty": 2.0, "price": 0.15}}},
			map[string]any{"totals": []any{0.3, 0.3}, "per_item": 0.45, "due": "2026-03-01"},
			nil},
		{"an impossible result is refused",
			map[string]any{"title": "T", "amount": 10.0},
			nil, []spot{{"/per_item", "computed"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clean, err := computedDeal(t).ValidateMap(context.Background(), tt.in, newResolver())
			if tt.wantE != nil {
				if diff := cmp.Diff(tt.wantE, spots(t, err)); diff != "" {
					t.Errorf("problems (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(describe(err))
			}
			var totals []any
			for _, row := range clean["items"].([]any) {
				totals = append(totals, row.(map[string]any)["total"])
			}
			got := map[string]any{"totals": totals, "per_item": clean["per_item"],
				"due": clean["due"]}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("computed values (-want +got):\n%s", diff)
			}
		})
	}
}
