package plugins_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

func TestInvokeValidatesInputBeforeCalling(t *testing.T) {
	s, c, _, _ := crmService(t)
	ctx := context.Background()

	_, err := s.Invoke(ctx, "t1", "crm_main", "create_lead",
		map[string]any{"email": "not-an-address", "score": -1})
	pe, ok := problem.As(err)
	if !ok || pe.Kind != problem.Invalid {
		t.Fatalf("bad input = %v, want an invalid-input problem", err)
	}
	var ptrs []string
	for _, f := range pe.Fields {
		ptrs = append(ptrs, f.Pointer)
	}
	if diff := cmp.Diff([]string{"/input/email", "/input/score"}, ptrs); diff != "" {
		t.Errorf("field errors (-want +got):\n%s", diff)
	}
	if c.lastSettings() != nil {
		t.Error("the plugin was called with invalid input")
	}

	out, err := s.Invoke(ctx, "t1", "crm", "create_lead", map[string]any{"email": "a@b.cn"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"id": "lead-a@b.cn"}, out); diff != "" {
		t.Errorf("output by plugin name (-want +got):\n%s", diff)
	}
	if got := c.lastSettings()["token"]; got != crmToken {
		t.Errorf("the action got token %v, want the stored secret in clear", got)
	}
}

func TestInvokeChecksOutput(t *testing.T) {
	s, c, _, _ := crmService(t)
	c.output = map[string]any{"id": 42}
	_, err := s.Invoke(context.Background(), "t1", "crm_main", "create_lead",
		map[string]any{"email": "a@b.cn"})
	if err == nil || !outbox.IsPermanent(err) {
		t.Fatalf("output off its schema = %v, want a permanent error", err)
	}
}

func TestActionSender(t *testing.T) {
	s, c, _, _ := crmService(t)
	snd := s.ActionSender()
	msg := func(plugin, action string, input map[string]any) *outbox.Message {
		m := &outbox.Message{ID: "m1", Kind: outbox.KindCallAction, Channel: plugins.ActionChannel,
			Payload: map[string]any{"plugin": plugin, "action": action, "input": input}}
		m.TenantID = "t1"
		return m
	}
	ctx := context.Background()

	id, err := snd.Send(ctx, msg("crm_main", "create_lead", map[string]any{"email": "x@y.cn"}))
	if err != nil || id != "lead-x@y.cn" {
		t.Fatalf("send = %q, %v", id, err)
	}

	tests := []struct {
		name      string
		m         *outbox.Message
		fail      error
		permanent bool
	}{
		{"unknown action", msg("crm_main", "nope", nil), nil, true},
		{"no instance", msg("erp", "create_lead", nil), nil, true},
		{"bad input", msg("crm_main", "create_lead", map[string]any{}), nil, true},
		{"vendor down", msg("crm_main", "create_lead", map[string]any{"email": "x@y.cn"}),
			retryable, false},
		{"other tenant", func() *outbox.Message {
			m := msg("crm_main", "create_lead", map[string]any{"email": "x@y.cn"})
			m.TenantID = "t2"
			return m
		}(), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.fail = tt.fail
			_, err := snd.Send(ctx, tt.m)
			if err == nil {
				t.Fatal("sent")
			}
			if outbox.IsPermanent(err) != tt.permanent {
				t.Errorf("permanent = %v, want %v: %v", !tt.permanent, tt.permanent, err)
			}
			if strings.Contains(err.Error(), crmToken) {
				t.Errorf("error shows the secret: %v", err)
			}
		})
	}
}

func TestActionsListed(t *testing.T) {
	s, _, _, _ := crmService(t)
	specs, ok := s.Actions("crm")
	if !ok || len(specs) != 1 || specs[0].Name != "create_lead" {
		t.Errorf("Actions(crm) = %v, %v", specs, ok)
	}
	if _, ok := s.Actions("nope"); ok {
		t.Error("an unknown plugin has actions")
	}
}
