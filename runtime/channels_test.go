package runtime_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
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

// TestPluginChannelsDeliverWithIMIDs sends a message to the dingtalk kind
// and to an instance key: each goes through the tenant's robot, mentioning
// the recipients by their DingTalk ids; a kind without an instance is a
// permanent failure.
func TestPluginChannelsDeliverWithIMIDs(t *testing.T) {
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

	var mu sync.Mutex
	var mentioned [][]any
	robot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			At struct {
				AtUserIDs []any `json:"atUserIds"`
			} `json:"at"`
		}
		raw, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(raw, &body)
		mu.Lock()
		mentioned = append(mentioned, body.At.AtUserIDs)
		mu.Unlock()
		io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	}))
	t.Cleanup(robot.Close)

	admin := auth.Principal{TenantID: "t1", UserID: "a", Roles: []auth.Role{auth.Admin}}
	_, err := ps.Create(ctx, admin, "dingtalk_robot", plugins.InstanceInput{Key: "dingtalk_east",
		Settings: map[string]any{"webhook_url": robot.URL + "/robot/send?access_token=x",
			"secret": "SECx"}})
	if err != nil {
		t.Fatal(err)
	}
	users := store.Scope("t1").C(auth.UsersCollection)
	for _, u := range []*auth.User{{ID: "u1", IM: auth.IMIDs{DingTalk: "ding-1"}},
		{ID: "u2"}} {
		if err := users.InsertOne(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	if err := runtime.RegisterPluginChannels(ctx, ob, ps, store, "t1"); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name, channel string
		want          outbox.Status
	}{
		{"by kind", outbox.ChannelDingTalk, outbox.StatusDelivered},
		{"by key", "dingtalk_east", outbox.StatusDelivered},
		{"kind without instance", outbox.ChannelFeishu, outbox.StatusDead},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ob.Add(ctx, "t1", outbox.Message{Channel: tc.channel,
				Kind: outbox.KindNotify, Recipients: []string{"u1", "u2", "ghost"},
				Body: outbox.Text{i18n.Chinese: "请跟进"}})
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
			if got.Status != tc.want {
				t.Errorf("status = %s (%s), want %s", got.Status, got.LastError, tc.want)
			}
		})
	}

	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff([][]any{{"ding-1"}, {"ding-1"}}, mentioned); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
}
