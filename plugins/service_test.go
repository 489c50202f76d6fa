package plugins_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
)

func TestRegistryListsBuiltins(t *testing.T) {
	var got []string
	for _, info := range plugins.Builtin.List() {
		got = append(got, string(info.Kind)+":"+info.Name+"@"+info.Version)
		if len(info.SettingsSchema) == 0 {
			t.Errorf("%s has no settings schema", info.Name)
		}
	}
	want := []string{"channel:dingtalk_robot@1.0.0", "channel:dingtalk_work@1.0.0",
		"channel:email_smtp@1.0.0", "channel:feishu_bot@1.0.0",
		"connector:inbound_webhook@1.0.0", "connector:kingdee@1.0.0",
		"channel:webhook@1.0.0", "channel:wecom_app@1.0.0", "channel:wecom_robot@1.0.0"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("plugins (-want +got):\n%s", diff)
	}
}

func TestRegistryRefusesBadPlugins(t *testing.T) {
	cases := []struct {
		name string
		info plugins.Info
	}{
		{"no name", plugins.Info{Kind: plugins.KindAction, Version: "1",
			SettingsSchema: []byte(`{}`)}},
		{"unknown kind", plugins.Info{Name: "x", Kind: "gadget", Version: "1",
			SettingsSchema: []byte(`{}`)}},
		{"channel without NewSender", plugins.Info{Name: "x", Kind: plugins.KindChannel,
			Version: "1", SettingsSchema: []byte(`{}`)}},
		{"bad schema", plugins.Info{Name: "x", Kind: plugins.KindAction, Version: "1",
			SettingsSchema: []byte(`{"type": 12}`)}},
		{"remote ref", plugins.Info{Name: "x", Kind: plugins.KindAction, Version: "1",
			SettingsSchema: []byte(`{"$ref": "https://example.com/s.json"}`)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := plugins.NewRegistry().Add(infoOnly{tc.info}); err == nil {
				t.Error("Add accepted the plugin")
			}
		})
	}
}

type infoOnly struct{ info plugins.Info }

func (p infoOnly) Info() plugins.Info { return p.info }

func TestCreateValidatesAndMasks(t *testing.T) {
	s, _ := newService(t, key)
	ctx := context.Background()
	settings := map[string]any{"webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=t",
		"secret": "SECabc"}

	v, err := s.Create(ctx, admin("t1"), "dingtalk_robot",
		plugins.InstanceInput{Key: "dingtalk_east", Name: "East team", Settings: settings})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"webhook_url": plugins.Mask, "secret": plugins.Mask}
	if diff := cmp.Diff(want, v.Settings); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}

	cases := []struct {
		name     string
		p        auth.Principal
		plugin   string
		in       plugins.InstanceInput
		wantKind problem.Kind
		wantPtrs []string
	}{
		{"duplicate key", admin("t1"), "dingtalk_robot",
			plugins.InstanceInput{Key: "dingtalk_east", Settings: settings},
			problem.Invalid, []string{"/key"}},
		{"bad key and missing secret", admin("t1"), "dingtalk_robot",
			plugins.InstanceInput{Key: "Bad Key", Settings: map[string]any{
				"webhook_url": "https://x.example"}}, problem.Invalid,
			[]string{"/key", "/settings/secret"}},
		{"reserved key", admin("t1"), "wecom_robot",
			plugins.InstanceInput{Key: "wecom", Settings: map[string]any{
				"webhook_url": "https://qyapi.weixin.qq.com/x"}}, problem.Invalid,
			[]string{"/key"}},
		{"not a url", admin("t1"), "wecom_robot",
			plugins.InstanceInput{Key: "wecom_a", Settings: map[string]any{
				"webhook_url": "qyapi.weixin.qq.com"}}, problem.Invalid,
			[]string{"/settings/webhook_url"}},
		{"unknown plugin", admin("t1"), "smoke_signals",
			plugins.InstanceInput{Key: "k1"}, problem.NotFound, nil},
		{"rep may not", auth.Principal{TenantID: "t1", Roles: []auth.Role{auth.Rep}},
			"dingtalk_robot", plugins.InstanceInput{Key: "k2", Settings: settings},
			problem.Forbidden, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Create(ctx, tc.p, tc.plugin, tc.in)
			pe, ok := problem.As(err)
			if !ok || pe.Kind != tc.wantKind {
				t.Fatalf("err = %v, want kind %v", err, tc.wantKind)
			}
			var ptrs []string
			for _, f := range pe.Fields {
				ptrs = append(ptrs, f.Pointer)
			}
			if diff := cmp.Diff(tc.wantPtrs, ptrs); diff != "" {
				t.Errorf("pointers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSecretsNeedAKey(t *testing.T) {
	s, _ := newService(t, nil)
	_, err := s.Create(context.Background(), admin("t1"), "wecom_robot", plugins.InstanceInput{
		Key: "wecom_a", Settings: map[string]any{"webhook_url": "https://qyapi.weixin.qq.com/x"}})
	pe, ok := problem.As(err)
	if !ok || pe.Code != "plugins.secret_key_missing" || pe.Kind != problem.Unavailable {
		t.Fatalf("err = %v, want plugins.secret_key_missing", err)
	}
}

func TestResolveByKeyThenKind(t *testing.T) {
	s, _ := newService(t, key)
	ctx := context.Background()
	for _, k := range []string{"wecom_east", "wecom_west"} {
		_, err := s.Create(ctx, admin("t1"), "wecom_robot", plugins.InstanceInput{Key: k,
			Settings: map[string]any{"webhook_url": "https://qyapi.weixin.qq.com/" + k}})
		if err != nil {
			t.Fatal(err)
		}
	}

	cases := []struct{ name, tenant, channel, wantKey string }{
		{"by key", "t1", "wecom_west", "wecom_west"},
		{"by kind, first", "t1", "wecom", "wecom_east"},
		{"other tenant", "t2", "wecom", ""},
		{"no such kind", "t1", "dingtalk", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := s.Resolve(ctx, tc.tenant, tc.channel)
			if tc.wantKey == "" {
				if !errors.Is(err, plugins.ErrNoInstance) {
					t.Errorf("err = %v, want ErrNoInstance", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if b.Instance.Key != tc.wantKey {
				t.Errorf("key = %q, want %q", b.Instance.Key, tc.wantKey)
			}
		})
	}
}
