package runtime

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
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// fakeWeComApp answers gettoken, message/send with answer and records the
// bodies of every other call by path.
type fakeWeComApp struct {
	mu     sync.Mutex
	answer string
	bodies map[string][]map[string]any
}

func (f *fakeWeComApp) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/cgi-bin/gettoken" {
		io.WriteString(w, `{"errcode":0,"access_token":"T","expires_in":7200}`)
		return
	}
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.bodies[r.URL.Path] = append(f.bodies[r.URL.Path], body)
	if r.URL.Path == "/cgi-bin/message/send" {
		io.WriteString(w, f.answer)
		return
	}
	io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
}

func (f *fakeWeComApp) calls(path string) []map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.bodies[path]
}

// cardWorld is an outbox and plugins wired like the binary, with a WeCom
// app instance on a fake WeCom and three people (u3 has no WeCom id).
type cardWorld struct {
	ob    *outbox.Service
	admin auth.Principal
	wecom *fakeWeComApp
	clock *clock.Manual
}

func newCardWorld(t *testing.T, answer string) *cardWorld {
	t.Helper()
	ctx := context.Background()
	store := testenv.Mongo(t)
	w := &cardWorld{clock: clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		admin: auth.Principal{TenantID: "t1", UserID: "a", Roles: []auth.Role{auth.Admin}},
		wecom: &fakeWeComApp{answer: answer, bodies: map[string][]map[string]any{}}}
	w.ob = outbox.New(store, testenv.Queue(t), w.clock, outbox.Config{MaxAttempts: 3},
		testenv.Logger())
	ps := plugins.New(plugins.Config{Store: store, Clock: w.clock, Log: testenv.Logger(),
		SecretKey: bytes.Repeat([]byte{1}, 32),
		HTTP:      httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})})
	for _, ensure := range []func(context.Context) error{w.ob.EnsureIndexes, ps.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(w.wecom)
	t.Cleanup(srv.Close)

	_, err := ps.Create(ctx, w.admin, "wecom_app", plugins.InstanceInput{Key: "wecom_sales",
		Settings: map[string]any{"corp_id": "ww1234", "agent_id": 1000002,
			"secret": "app-secret-0123", "api_base": srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	seedPeople(t, store)
	if err := RegisterPluginChannels(ctx, w.ob, ps, store, "t1"); err != nil {
		t.Fatal(err)
	}

	return w
}

func seedPeople(t *testing.T, store *mongo.Store) {
	t.Helper()
	users := store.Scope("t1").C(auth.UsersCollection)
	for _, u := range []*auth.User{{ID: "u1", IM: auth.IMIDs{WeCom: "ZhangSan"}},
		{ID: "u2", IM: auth.IMIDs{WeCom: "lisi"}}, {ID: "u3"}} {
		if err := users.InsertOne(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
}

// deliver delivers message id and returns it.
func (w *cardWorld) deliver(t *testing.T, id string) *outbox.Message {
	t.Helper()
	if err := w.ob.Deliver(context.Background(), "t1", id); err != nil {
		t.Fatal(err)
	}
	m, err := w.ob.Get(context.Background(), w.admin, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// card adds the task card of task 7 for u1, u2 and u3.
func (w *cardWorld) card(t *testing.T) *outbox.Message {
	t.Helper()
	m, err := w.ob.Add(context.Background(), "t1", outbox.Message{
		Channel: outbox.ChannelWeCom, Kind: outbox.KindNotify, TaskID: "7",
		Recipients: []string{"u1", "u2", "u3"}, Link: "https://app.example.com/tasks/7",
		Title: outbox.Text{i18n.Chinese: "待处理任务"}, Body: outbox.Text{i18n.Chinese: "请跟进"}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// complete runs the engine's hook for task 7 and returns the card update.
func (w *cardWorld) complete(t *testing.T) *outbox.Message {
	t.Helper()
	err := cardUpdateHook(w.ob)(context.Background(), engine.TaskCompletion{TenantID: "t1",
		TaskID: "7", Outcome: "done", At: w.clock.Now()})
	if err != nil {
		t.Fatal(err)
	}
	page, err := w.ob.List(context.Background(), w.admin,
		outbox.Query{Channel: CardUpdateChannel})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].Kind != outbox.KindUpdateCards {
		t.Fatalf("card updates = %+v, want one", page.Items)
	}
	m, err := w.ob.Get(context.Background(), w.admin, page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestWeComRefusedRecipientsAreFailedInTheDeliveryLog(t *testing.T) {
	w := newCardWorld(t, `{"errcode":0,"errmsg":"ok","invaliduser":"zhangsan",`+
		`"msgid":"M1","response_code":"RC1"}`)

	got := w.deliver(t, w.card(t).ID)

	if got.Status != outbox.StatusDelivered || got.VendorID != "M1|RC1" {
		t.Errorf("status %s, vendor id %q (%s); want delivered, M1|RC1", got.Status,
			got.VendorID, got.LastError)
	}
	var refused []string
	for _, r := range got.Refused {
		refused = append(refused, r.Recipient)
	}
	if diff := cmp.Diff([]string{"u1", "u3"}, refused); diff != "" {
		t.Errorf("refused recipients, as user ids (-want +got):\n%s", diff)
	}
	if sent := w.wecom.calls("/cgi-bin/message/send"); len(sent) != 1 ||
		sent[0]["touser"] != "ZhangSan|lisi" {
		t.Errorf("sent %v; want one message to ZhangSan|lisi", sent)
	}
}

func TestCompletedTaskUpdatesItsWeComCard(t *testing.T) {
	w := newCardWorld(t, `{"errcode":0,"errmsg":"ok","msgid":"M1","response_code":"RC1"}`)
	card := w.card(t)
	w.deliver(t, card.ID)

	update := w.deliver(t, w.complete(t).ID)

	if update.Status != outbox.StatusDelivered {
		t.Errorf("card update %s: %s", update.Status, update.LastError)
	}
	calls := w.wecom.calls("/cgi-bin/message/update_template_card")
	if len(calls) != 1 || calls[0]["response_code"] != "RC1" || calls[0]["atall"] != 1.0 {
		t.Fatalf("update_template_card calls = %v; want one for RC1 to everyone", calls)
	}
	if name := calls[0]["button"].(map[string]any)["replace_name"]; name != "已处理" {
		t.Errorf("button reads %v, want 已处理", name)
	}
}

func TestCardUpdateWaitsForACardOnItsWay(t *testing.T) {
	w := newCardWorld(t, `{"errcode":0,"errmsg":"ok","msgid":"M1","response_code":"RC1"}`)
	card := w.card(t) // not delivered yet

	update := w.deliver(t, w.complete(t).ID)
	if update.Status != outbox.StatusFailed {
		t.Fatalf("card update before the card = %s, want failed (to retry)", update.Status)
	}

	w.deliver(t, card.ID)
	w.clock.Advance(update.NextAttemptAt.Sub(w.clock.Now()))
	if got := w.deliver(t, update.ID); got.Status != outbox.StatusDelivered {
		t.Errorf("card update after the card = %s (%s), want delivered", got.Status,
			got.LastError)
	}
	if n := len(w.wecom.calls("/cgi-bin/message/update_template_card")); n != 1 {
		t.Errorf("%d card updates, want 1", n)
	}
}

func TestNoCardUpdateWithoutACardChannel(t *testing.T) {
	clk := clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	ob := outbox.New(testenv.Mongo(t), testenv.Queue(t), clk, outbox.Config{},
		testenv.Logger())
	if err := ob.EnsureIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	err := cardUpdateHook(ob)(context.Background(), engine.TaskCompletion{TenantID: "t1",
		TaskID: "7"})
	if err != nil {
		t.Fatal(err)
	}
	admin := auth.Principal{TenantID: "t1", UserID: "a", Roles: []auth.Role{auth.Admin}}
	if page, _ := ob.List(context.Background(), admin, outbox.Query{}); len(page.Items) != 0 {
		t.Errorf("%d messages added for a tenant without a card channel", len(page.Items))
	}
}
