package plugins_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
)

func ptr[T any](v T) *T { return &v }

func TestUpdateKeepsOmittedSecrets(t *testing.T) {
	s, c, v, logs := crmService(t)
	ctx := context.Background()
	settings := map[string]any{"url": "https://crm2.example.com", "token": plugins.Mask,
		"field_map": map[string]any{"account": map[string]any{"AccountNo": "account_no"}}}

	got, err := s.Update(ctx, admin("t1"), v.ID, plugins.InstanceUpdate{Name: ptr("CRM 2"),
		Settings: settings, Version: v.Version})
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "CRM 2" || got.Settings["token"] != plugins.Mask ||
		got.Settings["url"] != "https://crm2.example.com" || got.Version != v.Version+1 {
		t.Errorf("view = %+v", got)
	}
	invoke(t, s)
	if tok := c.lastSettings()["token"]; tok != crmToken {
		t.Errorf("after an update without the secret the token is %v, want kept", tok)
	}

	delete(settings, "token")
	if _, err := s.Update(ctx, admin("t1"), v.ID,
		plugins.InstanceUpdate{Settings: settings}); err != nil {
		t.Fatal(err)
	}
	invoke(t, s)
	if tok := c.lastSettings()["token"]; tok != crmToken {
		t.Errorf("after leaving the token out it is %v, want kept", tok)
	}

	settings["token"] = "tok-NEW-9a8b7c6d"
	if _, err := s.Update(ctx, admin("t1"), v.ID,
		plugins.InstanceUpdate{Settings: settings}); err != nil {
		t.Fatal(err)
	}
	invoke(t, s)
	if tok := c.lastSettings()["token"]; tok != "tok-NEW-9a8b7c6d" {
		t.Errorf("after a new token it is %v", tok)
	}
	for _, secret := range []string{crmToken, "tok-NEW-9a8b7c6d"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("logs show a secret: %s", logs.String())
		}
	}
}

func invoke(t *testing.T, s *plugins.Service) {
	t.Helper()
	if _, err := s.Invoke(context.Background(), "t1", "crm_main", "create_lead",
		map[string]any{"email": "a@b.cn"}); err != nil {
		t.Fatal(err)
	}
}

func TestUpdateRefusals(t *testing.T) {
	s, _, v, _ := crmService(t)
	ctx := context.Background()
	rep := auth.Principal{TenantID: "t1", UserID: "u", Roles: []auth.Role{auth.Rep}}
	tests := []struct {
		name string
		p    auth.Principal
		in   plugins.InstanceUpdate
		kind problem.Kind
	}{
		{"other tenant", admin("t2"), plugins.InstanceUpdate{Name: ptr("x")}, problem.NotFound},
		{"not allowed", rep, plugins.InstanceUpdate{Name: ptr("x")}, problem.Forbidden},
		{"stale", admin("t1"), plugins.InstanceUpdate{Name: ptr("x"), Version: 99},
			problem.Conflict},
		{"empty name", admin("t1"), plugins.InstanceUpdate{Name: ptr("")}, problem.Invalid},
		{"bad settings", admin("t1"), plugins.InstanceUpdate{Settings: map[string]any{
			"url": 7}}, problem.Invalid},
		{"short new secret", admin("t1"), plugins.InstanceUpdate{Settings: map[string]any{
			"url": "https://x.example.com", "token": "abc"}}, problem.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Update(ctx, tt.p, v.ID, tt.in)
			if pe, ok := problem.As(err); !ok || pe.Kind != tt.kind {
				t.Fatalf("err = %v, want kind %v", err, tt.kind)
			}
		})
	}

	list, err := s.List(ctx, admin("t1"))
	if err != nil || list[0].Name != "crm_main" || list[0].Version != 1 {
		t.Errorf("refused updates changed the instance: %+v, %v", list, err)
	}
}

func TestDisableStopsDelivery(t *testing.T) {
	s, _, v, _ := crmService(t)
	ctx := context.Background()
	if _, err := s.Disable(ctx, admin("t2"), v.ID); !isKind(err, problem.NotFound) {
		t.Fatalf("another tenant disabling = %v, want 404", err)
	}

	got, err := s.Disable(ctx, admin("t1"), v.ID)
	if err != nil || got.Enabled {
		t.Fatalf("disable = %+v, %v", got, err)
	}
	_, err = s.Invoke(ctx, "t1", "crm_main", "create_lead", map[string]any{"email": "a@b.cn"})
	if !errors.Is(err, plugins.ErrNoInstance) {
		t.Errorf("invoking a disabled instance = %v, want ErrNoInstance", err)
	}
	_, err = s.Pull(ctx, admin("t1"), v.ID, plugins.PullInput{Form: "a",
		KeyField: "account_no"}, &upserts{})
	if !isKind(err, problem.Conflict) {
		t.Errorf("pulling a disabled instance = %v, want 409", err)
	}

	if _, err := s.Update(ctx, admin("t1"), v.ID,
		plugins.InstanceUpdate{Enabled: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	invoke(t, s)
}

func isKind(err error, k problem.Kind) bool {
	pe, ok := problem.As(err)
	return ok && pe.Kind == k
}
