package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/runtime/outbox"
	"github.com/formworkhq/formwork/server"
	"github.com/formworkhq/formwork/web"
)

// pluginHarness is a harness whose plugins may reach 127.0.0.1 (the
// fake vendors of these tests) and whose logs, at debug level, are kept.
func pluginHarness(t *testing.T) (*harness, *plugins.Service, *lockedBuffer) {
	t.Helper()
	h := &harness{t: t, clock: clock.NewManual(time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)),
		store: testenv.Mongo(t), queue: testenv.Queue(t)}
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	accounts := auth.NewAccounts(h.store, h.clock, auth.Config{}, log)
	definitions := designer.New(h.store, h.clock, log)
	rt, err := fwruntime.New(h.store, h.queue, definitions, h.clock, fwruntime.Config{}, log)
	if err != nil {
		t.Fatal(err)
	}
	h.rt = rt
	ps := plugins.New(plugins.Config{Store: h.store, Clock: h.clock, Log: log,
		SecretKey: []byte("0123456789abcdef0123456789abcdef"), AllowHosts: []string{"127.0.0.1"}})
	h.srv = server.New(server.Deps{Store: h.store, Queue: h.queue, Accounts: accounts,
		Designer: definitions, Records: rt.Records, Engine: rt.Engine, Outbox: rt.Outbox,
		Ledger: rt.Ledger, Plugins: ps, Clock: h.clock, Log: log, Web: web.Dist(),
		Templates:    templateLibrary(t, h.store, definitions, rt),
		AdvanceClock: rt.AdvanceClock}, server.Options{AuthRateLimit: 10_000})

	ctx := context.Background()
	for _, ensure := range []func(context.Context) error{accounts.EnsureIndexes,
		definitions.EnsureIndexes, rt.EnsureIndexes, ps.EnsureIndexes, h.srv.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			t.Fatal(err)
		}
	}
	h.listen()
	return h, ps, logs
}

// customerForm publishes a form "customer" keyed by customer_no.
func customerForm(h *harness, a account) {
	h.t.Helper()
	text := func(name, en string) map[string]any {
		return map[string]any{"name": name, "kind": "text", "label": map[string]string{"en": en}}
	}
	form := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/forms",
		token: a.token, body: map[string]any{"key": "customer", "app": "sales",
			"name": map[string]string{"en": "Customer", "zh-CN": "客户"},
			"schema": map[string]any{"type": "object", "required": []string{"customer_no", "name"},
				"properties": map[string]any{
					"customer_no": map[string]any{"type": "string", "minLength": 1},
					"name":        map[string]any{"type": "string", "minLength": 2}}},
			"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
				text("customer_no", "Number"), text("name", "Name")}}}}}})
	h.must(http.StatusOK, req{method: "POST", token: a.token,
		path: "/api/v1/forms/" + str(form.body["id"]) + "/publish"})
}

// erp is a fake Kingdee that checks paths and cookies and serves customers.
type erp struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	logins int
	bodies []string
	rows   [][]any // FName, FNumber
}

func newERP(t *testing.T, rows [][]any) *erp {
	e := &erp{t: t, rows: rows}
	e.srv = httptest.NewServer(http.HandlerFunc(e.serve))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *erp) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.bodies = append(e.bodies, string(raw))
	const stub = "/k3cloud/Kingdee.BOS.WebApi.ServicesStub."
	switch r.URL.Path {
	case stub + "AuthService.LoginByAppSecret.common.kdsvc":
		e.logins++
		http.SetCookie(w, &http.Cookie{Name: "kdservice-sessionid", Value: "s-1"})
		io.WriteString(w, `{"LoginResultType":1,"KDSVCSessionId":"s-1","IsSuccessByAPI":true}`)
	case stub + "DynamicFormService.ExecuteBillQuery.common.kdsvc":
		if ck, err := r.Cookie("kdservice-sessionid"); err != nil || ck.Value != "s-1" {
			e.t.Errorf("query without the session cookie: %q", r.Header.Get("Cookie"))
		}
		var body struct {
			Data struct {
				FieldKeys, FilterString string
				StartRow, Limit         int
			} `json:"data"`
		}
		_ = json.Unmarshal(raw, &body)
		if body.Data.FilterString != "" { // a push looking its number up: not there yet
			io.WriteString(w, "[]")
			return
		}
		if body.Data.FieldKeys != "FName,FNumber" {
			e.t.Errorf("FieldKeys = %q", body.Data.FieldKeys)
		}
		end := min(body.Data.StartRow+body.Data.Limit, len(e.rows))
		b, _ := json.Marshal(e.rows[min(body.Data.StartRow, end):end])
		w.Write(b)
	case stub + "DynamicFormService.Save.common.kdsvc":
		io.WriteString(w, `{"Result":{"ResponseStatus":{"IsSuccess":true,"Errors":[],`+
			`"SuccessEntitys":[{"Id":100001,"Number":"C9","DIndex":0}],"MsgCode":0},`+
			`"Id":100001,"Number":"C9"}}`)
	default:
		e.t.Errorf("unexpected path %s", r.URL.Path)
		w.WriteHeader(http.StatusNotFound)
	}
}

const erpSecret = "kd-APPSECRET-seeded-77e1"

// TestPullKingdeeIntoForm configures the Kingdee connector, pulls two
// pages of customers into a form by customer number, pulls again
// (nothing changes), and checks refusals, other tenants and secrets.
func TestPullKingdeeIntoForm(t *testing.T) {
	h, _, logs := pluginHarness(t)
	a, intruder := h.signup("en"), h.signup("zh-CN")
	customerForm(h, a)
	kd := newERP(t, [][]any{{"华东贸易", "C001"}, {"西南物流", "C002"}, {"X", "C003"}})

	inst := h.must(http.StatusCreated, req{method: "POST", token: a.token,
		path: "/api/v1/plugins/kingdee/instances", body: map[string]any{"key": "erp",
			"settings": map[string]any{
				"server_url": kd.srv.URL + "/k3cloud/", "acct_id": "6500a1", "username": "api",
				"app_id": "app_1", "app_secret": erpSecret,
				"field_map": map[string]any{"customer": map[string]any{"FNumber": "customer_no",
					"FName": "name"}}}}})
	pull := "/api/v1/plugins/instances/" + str(inst.body["id"]) + "/pull"
	in := map[string]any{"form": "customer", "key_field": "customer_no", "limit": 2}

	first := h.must(http.StatusOK, req{method: "POST", path: pull, token: a.token, body: in})
	if first.body["created"] != 2.0 || first.body["next"] != "2" {
		t.Errorf("first page = %s", first.raw)
	}
	in["cursor"] = "2"
	second := h.must(http.StatusOK, req{method: "POST", path: pull, token: a.token, body: in})
	rows, _ := second.body["rows"].([]any)
	if second.body["failed"] != 1.0 || len(rows) != 1 || second.body["next"] != nil {
		t.Errorf("second page = %s", second.raw)
	} else if msg := rows[0].(map[string]any)["error"]; msg == nil {
		t.Errorf("refused row carries no reason: %s", second.raw)
	}
	delete(in, "cursor")
	again := h.must(http.StatusOK, req{method: "POST", path: pull, token: a.token, body: in})
	if again.body["unchanged"] != 2.0 || again.body["created"] != 0.0 {
		t.Errorf("pulling again = %s, want two unchanged", again.raw)
	}
	if kd.logins != 1 {
		t.Errorf("three pulls logged in %d times, want 1", kd.logins)
	}

	for name, r := range map[string]req{
		"limit over 2000": {method: "POST", path: pull, token: a.token,
			body: map[string]any{"form": "customer", "key_field": "customer_no", "limit": 2001}},
		"key not mapped": {method: "POST", path: pull, token: a.token,
			body: map[string]any{"form": "customer", "key_field": "email"}},
	} {
		if res := h.do(r); res.status != http.StatusUnprocessableEntity {
			t.Errorf("%s = %d %s, want 422", name, res.status, res.raw)
		}
	}
	if res := h.do(req{method: "POST", path: pull, token: intruder.token, body: in}); res.status !=
		http.StatusNotFound {
		t.Errorf("another tenant's pull = %d, want 404", res.status)
	}

	h.must(http.StatusOK, req{method: "DELETE", path: "/api/v1/plugins/instances/" +
		str(inst.body["id"]), token: a.token})
	if res := h.do(req{method: "POST", path: pull, token: a.token, body: in}); res.status !=
		http.StatusConflict {
		t.Errorf("pulling a disabled connector = %d %s, want 409", res.status, res.raw)
	}

	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/plugins/instances",
		token: a.token})
	for _, seen := range []string{string(inst.raw), string(first.raw), string(list.raw),
		logs.String()} {
		if strings.Contains(seen, erpSecret) {
			t.Errorf("the app secret shows: %.300s", seen)
		}
	}
	if !strings.Contains(kd.bodies[0], erpSecret) {
		t.Error("the login did not send the app secret")
	}
}

// TestPluginListShowsContracts lists actions with their schemas and a
// connector's objects.
func TestPluginListShowsContracts(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/plugins", token: a.token})
	items, _ := res.body["items"].([]any)
	for _, it := range items {
		p := it.(map[string]any)
		if p["name"] != "kingdee" {
			continue
		}
		got := fmt.Sprintf("%v %d %d", p["kind"], len(p["actions"].([]any)),
			len(p["objects"].([]any)))
		if got != "connector 2 2" {
			t.Errorf("kingdee = %s, want a connector with 2 actions and 2 objects", got)
		}
		return
	}
	t.Errorf("kingdee is not listed: %s", res.raw)
}

// TestCallActionThroughOutbox delivers call_action messages the way the
// runtime will once it routes them to plugins.ActionChannel: a valid input
// saves the customer in Kingdee and records its id; an input the action's
// schema refuses dies at once with the reason, calling nothing.
func TestCallActionThroughOutbox(t *testing.T) {
	h, ps, _ := pluginHarness(t)
	a := h.signup("en")
	kd := newERP(t, nil)
	h.must(http.StatusCreated, req{method: "POST", token: a.token,
		path: "/api/v1/plugins/kingdee/instances", body: map[string]any{"key": "erp",
			"settings": map[string]any{"server_url": kd.srv.URL + "/k3cloud/",
				"acct_id": "6500a1", "username": "api", "app_id": "app_1",
				"app_secret": erpSecret, "field_map": map[string]any{"customer": map[string]any{
					"FNumber": "customer_no", "FName": "name"}}}}})
	h.rt.Outbox.RegisterSender(plugins.ActionChannel, ps.ActionSender())
	owner := auth.Principal{TenantID: a.tenantID, UserID: a.userID,
		Roles: []auth.Role{auth.Owner}}
	ctx := context.Background()
	call := func(key string, input map[string]any) *outbox.Message {
		t.Helper()
		m, err := h.rt.Outbox.Add(ctx, a.tenantID, outbox.Message{DedupeKey: key,
			Channel: plugins.ActionChannel, Kind: outbox.KindCallAction,
			Payload: map[string]any{"plugin": "erp", "action": "save_customer",
				"input": input}})
		if err != nil {
			t.Fatal(err)
		}
		if err := h.rt.Outbox.Deliver(ctx, a.tenantID, m.ID); err != nil {
			t.Fatal(err)
		}
		got, err := h.rt.Outbox.Get(ctx, owner, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	ok := call("a1", map[string]any{"customer_no": "C9", "name": "新客户"})
	if ok.Status != outbox.StatusDelivered || ok.VendorID != "100001" {
		t.Errorf("save_customer = %s %q (%s), want delivered as 100001", ok.Status,
			ok.VendorID, ok.LastError)
	}
	if n := len(kd.bodies); n == 0 || !strings.Contains(kd.bodies[n-1], `"FNumber":"C9"`) {
		t.Errorf("saved bodies = %s", kd.bodies)
	}

	calls := len(kd.bodies)
	bad := call("a2", map[string]any{})
	if bad.Status != outbox.StatusDead || !strings.Contains(bad.LastError, "/input") {
		t.Errorf("empty input = %s (%s), want dead naming the input", bad.Status, bad.LastError)
	}
	if len(kd.bodies) != calls {
		t.Error("an invalid input reached Kingdee")
	}
}
