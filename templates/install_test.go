package templates_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/internal/testenv"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/templates"
)

// env is a library on real stores, with a way to make fresh tenants.
type env struct {
	lib      *templates.Library
	defs     *designer.Service
	store    *mongo.Store
	accounts *auth.Accounts
	rt       *fwruntime.Runtime
}

var tenants atomic.Int64

func newEnv(tb testing.TB, channels templates.ChannelCheck) *env {
	tb.Helper()
	return newEnvOn(tb, testenv.Mongo(tb), channels)
}

// newEnvOn is newEnv on a given store.
func newEnvOn(tb testing.TB, store *mongo.Store, channels templates.ChannelCheck) *env {
	tb.Helper()
	q := testenv.Queue(tb)
	clk := clock.NewManual(time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC))
	log := testenv.Logger()
	defs := designer.New(store, clk, log)
	rt, err := fwruntime.New(store, q, defs, clk, fwruntime.Config{}, log)
	if err != nil {
		tb.Fatal(err)
	}
	accounts := auth.NewAccounts(store, clk, auth.Config{}, log)

	ctx := context.Background()
	for _, ensure := range []func(context.Context) error{accounts.EnsureIndexes,
		defs.EnsureIndexes, rt.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			tb.Fatal(err)
		}
	}
	lib := templates.New(catalog(tb), templates.Deps{Designer: defs, Records: rt.Records,
		Store: store, Channels: channels})
	return &env{lib: lib, defs: defs, store: store, accounts: accounts, rt: rt}
}

// tenant signs up a fresh tenant and returns its owner.
func (e *env) tenant(tb testing.TB, locale i18n.Locale) auth.Principal {
	tb.Helper()
	n := tenants.Add(1)
	tn, u, err := e.accounts.Signup(context.Background(), auth.SignupInput{
		Tenant: fmt.Sprintf("Tenant %d", n), Name: "Owner",
		Email: fmt.Sprintf("tpl%d@example.com", n), Password: "correct-horse"})
	if err != nil {
		tb.Fatal(err)
	}
	return auth.Principal{TenantID: tn.ID, UserID: u.ID, Roles: u.Roles, Locale: locale}
}

func TestInstallIsIdempotent(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	for _, id := range []string{"lead_followup", "commitment_center", "performance_engine"} {
		t.Run(id, func(t *testing.T) {
			p := e.tenant(t, i18n.English)
			first, err := e.lib.Install(ctx, p, id, templates.InstallOptions{SampleData: true})
			if err != nil {
				t.Fatal(err)
			}
			pv, _ := e.lib.Get(id)
			if len(first.SampleRecords) != pv.SampleRecords || !first.New {
				t.Errorf("first install = %+v", first)
			}
			again, err := e.lib.Install(ctx, p, id, templates.InstallOptions{SampleData: true})
			if err != nil {
				t.Fatal(err)
			}
			if again.New || again.AppID != first.AppID || len(again.SampleRecords) != 0 {
				t.Errorf("second install = %+v, want the same app and nothing new", again)
			}
			if diff := cmp.Diff(first.Created, again.Created); diff != "" {
				t.Errorf("created (-first +again):\n%s", diff)
			}
		})
	}
}

func TestInstallNeeds(t *testing.T) {
	tests := []struct {
		name     string
		channels templates.ChannelCheck
		locale   i18n.Locale
		want     []templates.Need
	}{
		{"nothing configured, Chinese", nil, i18n.Chinese, []templates.Need{
			{Kind: "channel", Key: "wecom", Message: "请配置企业微信渠道，提醒才能推送到手机；站内提醒现在就能用。"},
			{Kind: "role", Key: "supervisor", Message: "还没有人担任主管。请在“成员”中指定，升级提醒才有人接收。"},
		}},
		{"wecom configured, English", func(_ context.Context, _, c string) (bool, error) {
			return c == "wecom", nil
		}, i18n.English,
			[]templates.Need{{Kind: "role", Key: "supervisor", Message: "Nobody has the supervisor " +
				"role yet. Give it to someone under People so that escalations reach a person."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.channels)
			res, err := e.lib.Install(context.Background(), e.tenant(t, tt.locale),
				"lead_followup", templates.InstallOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, res.Needs); diff != "" {
				t.Errorf("needs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestInstallUnknown(t *testing.T) {
	e := newEnv(t, nil)
	_, err := e.lib.Install(context.Background(), e.tenant(t, i18n.Chinese), "nope",
		templates.InstallOptions{})
	pe, ok := problem.As(err)
	if !ok || pe.Kind != problem.NotFound {
		t.Fatalf("Install(unknown) = %v, want NotFound", err)
	}
	if got := i18n.T(i18n.Chinese, pe.Code, pe.Params); got != "模板库中没有“nope”这个模板。" {
		t.Errorf("message = %q", got)
	}
}

// TestTamperedPackIsRefused installs a pack whose process names a form
// that does not exist: the designer's lint refuses it, naming the field.
func TestTamperedPackIsRefused(t *testing.T) {
	fsys := fstest.MapFS{
		"bad/manifest.json": {Data: []byte(`{"id": "bad", "version": "1.0.0",
			"name": {"en": "Bad", "zh-CN": "坏包"}}`)},
		"bad/dashboards/d.json": {Data: []byte(`{"key": "d", "name": {"en": "D", "zh-CN": "看板"},
			"widgets": [{"id": "w", "title": {"en": "W"}, "chart": "number",
			"metric": {"kind": "count", "source": "records", "form": "missing"}}]}`)},
	}
	c, err := templates.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, nil)
	lib := templates.New(c, templates.Deps{Designer: e.defs, Store: e.store})
	_, err = lib.Install(context.Background(), e.tenant(t, i18n.English), "bad",
		templates.InstallOptions{})
	pe, ok := problem.As(err)
	if !ok || len(pe.Fields) == 0 || pe.Fields[0].Pointer != "/dashboards/d/widgets/0/metric/form" {
		t.Fatalf("Install(tampered) = %#v, want a lint refusal on the metric's form", err)
	}
}

func TestLoadRefusesBrokenFolder(t *testing.T) {
	fsys := fstest.MapFS{"x/manifest.json": {Data: []byte(`{"id": "y", "version": "1",
		"name": {"en": "X"}}`)}}
	if _, err := templates.Load(fsys); err == nil {
		t.Fatal("a manifest id differing from its folder was accepted")
	}
}

func BenchmarkInstallLeadFollowup(b *testing.B) {
	e := newEnv(b, nil)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		p := e.tenant(b, i18n.English)
		b.StartTimer()
		if _, err := e.lib.Install(ctx, p, "lead_followup", templates.InstallOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
