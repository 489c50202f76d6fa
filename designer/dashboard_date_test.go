package designer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/i18n"
)

// TestMetricDateField accepts a date or date-time field of the metric's
// form as the day its records count on, and refuses a missing field, a
// field of another type, a date field on another source and a ratio whose
// parts count on different days.
func TestMetricDateField(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	form := raw(t, map[string]any{
		"schema": map[string]any{"type": "object", "properties": map[string]any{
			"week":   map[string]any{"type": "string", "format": "date"},
			"at":     map[string]any{"type": "string", "format": "date-time"},
			"amount": map[string]any{"type": "number"}}},
		"layout": map[string]any{"sections": []any{}}})
	d, _, err := f.svc.Create(ctx, f.implementer, designer.KindForm, meta("deal"), form)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Publish(ctx, f.implementer, designer.KindForm, d.ID); err != nil {
		t.Fatal(err)
	}
	rec := func(field string) map[string]any {
		return map[string]any{"kind": "count", "source": "records", "form": "deal",
			"date_field": field}
	}
	tests := []struct {
		name   string
		metric map[string]any
		want   []string // codes at a date_field
	}{
		{"date", rec("week"), nil},
		{"date-time", rec("at"), nil},
		{"missing", rec("due"), []string{"unknown_field"}},
		{"a number", rec("amount"), []string{"not_a_date"}},
		{"activities", map[string]any{"kind": "count", "source": "activities", "form": "deal",
			"date_field": "week"}, []string{"date_field_records_only"}},
		{"ratio on one day", map[string]any{"kind": "ratio", "numerator": rec("week"),
			"denominator": rec("week")}, nil},
		{"ratio on two days", map[string]any{"kind": "ratio", "numerator": rec("week"),
			"denominator": rec("at")}, []string{"ratio_date_field"}},
		{"ratio's own", map[string]any{"kind": "ratio", "date_field": "week",
			"numerator": rec("week"), "denominator": rec("week")},
			[]string{"date_field_on_parts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			board := map[string]any{"widgets": []any{map[string]any{"id": "w",
				"title": map[string]string{"en": "w"}, "chart": "line", "bucket": "week",
				"metric": tt.metric}}}
			errs, _, err := f.svc.Lint(ctx, f.implementer, designer.KindDashboard,
				meta("board"), raw(t, board))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, fe := range errs {
				if strings.HasSuffix(fe.Pointer, "/date_field") {
					got = append(got, fe.Code)
					for _, l := range i18n.Locales {
						if key := "field." + fe.Code; i18n.T(l, key, fe.Params) == key {
							t.Errorf("%s: %s has no %s message", fe.Pointer, fe.Code, l)
						}
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
