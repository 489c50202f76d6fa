package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/server"
)

// fuzzServer is one server on the test stores for a whole fuzz run: the
// harness is per test, and a fuzz target's inputs share one server.
type fuzzServer struct {
	base string
}

func newFuzzServer(tb testing.TB) *fuzzServer {
	tb.Helper()
	return newServerLogging(tb, testenv.Logger())
}

// newServerLogging is newFuzzServer whose every component logs to log.
func newServerLogging(tb testing.TB, log *slog.Logger) *fuzzServer {
	tb.Helper()
	st, q := testenv.Mongo(tb), testenv.Queue(tb)
	clk := clock.NewManual(time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC))
	accounts := auth.NewAccounts(st, clk, auth.Config{}, log)
	defs := designer.New(st, clk, log)
	rt, err := fwruntime.New(st, q, defs, clk, fwruntime.Config{}, log)
	if err != nil {
		tb.Fatal(err)
	}
	ps := plugins.New(plugins.Config{Store: st, Clock: clk, Log: log,
		SecretKey: []byte("0123456789abcdef0123456789abcdef")})
	srv := server.New(server.Deps{Store: st, Queue: q, Accounts: accounts, Designer: defs,
		Records: rt.Records, Engine: rt.Engine, Outbox: rt.Outbox, Ledger: rt.Ledger,
		Plugins: ps, Clock: clk, Log: log}, server.Options{AuthRateLimit: 10_000})
	ctx := context.Background()
	for _, ensure := range []func(context.Context) error{accounts.EnsureIndexes,
		defs.EnsureIndexes, rt.EnsureIndexes, ps.EnsureIndexes, srv.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			tb.Fatal(err)
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	return &fuzzServer{base: "http://" + ln.Addr().String()}
}

// send makes one call and decodes the answer; a transport error fails tb.
func (s *fuzzServer) send(tb testing.TB, method, path, token string,
	body any) (int, map[string]any) {
	tb.Helper()
	var rd io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		rd = bytes.NewReader(raw)
	}
	hr, _ := http.NewRequest(method, s.base+path, rd)
	hr.Header.Set("Content-Type", "application/json")
	if token != "" {
		hr.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// must is send that insists on a status.
func (s *fuzzServer) must(tb testing.TB, want int, method, path, token string,
	body any) map[string]any {
	tb.Helper()
	got, out := s.send(tb, method, path, token, body)
	if got != want {
		tb.Fatalf("%s %s = %d, want %d: %v", method, path, got, want, out)
	}
	return out
}

// tenantWithLead signs up a tenant, publishes the lead form and submits
// one lead; it returns the owner's token and the record id.
func (s *fuzzServer) tenantWithLead(tb testing.TB, name string) (token, recordID string) {
	tb.Helper()
	email := name + "@example.com"
	s.must(tb, http.StatusCreated, "POST", "/api/v1/signup", "", map[string]any{
		"tenant": name, "name": "Owner", "email": email, "password": testPassword,
		"locale": "en"})
	login := s.must(tb, http.StatusOK, "POST", "/api/v1/auth/login", "",
		map[string]any{"email": email, "password": testPassword})
	token = str(login["token"])
	form := s.must(tb, http.StatusCreated, "POST", "/api/v1/forms", token, leadForm("lead"))
	s.must(tb, http.StatusOK, "POST", "/api/v1/forms/"+str(form["id"])+"/publish", token, nil)
	rec := s.must(tb, http.StatusCreated, "POST", "/api/v1/records", token, map[string]any{
		"form": "lead", "data": map[string]any{"company": "Lianxin", "stage": "new"}})
	return token, str(rec["id"])
}

// listPaths are the list endpoints whose filters come from the query.
var listPaths = []struct{ path, param string }{
	{"/api/v1/records?form=lead", "stage"},
	{"/api/v1/records?form=lead", "owner_id"},
	{"/api/v1/records", "form"},
	{"/api/v1/deliveries", "channel"},
	{"/api/v1/deliveries", "record_id"},
	{"/api/v1/tasks", "assignee"},
	{"/api/v1/forms", "app"},
}

// FuzzOperatorInjection sends MongoDB query operators and dotted keys
// ($ne, $gt, $where, $regex, "a.b", "tenant_id") as every list filter's
// value and name and as keys and values of record bodies. Nothing may
// answer 500, no filter may match more than its literal value would, a
// record keeps its owner, tenant and other fields, and the other tenant's
// data does not change.
func FuzzOperatorInjection(f *testing.F) {
	for _, seed := range [][2]string{
		{"$ne", ""}, {"$gt", ""}, {"$where", "sleep(100) || true"}, {"$regex", ".*"},
		{"$exists", "true"}, {"a.b", "x"}, {"tenant_id", "other"}, {"owner_id", "u1"},
		{"$set", `{"owner_id":"x"}`}, {"data.stage", "won"}, {"_id", "x"}, {"", ""},
		{"stage", `{"$ne":null}`}, {"$in", "[\"new\"]"},
	} {
		f.Add(seed[0], seed[1])
	}
	s := newFuzzServer(f)
	token, id := s.tenantWithLead(f, "victim")
	otherToken, _ := s.tenantWithLead(f, "bystander")
	otherBefore := s.must(f, http.StatusOK, "GET", "/api/v1/records?form=lead", otherToken, nil)

	f.Fuzz(func(t *testing.T, key, value string) {
		checkListFilters(t, s, token, key, value)
		checkRecordBodies(t, s, token, id, key, value)
		otherNow := s.must(t, http.StatusOK, "GET", "/api/v1/records?form=lead", otherToken, nil)
		if fmt.Sprint(otherNow["items"]) != fmt.Sprint(otherBefore["items"]) {
			t.Errorf("the other tenant's records changed: %v", otherNow["items"])
		}
	})
}

// checkListFilters sends value as each filter and key as a bracketed
// filter name: no 500, a literal value matches only itself, and an
// unknown name changes nothing.
func checkListFilters(t *testing.T, s *fuzzServer, token, key, value string) {
	t.Helper()
	for _, lp := range listPaths {
		sep := "?"
		if bytes.ContainsRune([]byte(lp.path), '?') {
			sep = "&"
		}
		base, _ := s.send(t, "GET", lp.path, token, nil)
		literal := lp.path + sep + url.Values{lp.param: {value}}.Encode()
		status, out := s.send(t, "GET", literal, token, nil)
		if status >= 500 || base >= 500 {
			t.Fatalf("GET %s = %d: %v", literal, status, out)
		}
		if status == http.StatusOK && lp.param == "stage" && value != "new" && value != "" {
			if items, _ := out["items"].([]any); len(items) > 0 {
				t.Errorf("stage=%q matched %d records", value, len(items))
			}
		}
		named := lp.path + sep + url.Values{lp.param + "[" + key + "]": {value}}.Encode()
		if status, out := s.send(t, "GET", named, token, nil); status >= 500 {
			t.Fatalf("GET %s = %d: %v", named, status, out)
		}
	}
}

// checkRecordBodies submits and patches records with key and value in
// their data: no 500, and what is stored is the literal data.
func checkRecordBodies(t *testing.T, s *fuzzServer, token, id, key, value string) {
	t.Helper()
	bodies := []map[string]any{
		{"form": "lead", "data": map[string]any{"company": "Lianxin", key: value}},
		{"form": "lead", "data": map[string]any{"company": map[string]any{key: value}}},
		{"form": "lead", "data": map[string]any{"company": "Lianxin"}, key: value},
	}
	for _, b := range bodies {
		status, out := s.send(t, "POST", "/api/v1/records", token, b)
		if status >= 500 {
			t.Fatalf("POST /records %v = %d: %v", b, status, out)
		}
		if status == http.StatusCreated {
			checkLiteral(t, b["data"].(map[string]any), out)
		}
	}

	before := s.must(t, http.StatusOK, "GET", "/api/v1/records/"+id, token, nil)
	patch := map[string]any{"data": map[string]any{key: value}, "version": before["version"]}
	status, out := s.send(t, "PATCH", "/api/v1/records/"+id, token, patch)
	if status >= 500 {
		t.Fatalf("PATCH %v = %d: %v", patch, status, out)
	}
	after := s.must(t, http.StatusOK, "GET", "/api/v1/records/"+id, token, nil)
	for _, field := range []string{"owner_id", "form", "id"} {
		if after[field] != before[field] {
			t.Errorf("PATCH with %q changed %s: %v → %v", key, field, before[field], after[field])
		}
	}
	if key != "company" {
		a, _ := after["data"].(map[string]any)
		if a["company"] != "Lianxin" {
			t.Errorf("PATCH with %q changed company to %v", key, a["company"])
		}
	}
}

// checkLiteral checks that a created record's data holds sent as sent:
// keys with "$" or "." stay plain keys, values stay plain values.
func checkLiteral(t *testing.T, sent map[string]any, created map[string]any) {
	t.Helper()
	got, _ := created["data"].(map[string]any)
	for k, v := range sent {
		if v == "" {
			continue // an empty text is no answer, and is not stored
		}
		if fmt.Sprint(got[k]) != fmt.Sprint(v) {
			t.Errorf("stored data[%q] = %v, sent %v", k, got[k], v)
		}
	}
}
