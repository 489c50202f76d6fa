package form_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/problem"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestValidateCleansTheRecord(t *testing.T) {
	in := validLead()
	in["weighted_amount"] = 1.0 // computed: ignored
	in["email"] = ""            // blank: dropped
	in["lost_reason"] = nil     // blank and hidden
	in["products"].([]any)[0].(map[string]any)["line_total"] = 5.0

	clean, err := compileLead(t).ValidateMap(context.Background(), in, newResolver())
	if err != nil {
		t.Fatal(describe(err))
	}

	got := map[string]any{"weighted_amount": clean["weighted_amount"],
		"line_totals": []any{
			clean["products"].([]any)[0].(map[string]any)["line_total"],
			clean["products"].([]any)[1].(map[string]any)["line_total"]}}
	want := map[string]any{"weighted_amount": 48000.2, "line_totals": []any{24000.0, 0.0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("computed values (-want +got):\n%s", diff)
	}
	for _, k := range []string{"email", "lost_reason"} {
		if _, ok := clean[k]; ok {
			t.Errorf("clean record keeps %s = %v", k, clean[k])
		}
	}
	if in["weighted_amount"] != 1.0 {
		t.Error("ValidateMap changed the caller's map")
	}
}

func TestValidateRulesAndVisibility(t *testing.T) {
	tests := []struct {
		name    string
		change  map[string]any // nil values delete the field
		want    []spot
		dropped []string // fields the clean record must not have
	}{
		{"won needs contract amount and signature",
			map[string]any{"stage": "won", "win_probability": 100.0, "contract_amount": nil,
				"signature": nil},
			[]spot{{"/contract_amount", "required"}, {"/signature", "required"}}, nil},
		{"won must be certain", map[string]any{"stage": "won"},
			[]spot{{"/win_probability", "rule"}}, nil},
		{"lost needs a reason", map[string]any{"stage": "lost"},
			[]spot{{"/lost_reason", "required"}}, nil},
		{"lost with a reason hides the contract amount",
			map[string]any{"stage": "lost", "lost_reason": "Budget frozen"}, nil,
			[]string{"contract_amount"}},
		{"reason of a lead that is not lost is dropped",
			map[string]any{"stage": "new", "lost_reason": "n/a"}, nil,
			[]string{"lost_reason", "contract_amount"}},
		{"blank counts as missing", map[string]any{"budget_cycle": "  ", "pain_level": nil},
			[]spot{{"/budget_cycle", "required"}, {"/pain_level", "required"}}, nil},
		{"a rule is skipped when its field is wrong anyway",
			map[string]any{"stage": "won", "win_probability": "high"},
			[]spot{{"/win_probability", "type"}}, nil},
		{"hidden field is not checked", map[string]any{"stage": "new",
			"contract_amount": "lots"}, nil, []string{"contract_amount"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validLead()
			for k, v := range tt.change {
				if v == nil {
					delete(in, k)
				} else {
					in[k] = v
				}
			}
			clean, err := compileLead(t).ValidateMap(context.Background(), in, newResolver())
			var got []spot
			if err != nil {
				got = spots(t, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			for _, k := range tt.dropped {
				if _, ok := clean[k]; ok {
					t.Errorf("clean record keeps hidden %s", k)
				}
			}
		})
	}
}

func TestValidateSubTablePointers(t *testing.T) {
	in := validLead()
	in["products"] = []any{
		map[string]any{"product": "CRM seat", "quantity": 2.0},
		"not a row",
		map[string]any{"quantity": 0.0, "unit_price": 9.999, "colour": "red"},
	}
	_, err := compileLead(t).ValidateMap(context.Background(), in, newResolver())

	want := []finding{
		{Pointer: "/products/1", Code: "type",
			En: "Products of interest must be an object", Zh: "“意向产品”应为对象"},
		{Pointer: "/products/2/product", Code: "required",
			En: "Products of interest, row 3: Product is required",
			Zh: "“意向产品”第 3 行：“产品”为必填项"},
		{Pointer: "/products/2/quantity", Code: "minimum",
			En: "Products of interest, row 3: Quantity must be at least 1",
			Zh: "“意向产品”第 3 行：“数量”不能小于 1"},
		{Pointer: "/products/2/unit_price", Code: "money_precision",
			En: "Products of interest, row 3: Unit price can have at most two decimal places",
			Zh: "“意向产品”第 3 行：“单价”最多保留两位小数"},
		{Pointer: "/products/2/colour", Code: "unknown_field",
			En: "Products of interest, row 3: colour is not a field of this form",
			Zh: "“意向产品”第 3 行：表单中没有“colour”这个字段"},
	}
	if diff := cmp.Diff(want, findings(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestValidateMessagesGolden pins every message of a thoroughly wrong lead
// in both locales; run with -update after a deliberate wording change.
func TestValidateMessagesGolden(t *testing.T) {
	in := map[string]any{
		"company": "A", "mobile": "0571-8888888", "email": "zhang@", "website": "ftp://x.cn",
		"region": "mars", "decision_role": "boss", "budget_cycle": nil, "tags": []any{"a", "a"},
		"stage": "won", "owner": "u_nobody", "customer": "c_404", "budget": -5.125,
		"win_probability": 101.0, "expected_close_date": "31/03/2026",
		"next_follow_up_at": "tomorrow", "consent_marketing": "yes", "nickname": "Zhang",
		"attachments": []any{map[string]any{"id": "f_9", "name": "setup.exe", "size": 1024.0,
			"content_type": "application/x-msdownload"}},
	}
	_, err := compileLead(t).ValidateMap(context.Background(), in, newResolver())
	pe, ok := problem.As(err)
	if !ok || pe.Kind != problem.Invalid || pe.Code != "form.submission_invalid" {
		t.Fatalf("Validate() error = %v, want a form.submission_invalid refusal", err)
	}

	golden(t, "lead_invalid.golden.json", findings(t, err))
}

func TestValidateUnknownFields(t *testing.T) {
	d := dealDoc(t)
	c, err := form.Compile(d.def(t))
	if err != nil {
		t.Fatal(describe(err))
	}
	in := map[string]any{"title": "T", "discount": 5.0}
	_, err = c.ValidateMap(context.Background(), in, newResolver())
	if diff := cmp.Diff([]spot{{"/discount", "unknown_field"}}, spots(t, err)); diff != "" {
		t.Errorf("strict form (-want +got):\n%s", diff)
	}

	open, err := form.Compile(d.set("/schema/additionalProperties", true).def(t))
	if err != nil {
		t.Fatal(describe(err))
	}
	clean, err := open.ValidateMap(context.Background(), in, newResolver())
	if err != nil || clean["discount"] != 5.0 {
		t.Errorf("open form: clean = %v, err = %v; want discount kept", clean, err)
	}
}

func TestValidateHiddenSchemaRequired(t *testing.T) {
	d := dealDoc(t).set("/schema/required", []any{"title", "amount"}).
		set("/layout/sections/0/fields/1/visible_when", "stage == 'won'")
	c, err := form.Compile(d.def(t))
	if err != nil {
		t.Fatal(describe(err))
	}

	_, err = c.ValidateMap(context.Background(), map[string]any{"title": "T", "stage": "open"},
		newResolver())
	if err != nil {
		t.Errorf("hidden required field refused: %v", describe(err))
	}
	_, err = c.ValidateMap(context.Background(), map[string]any{"title": "T", "stage": "won"},
		newResolver())
	if diff := cmp.Diff([]spot{{"/amount", "required"}}, spots(t, err)); diff != "" {
		t.Errorf("shown required field (-want +got):\n%s", diff)
	}
}

func TestValidateResolver(t *testing.T) {
	c := compileLead(t)
	in := validLead()
	in["products"] = nil

	res := newResolver()
	if _, err := c.ValidateMap(context.Background(), in, res); err != nil {
		t.Fatal(describe(err))
	}
	if res.calls != 4 {
		t.Errorf("resolver called %d times, want 4 (owner, customer, two files)", res.calls)
	}

	down := newResolver()
	down.err = errors.New("store down")
	_, err := c.ValidateMap(context.Background(), in, down)
	if _, isProblem := problem.As(err); isProblem || !errors.Is(err, down.err) {
		t.Errorf("resolver failure = %v, want the store error wrapped, not a refusal", err)
	}

	if _, err := c.ValidateMap(context.Background(), in, nil); err == nil {
		t.Error("a form with user fields validated without a Resolver")
	}
}

func TestValidateInput(t *testing.T) {
	c := compileLead(t)
	ctx := context.Background()

	_, err := c.Validate(ctx, json.RawMessage(`{"company": `), newResolver())
	if pe, ok := problem.As(err); !ok || pe.Kind != problem.BadRequest {
		t.Errorf("unreadable JSON: err = %v, want a BadRequest", err)
	}

	_, err = c.Validate(ctx, json.RawMessage(`[1, 2]`), newResolver())
	if diff := cmp.Diff([]spot{{"", "type"}}, spots(t, err)); diff != "" {
		t.Errorf("not an object (-want +got):\n%s", diff)
	}

	in := validLead()
	in["products"] = []map[string]any{{"product": "Seat", "quantity": 3}}
	in["tags"] = []string{"vip"}
	in["next_follow_up_at"] = time.Date(2026, 2, 21, 2, 0, 0, 0, time.UTC)
	clean, err := c.ValidateMap(ctx, in, newResolver())
	if err != nil {
		t.Fatalf("Go values: %v", describe(err))
	}
	if got := clean["next_follow_up_at"]; got != "2026-02-21T02:00:00Z" {
		t.Errorf("time.Time became %v, want its RFC 3339 form", got)
	}
}
