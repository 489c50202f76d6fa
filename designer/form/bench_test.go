package form_test

import (
	"context"
	"testing"
)

func BenchmarkValidateLeadForm(b *testing.B) {
	c := compileLead(b)
	ctx := context.Background()
	res := newResolver()

	invalid := validLead()
	invalid["mobile"] = "0571-88888888"
	invalid["budget"] = 12.345
	invalid["stage"] = "won"
	delete(invalid, "budget_cycle")
	invalid["products"] = []any{map[string]any{"quantity": 0.0, "unit_price": 1.005}}

	cases := []struct {
		name    string
		data    []byte
		wantErr bool
	}{
		{"valid", raw(b, validLead()), false},
		{"invalid", raw(b, invalid), true},
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Validate(ctx, bc.data, res); (err != nil) != bc.wantErr {
					b.Fatalf("Validate() error = %v, want error: %v", err, bc.wantErr)
				}
			}
		})
	}
}

func BenchmarkCompileLeadForm(b *testing.B) {
	def := loadLead(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compileDef(def); err != nil {
			b.Fatal(err)
		}
	}
}
