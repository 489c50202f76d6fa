package designer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer"
)

// TestMetricEvents accepts the task events a metric may count and refuses
// an unknown one, and an event on a source that has none.
func TestMetricEvents(t *testing.T) {
	f := newFixture(t)
	board := func(metric map[string]any) map[string]any {
		return map[string]any{"widgets": []any{map[string]any{"id": "w",
			"title": map[string]string{"en": "w"}, "chart": "number", "metric": metric}}}
	}
	tests := []struct {
		name   string
		metric map[string]any
		want   []string // codes at the metric's (or its parts') event
	}{
		{"created", map[string]any{"kind": "count", "source": "tasks", "event": "created"}, nil},
		{"cancel rate", map[string]any{"kind": "ratio",
			"numerator":   map[string]any{"kind": "count", "source": "tasks", "event": "cancelled"},
			"denominator": map[string]any{"kind": "count", "source": "tasks", "event": "created"}},
			nil},
		{"unknown event", map[string]any{"kind": "count", "source": "tasks", "event": "opened"},
			[]string{"not_allowed"}},
		{"not a task", map[string]any{"kind": "count", "source": "timers", "event": "created"},
			[]string{"metric_event_tasks_only"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs, _, err := f.svc.Lint(context.Background(), f.implementer,
				designer.KindDashboard, designer.Meta{Key: "board",
					Name: designer.Text{"en": "Board"}}, raw(t, board(tt.metric)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, fe := range errs {
				if strings.HasSuffix(fe.Pointer, "/event") {
					got = append(got, fe.Code)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
