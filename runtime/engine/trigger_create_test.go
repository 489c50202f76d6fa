package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/runtime/engine"
)

// onAmount tells the owner when a lead's amount is set, also when the lead
// is created with one.
const onAmount = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "field_changed", "form": "lead",
  "fields": ["amount"], "also_on_create": true}},
 {"id": "tell", "kind": "notify", "config": {"channel": "in_app",
  "recipients": [{"kind": "owner"}], "message": {"en": "amount set", "zh-CN": "金额已填写"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "tell"},
 {"id": "e2", "from": "tell", "to": "end"}]}`

func TestFieldTriggerAlsoOnCreate(t *testing.T) {
	cases := []struct {
		name string
		data map[string]any
		want int
	}{
		{"created with the field set", map[string]any{"company": "Acme", "amount": 1200.0}, 1},
		{"created with the field empty", map[string]any{"company": "Acme", "amount": nil}, 0},
		{"created without the field", map[string]any{"company": "Acme"}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t, graphOf(t, onAmount))
			ev := f.created("ev1")
			ev.Record = &engine.Record{ID: "r1", Form: "lead", OwnerID: "u_owner",
				Data: tc.data}
			for range 2 { // a redelivered event starts nothing twice
				if err := f.svc.OnRecordEvent(ctx, ev); err != nil {
					t.Fatal(err)
				}
			}
			if got := len(f.outbox.All()); got != tc.want {
				t.Errorf("%d messages, want %d", got, tc.want)
			}
		})
	}
}

func TestFieldTriggerNotOnCreateByDefault(t *testing.T) {
	ctx := context.Background()
	g := strings.Replace(onAmount, `, "also_on_create": true`, "", 1)
	f := newFixture(t, graphOf(t, g))
	ev := f.created("ev1")
	ev.Record = &engine.Record{ID: "r1", Form: "lead", OwnerID: "u_owner",
		Data: map[string]any{"amount": 1200.0}}
	if err := f.svc.OnRecordEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if got := len(f.outbox.All()); got != 0 {
		t.Errorf("%d messages on creation without the option, want 0", got)
	}

	change := engine.RecordEvent{ID: "ev2", TenantID: f.tenant, Kind: engine.RecordChanged,
		RecordID: "r1", Form: "lead", Fields: []string{"amount"}, Record: ev.Record}
	if err := f.svc.OnRecordEvent(ctx, change); err != nil {
		t.Fatal(err)
	}
	if got := len(f.outbox.All()); got != 1 {
		t.Errorf("%d messages after a change, want 1", got)
	}
}
