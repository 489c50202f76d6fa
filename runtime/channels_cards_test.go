package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
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

// fakeWeComApp answers gettoken, message/send with answer ("{n}" is the
// number of the send) and update_template_card like WeCom: a
// response_code is taken once, a used one is refused. fail holds the
// answer to the first update of a response_code, when it is to fail. It
// records the bodies of every call by path.
type fakeWeComApp struct {
	mu     sync.Mutex
	answer string
	fail   map[string]string
	sends  int
	used   map[string]bool
	bodies map[string][]map[string]any
}

// codeUsedAgain is what the fake answers to a response_code updated
// before: WeCom's documented code of a one-time code used again (42022).
const codeUsedAgain = `{"errcode":42022,"errmsg":"code has been used"}`

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
	switch r.URL.Path {
	case "/cgi-bin/message/send":
		f.sends++
		io.WriteString(w, strings.ReplaceAll(f.answer, "{n}", strconv.Itoa(f.sends)))
	case "/cgi-bin/message/update_template_card":
		io.WriteString(w, f.update(str(body["response_code"])))
	default:
		io.WriteString(w, `{"errcode":0,"errmsg":"ok"}`)
	}
}

// update answers the update of response_code code; f.mu is held.
func (f *fakeWeComApp) update(code string) string {
	if answer, ok := f.fail[code]; ok {
		delete(f.fail, code)
		return answer
	}
	if f.used[code] {
		return codeUsedAgain
	}
	f.used[code] = true
	return `{"errcode":0,"errmsg":"ok"}`
}

func (f *fakeWeComApp) calls(path string) []map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.bodies[path]
}

// updatedCodes are the response_codes of the update_template_card calls,
// in order.
func (f *fakeWeComApp) updatedCodes() []string {
	var out []string
	for _, body := range f.calls("/cgi-bin/message/update_template_card") {
		out = append(out, str(body["response_code"]))
	}
	return out
}

func str(v any) string { s, _ := v.(string); return s }

// cardWorld is an outbox and plugins wired like the binary, with a WeCom
// app instance on a fake WeCom and three people (u3 has no WeCom id).
type cardWorld struct {
	ob    *outbox.Service
	store *mongo.Store
	admin auth.Principal
	wecom *fakeWeComApp
	clock *clock.Manual
}

func newCardWorld(t *testing.T, answer string) *cardWorld {
	t.Helper()
	ctx := context.Background()
	store := testenv.Mongo(t)
	w := &cardWorld{store: store,
		clock: clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		admin: auth.Principal{TenantID: "t1", UserID: "a", Roles: []auth.Role{auth.Admin}},
		wecom: &fakeWeComApp{answer: answer, fail: map[string]string{}, used: map[string]bool{},
			bodies: map[string][]map[string]any{}}}
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

// complete closes task 7 (its document, then the engine's hook) and
// returns the task's card update.
func (w *cardWorld) complete(t *testing.T) *outbox.Message {
	t.Helper()
	ctx := context.Background()
	task := &engine.Task{ID: "7", Kind: engine.TaskUser, Status: engine.TaskDone,
		Outcome: "done", CompletedAt: w.clock.Now()}
	if err := w.store.Scope("t1").C(engine.TasksCollection).InsertOne(ctx, task); err != nil {
		t.Fatal(err)
	}
	err := cardUpdateHook(w.ob)(ctx, engine.TaskCompletion{TenantID: "t1",
		TaskID: "7", Outcome: "done", At: w.clock.Now()})
	if err != nil {
		t.Fatal(err)
	}
	task7, cards := w.updates(t)
	if task7 == nil || len(cards) != 0 {
		t.Fatalf("card updates after the hook: task %v, cards %v; want the task's only", task7,
			cards)
	}
	return task7
}

// updates returns the card update of task 7 and the updates of single
// cards, by card id.
func (w *cardWorld) updates(t *testing.T) (*outbox.Message, map[string]*outbox.Message) {
	t.Helper()
	page, err := w.ob.List(context.Background(), w.admin,
		outbox.Query{Channel: CardUpdateChannel})
	if err != nil {
		t.Fatal(err)
	}
	var task *outbox.Message
	cards := map[string]*outbox.Message{}
	for _, item := range page.Items {
		m, err := w.ob.Get(context.Background(), w.admin, item.ID)
		if err != nil {
			t.Fatal(err)
		}
		if id := str(m.Payload["card"]); id != "" {
			cards[id] = m
		} else {
			task = m
		}
	}
	return task, cards
}

// deliverCardUpdates delivers every update of a single card once and
// returns them, by card id.
func (w *cardWorld) deliverCardUpdates(t *testing.T) map[string]*outbox.Message {
	t.Helper()
	_, cards := w.updates(t)
	for id, m := range cards {
		cards[id] = w.deliver(t, m.ID)
	}
	return cards
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

	if update := w.deliver(t, w.complete(t).ID); update.Status != outbox.StatusDelivered {
		t.Errorf("task's card update %s: %s", update.Status, update.LastError)
	}
	if got := w.deliverCardUpdates(t)[card.ID]; got == nil ||
		got.Status != outbox.StatusDelivered {
		t.Fatalf("update of the card = %+v, want delivered", got)
	}

	calls := w.wecom.calls("/cgi-bin/message/update_template_card")
	if len(calls) != 1 || calls[0]["response_code"] != "RC1" || calls[0]["atall"] != 1.0 {
		t.Fatalf("update_template_card calls = %v; want one for RC1 to everyone", calls)
	}
	if name := calls[0]["button"].(map[string]any)["replace_name"]; name != "已处理" {
		t.Errorf("button reads %v, want 已处理", name)
	}
}

// TestCardDeliveredAfterItsTaskClosedIsUpdated: the task's update runs
// while the card is still waiting for its (retried) send and finds
// nothing to do; the card's delivery, seeing the task closed, queues its
// update.
func TestCardDeliveredAfterItsTaskClosedIsUpdated(t *testing.T) {
	w := newCardWorld(t, `{"errcode":0,"errmsg":"ok","msgid":"M1","response_code":"RC1"}`)
	card := w.card(t) // not delivered yet

	if update := w.deliver(t, w.complete(t).ID); update.Status != outbox.StatusDelivered {
		t.Fatalf("task's card update = %s (%s), want delivered", update.Status,
			update.LastError)
	}
	if _, cards := w.updates(t); len(cards) != 0 {
		t.Fatalf("updates of cards not yet sent: %v", cards)
	}

	w.deliver(t, card.ID)
	got := w.deliverCardUpdates(t)[card.ID]
	if got == nil || got.Status != outbox.StatusDelivered {
		t.Fatalf("update of the late card = %+v, want delivered", got)
	}
	if diff := cmp.Diff([]string{"RC1"}, w.wecom.updatedCodes()); diff != "" {
		t.Errorf("updated response codes (-want +got):\n%s", diff)
	}
}

// TestLateCardOfACancelledTaskIsUpdated: a cancelled task closes its
// cards too, and its late card's update says so.
func TestLateCardOfACancelledTaskIsUpdated(t *testing.T) {
	w := newCardWorld(t, `{"errcode":0,"errmsg":"ok","msgid":"M1","response_code":"RC1"}`)
	card := w.card(t)
	task := &engine.Task{ID: "7", Kind: engine.TaskUser, Status: engine.TaskCancelled}
	err := w.store.Scope("t1").C(engine.TasksCollection).InsertOne(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}

	w.deliver(t, card.ID)
	got := w.deliverCardUpdates(t)[card.ID]
	if got == nil || got.Status != outbox.StatusDelivered || got.Payload["outcome"] != "cancelled" {
		t.Fatalf("update of the cancelled task's card = %+v", got)
	}
	if diff := cmp.Diff([]string{"RC1"}, w.wecom.updatedCodes()); diff != "" {
		t.Errorf("updated response codes (-want +got):\n%s", diff)
	}
}

// TestEachCardIsUpdatedOnce: the task's fan-out and the card's late
// delivery both asking for the same card's update make one update.
func TestEachCardIsUpdatedOnce(t *testing.T) {
	w := newCardWorld(t, `{"errcode":0,"errmsg":"ok","msgid":"M1","response_code":"RC1"}`)
	card := w.card(t)
	w.deliver(t, card.ID)
	task := w.deliver(t, w.complete(t).ID)

	delivered, err := w.ob.Get(context.Background(), w.admin, card.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The card's own delivery path, as if it had read the closed task too.
	if err := addCardUpdate(context.Background(), w.ob, delivered, "done"); err != nil {
		t.Fatal(err)
	}
	w.deliverCardUpdates(t)
	w.clock.Advance(time.Hour)
	w.deliver(t, task.ID)
	w.deliverCardUpdates(t)

	if _, cards := w.updates(t); len(cards) != 1 {
		t.Errorf("%d updates of one card, want 1", len(cards))
	}
	if diff := cmp.Diff([]string{"RC1"}, w.wecom.updatedCodes()); diff != "" {
		t.Errorf("updated response codes (-want +got):\n%s", diff)
	}
}

// partyCard adds the task card of task 7 for n departments: more than
// message/send's 100 take two batches, so two response codes.
func (w *cardWorld) partyCard(t *testing.T, n int) *outbox.Message {
	t.Helper()
	var parties []string
	for i := range n {
		parties = append(parties, "party:"+strconv.Itoa(i+1))
	}
	m, err := w.ob.Add(context.Background(), "t1", outbox.Message{
		Channel: outbox.ChannelWeCom, Kind: outbox.KindNotify, TaskID: "7",
		Recipients: parties, Link: "https://app.example.com/tasks/7",
		Title: outbox.Text{i18n.Chinese: "待处理任务"}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBatchedCardUpdateResumesWhereItFailed: a card sent in two batches
// whose second update fails is retried for that batch only (WeCom would
// refuse the first's response_code again), and ends delivered.
func TestBatchedCardUpdateResumesWhereItFailed(t *testing.T) {
	w := newCardWorld(t, `{"errcode":0,"errmsg":"ok","msgid":"M{n}","response_code":"RC{n}"}`)
	w.wecom.fail["RC2"] = `{"errcode":-1,"errmsg":"system busy"}`
	card := w.deliver(t, w.partyCard(t, 101).ID)
	if card.VendorID != "M1|RC1,M2|RC2" {
		t.Fatalf("card vendor id = %q, want two batches", card.VendorID)
	}
	w.deliver(t, w.complete(t).ID)

	first := w.deliverCardUpdates(t)[card.ID]
	if first.Status != outbox.StatusFailed || !slices.Equal(first.Reached, []string{"M1|RC1"}) {
		t.Fatalf("first attempt = %s, reached %v (%s); want failed after M1|RC1",
			first.Status, first.Reached, first.LastError)
	}
	w.clock.Advance(first.NextAttemptAt.Sub(w.clock.Now()))
	if got := w.deliver(t, first.ID); got.Status != outbox.StatusDelivered {
		t.Errorf("retry = %s (%s), want delivered", got.Status, got.LastError)
	}

	if diff := cmp.Diff([]string{"RC1", "RC2", "RC2"}, w.wecom.updatedCodes()); diff != "" {
		t.Errorf("updated response codes (-want +got):\n%s", diff)
	}
}

// TestCardUpdateRetriesOnlyWhatMayPass: WeCom's busy and rate answers are
// retried, a refusal (IP not allowed) is not, and a response_code used
// before means the card was updated.
func TestCardUpdateRetriesOnlyWhatMayPass(t *testing.T) {
	cases := []struct {
		name, answer string
		want         outbox.Status
	}{
		{"busy", `{"errcode":-1,"errmsg":"system busy"}`, outbox.StatusFailed},
		{"rate limited", `{"errcode":45009,"errmsg":"api freq out of limit"}`,
			outbox.StatusFailed},
		{"ip not allowed", `{"errcode":60020,"errmsg":"not allow to access from your ip"}`,
			outbox.StatusDead},
		// An earlier update went through but its outcome was lost.
		{"code used before", codeUsedAgain, outbox.StatusDelivered},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := newCardWorld(t, `{"errcode":0,"errmsg":"ok","msgid":"M1",`+
				`"response_code":"RC1"}`)
			w.wecom.fail["RC1"] = tc.answer
			card := w.deliver(t, w.card(t).ID)
			w.deliver(t, w.complete(t).ID)

			if got := w.deliverCardUpdates(t)[card.ID]; got.Status != tc.want {
				t.Errorf("card update = %s (%s), want %s", got.Status, got.LastError, tc.want)
			}
		})
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

// setAnswer makes the fake answer message/send with answer from now on.
func (f *fakeWeComApp) setAnswer(answer string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answer = answer
}

// deliverDue moves the clock to message id's next attempt, if it is
// later, and delivers it.
func (w *cardWorld) deliverDue(t *testing.T, id string) *outbox.Message {
	t.Helper()
	m, err := w.ob.Get(context.Background(), w.admin, id)
	if err != nil {
		t.Fatal(err)
	}
	if wait := m.NextAttemptAt.Sub(w.clock.Now()); wait > 0 {
		w.clock.Advance(wait)
	}
	return w.deliver(t, id)
}

// updateOfSentCard adds a task card and the update of it, as the task's
// fan-out adds it for a card being sent when the task closes.
func (w *cardWorld) updateOfSentCard(t *testing.T) (card, update *outbox.Message) {
	t.Helper()
	card = w.card(t)
	if err := addCardUpdate(context.Background(), w.ob, card, "done"); err != nil {
		t.Fatal(err)
	}
	_, cards := w.updates(t)
	if cards[card.ID] == nil {
		t.Fatalf("no update of card %s", card.ID)
	}
	return card, cards[card.ID]
}

const wecomBusy = `{"errcode":-1,"errmsg":"system busy"}`

// TestCardUpdateWaitsForItsRetriedCard: the update of a card whose send
// keeps failing is tried more often than its attempts allow while the
// card retries; it waits without spending them, and updates the card
// once the card's last retry delivers it.
func TestCardUpdateWaitsForItsRetriedCard(t *testing.T) {
	w := newCardWorld(t, wecomBusy)
	card, update := w.updateOfSentCard(t)

	if got := w.deliver(t, card.ID); got.Status != outbox.StatusFailed {
		t.Fatalf("card's first attempt = %s (%s); want failed", got.Status, got.LastError)
	}
	for i := range 5 { // more than the update's 3 attempts
		got := w.deliverDue(t, update.ID)
		if got.Status != outbox.StatusPending || got.Attempts != 0 {
			t.Fatalf("update, try %d, while its card retries = %s after %d attempts (%s); "+
				"want pending after none", i+1, got.Status, got.Attempts, got.LastError)
		}
	}
	if got := w.deliverDue(t, card.ID); got.Status != outbox.StatusFailed {
		t.Fatalf("card's second attempt = %s; want failed", got.Status)
	}
	w.wecom.setAnswer(`{"errcode":0,"errmsg":"ok","msgid":"M1","response_code":"RC1"}`)
	if got := w.deliverDue(t, card.ID); got.Status != outbox.StatusDelivered {
		t.Fatalf("card's last attempt = %s (%s); want delivered", got.Status, got.LastError)
	}

	got := w.deliverDue(t, update.ID)
	if got.Status != outbox.StatusDelivered || got.Attempts != 1 {
		t.Errorf("update after its card = %s after %d attempts (%s); want delivered after 1",
			got.Status, got.Attempts, got.LastError)
	}
	if diff := cmp.Diff([]string{"RC1"}, w.wecom.updatedCodes()); diff != "" {
		t.Errorf("updated response codes (-want +got):\n%s", diff)
	}
}

// TestCardUpdateGivesUpWithItsDeadCard: the update of a card whose send
// failed for good ends at once, saying why the card died, and calls
// nothing.
func TestCardUpdateGivesUpWithItsDeadCard(t *testing.T) {
	w := newCardWorld(t, wecomBusy)
	card, update := w.updateOfSentCard(t)
	w.deliver(t, card.ID)
	if got := w.deliverDue(t, update.ID); got.Status != outbox.StatusPending {
		t.Fatalf("update while its card retries = %s (%s); want pending", got.Status,
			got.LastError)
	}

	w.wecom.setAnswer(`{"errcode":60020,"errmsg":"not allow to access from your ip"}`)
	if got := w.deliverDue(t, card.ID); got.Status != outbox.StatusDead {
		t.Fatalf("card = %s (%s); want dead", got.Status, got.LastError)
	}
	got := w.deliverDue(t, update.ID)
	if got.Status != outbox.StatusDead || got.Attempts != 1 ||
		!strings.Contains(got.LastError, card.ID) || !strings.Contains(got.LastError, "60020") {
		t.Errorf("update of the dead card = %s after %d attempts (%q); want dead after 1, "+
			"naming the card and its failure", got.Status, got.Attempts, got.LastError)
	}
	if codes := w.wecom.updatedCodes(); len(codes) != 0 {
		t.Errorf("updated response codes %v; want none", codes)
	}
}
