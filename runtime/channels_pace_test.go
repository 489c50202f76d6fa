package runtime_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// TestPluginChannelsPacePerInstance fills tenant t1's robot bucket (20 a
// minute) through its kind and its key alike, then checks that the 21st
// message waits while tenant t2's robot, on the same channel kind, is not
// held back.
func TestPluginChannelsPacePerInstance(t *testing.T) {
	ctx := context.Background()
	store, clk := testenv.Mongo(t), clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	ob := outbox.New(store, testenv.Queue(t), clk, outbox.Config{MaxAttempts: 1},
		testenv.Logger())
	if err := ob.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	ps := plugins.New(plugins.Config{Store: store, Clock: clk, Log: testenv.Logger(),
		SecretKey: bytes.Repeat([]byte{1}, 32),
		HTTP:      httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})})
	robot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	}))
	t.Cleanup(robot.Close)

	for _, tenant := range []string{"t1", "t2"} {
		admin := auth.Principal{TenantID: tenant, UserID: "a", Roles: []auth.Role{auth.Admin}}
		_, err := ps.Create(ctx, admin, "dingtalk_robot", plugins.InstanceInput{
			Key: "dingtalk_east", Settings: map[string]any{
				"webhook_url": robot.URL + "/robot/send?access_token=x", "secret": "SECx"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := runtime.RegisterPluginChannels(ctx, ob, ps, store, tenant); err != nil {
			t.Fatal(err)
		}
	}

	send := func(tenant, channel string) outbox.Status {
		m, err := ob.Add(ctx, tenant, outbox.Message{Channel: channel, Kind: outbox.KindNotify,
			Body: outbox.Text{i18n.Chinese: "请跟进"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := ob.Deliver(ctx, tenant, m.ID); err != nil {
			t.Fatal(err)
		}
		admin := auth.Principal{TenantID: tenant, UserID: "a", Roles: []auth.Role{auth.Admin}}
		got, err := ob.Get(ctx, admin, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}

	var got []outbox.Status
	for i := range 20 {
		channel := outbox.ChannelDingTalk
		if i%2 == 1 {
			channel = "dingtalk_east"
		}
		if s := send("t1", channel); s != outbox.StatusDelivered {
			t.Fatalf("message %d of t1: %s, want delivered", i+1, s)
		}
	}
	got = append(got, send("t1", "dingtalk_east"), send("t1", outbox.ChannelDingTalk),
		send("t2", outbox.ChannelDingTalk))
	clk.Advance(3 * time.Second)
	got = append(got, send("t1", outbox.ChannelDingTalk))

	want := []outbox.Status{outbox.StatusPending, outbox.StatusPending,
		outbox.StatusDelivered, outbox.StatusDelivered}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after t1's 20 messages (-want +got):\n%s", diff)
	}
}

// TestPluginChannelsPaceSurvivesRegistration fills tenant t1's robot
// bucket, registers t1's channels again (as when it adds an instance) and
// checks that the bucket stays full, while a second outbox, wired apart,
// paces on its own.
func TestPluginChannelsPaceSurvivesRegistration(t *testing.T) {
	ctx := context.Background()
	store, clk := testenv.Mongo(t), clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	ps := plugins.New(plugins.Config{Store: store, Clock: clk, Log: testenv.Logger(),
		SecretKey: bytes.Repeat([]byte{1}, 32),
		HTTP:      httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})})
	robot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	}))
	t.Cleanup(robot.Close)
	admin := auth.Principal{TenantID: "t1", UserID: "a", Roles: []auth.Role{auth.Admin}}
	_, err := ps.Create(ctx, admin, "dingtalk_robot", plugins.InstanceInput{
		Key: "dingtalk_east", Settings: map[string]any{
			"webhook_url": robot.URL + "/robot/send?access_token=x", "secret": "SECx"}})
	if err != nil {
		t.Fatal(err)
	}
	newOutbox := func() *outbox.Service {
		ob := outbox.New(store, testenv.Queue(t), clk, outbox.Config{MaxAttempts: 1},
			testenv.Logger())
		if err := ob.EnsureIndexes(ctx); err != nil {
			t.Fatal(err)
		}
		if err := runtime.RegisterPluginChannels(ctx, ob, ps, store, "t1"); err != nil {
			t.Fatal(err)
		}
		return ob
	}
	send := func(ob *outbox.Service) outbox.Status {
		m, err := ob.Add(ctx, "t1", outbox.Message{Channel: "dingtalk_east",
			Kind: outbox.KindNotify, Body: outbox.Text{i18n.Chinese: "请跟进"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := ob.Deliver(ctx, "t1", m.ID); err != nil {
			t.Fatal(err)
		}
		got, err := ob.Get(ctx, admin, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}

	first := newOutbox()
	for i := range 20 {
		if s := send(first); s != outbox.StatusDelivered {
			t.Fatalf("message %d: %s, want delivered", i+1, s)
		}
	}
	if err := runtime.RegisterPluginChannels(ctx, first, ps, store, "t1"); err != nil {
		t.Fatal(err)
	}
	got := []outbox.Status{send(first), send(newOutbox())}

	want := []outbox.Status{outbox.StatusPending, outbox.StatusDelivered}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("21st message after registering again, then on another outbox "+
			"(-want +got):\n%s", diff)
	}
}
