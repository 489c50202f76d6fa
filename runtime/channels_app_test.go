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

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// TestWeComAppDeliversTaskCard sends a task reminder to the wecom kind of
// a tenant whose WeCom instance is an app: the recipients become their
// WeCom ids, the message a task card, and the outbox keeps msgid and
// response_code as the vendor id.
func TestWeComAppDeliversTaskCard(t *testing.T) {
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
	var sent map[string]any
	wecom := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/cgi-bin/gettoken" {
			io.WriteString(w, `{"errcode":0,"access_token":"T","expires_in":7200}`)
			return
		}
		raw, _ := io.ReadAll(r.Body)
		mu.Lock()
		_ = json.Unmarshal(raw, &sent)
		mu.Unlock()
		io.WriteString(w, `{"errcode":0,"errmsg":"ok","msgid":"M1","response_code":"RC1"}`)
	}))
	t.Cleanup(wecom.Close)

	admin := auth.Principal{TenantID: "t1", UserID: "a", Roles: []auth.Role{auth.Admin}}
	_, err := ps.Create(ctx, admin, "wecom_app", plugins.InstanceInput{Key: "wecom_sales",
		Settings: map[string]any{"corp_id": "ww1234", "agent_id": 1000002,
			"secret": "app-secret-0123", "api_base": wecom.URL}})
	if err != nil {
		t.Fatal(err)
	}
	users := store.Scope("t1").C(auth.UsersCollection)
	for _, u := range []*auth.User{{ID: "u1", IM: auth.IMIDs{WeCom: "zhangsan"}},
		{ID: "u2", IM: auth.IMIDs{WeCom: "lisi"}}, {ID: "u3"}} {
		if err := users.InsertOne(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	if err := runtime.RegisterPluginChannels(ctx, ob, ps, store, "t1"); err != nil {
		t.Fatal(err)
	}

	m, err := ob.Add(ctx, "t1", outbox.Message{Channel: outbox.ChannelWeCom,
		Kind: outbox.KindNotify, Recipients: []string{"u1", "u2", "u3"},
		Link: "https://app.example.com/tasks/7", Payload: map[string]any{"task_id": "7"},
		Title: outbox.Text{i18n.Chinese: "待处理任务"}, Body: outbox.Text{i18n.Chinese: "请跟进"}})
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

	mu.Lock()
	defer mu.Unlock()
	if got.Status != outbox.StatusDelivered || got.VendorID != "M1|RC1" {
		t.Errorf("status %s, vendor id %q (%s); want delivered, M1|RC1", got.Status,
			got.VendorID, got.LastError)
	}
	if sent["touser"] != "zhangsan|lisi" || sent["msgtype"] != "template_card" {
		t.Errorf("sent touser %v, msgtype %v; want zhangsan|lisi, template_card",
			sent["touser"], sent["msgtype"])
	}
}
