package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/server"
)

// hubHarness is a harness whose server has a data hub, which the shared
// harness does not build yet.
type hubHarness struct {
	*harness
	hub *datahub.Service
}

func newHubHarness(t *testing.T, cfg datahub.Config) *hubHarness {
	t.Helper()
	h := &harness{t: t, clock: clock.NewManual(time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)),
		store: testenv.Mongo(t), queue: testenv.Queue(t)}
	log := testenv.Logger()
	accounts := auth.NewAccounts(h.store, h.clock, auth.Config{}, log)
	definitions := designer.New(h.store, h.clock, log)
	rt, err := fwruntime.New(h.store, h.queue, definitions, h.clock, fwruntime.Config{}, log)
	if err != nil {
		t.Fatal(err)
	}
	h.rt = rt
	ps := plugins.New(plugins.Config{Store: h.store, Clock: h.clock, Log: log,
		SecretKey: []byte("0123456789abcdef0123456789abcdef")})
	cfg.Dir = t.TempDir()
	hub := datahub.New(h.store, rt.Records, h.clock, cfg, log)
	t.Cleanup(hub.Shutdown)
	h.srv = server.New(server.Deps{Store: h.store, Queue: h.queue, Accounts: accounts,
		Designer: definitions, Records: rt.Records, Engine: rt.Engine, Outbox: rt.Outbox,
		Ledger: rt.Ledger, Plugins: ps, Clock: h.clock, Log: log, DataHub: hub,
		Insights:     rt.Insights,
		AdvanceClock: rt.AdvanceClock}, server.Options{AuthRateLimit: 10_000})

	ctx := context.Background()
	for _, ensure := range []func(context.Context) error{accounts.EnsureIndexes,
		definitions.EnsureIndexes, rt.EnsureIndexes, ps.EnsureIndexes, hub.EnsureIndexes,
		h.srv.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			t.Fatal(err)
		}
	}
	h.listen()
	return &hubHarness{harness: h, hub: hub}
}

// accountFormBody is a customer account filled by CRM, ERP and finance.
func accountFormBody() map[string]any {
	field := func(name, kind, en, zh string) map[string]any {
		return map[string]any{"name": name, "kind": kind,
			"label": map[string]string{"en": en, "zh-CN": zh}}
	}
	money := map[string]any{"type": "number", "minimum": 0, "multipleOf": 0.01}
	return map[string]any{
		"key": "account", "name": map[string]string{"en": "Account", "zh-CN": "客户"},
		"app": "sales",
		"schema": map[string]any{"type": "object", "required": []string{"customer_id", "name"},
			"properties": map[string]any{
				"customer_id": map[string]any{"type": "string", "minLength": 1},
				"name":        map[string]any{"type": "string", "minLength": 1},
				"credit":      money, "overdue": money}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			field("customer_id", "text", "Customer ID", "客户编号"),
			field("name", "text", "Name", "客户名称"),
			field("credit", "money", "Credit limit", "信用额度"),
			field("overdue", "money", "Overdue", "逾期金额"),
		}}}},
	}
}

func (h *hubHarness) publishAccount(a account) {
	h.t.Helper()
	res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/forms",
		token: a.token, body: accountFormBody()})
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/forms/" + str(res.body["id"]) +
		"/publish", token: a.token})
}

// upload posts a file as multipart form data.
func (h *hubHarness) upload(token, name string, content []byte, fields map[string]string,
	lang string) response {
	h.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		h.t.Fatal(err)
	}
	_, _ = fw.Write(content)
	_ = mw.Close()

	hr, _ := http.NewRequest("POST", h.base+"/api/v1/imports", &body)
	hr.Header.Set("Content-Type", mw.FormDataContentType())
	hr.Header.Set("Authorization", "Bearer "+token)
	hr.Header.Set("Accept-Language", lang)
	return h.send(hr)
}

func (h *hubHarness) send(hr *http.Request) response {
	h.t.Helper()
	res, err := http.DefaultClient.Do(hr)
	if err != nil && errors.Is(err, syscall.ECONNRESET) {
		// The server answered a body over its limit and closed the
		// connection before the client finished writing it.
		return response{status: http.StatusRequestEntityTooLarge,
			body: map[string]any{"code": "request.body_too_large"}}
	}
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, header: res.Header, raw: raw}
	_ = json.Unmarshal(raw, &out.body)
	return out
}

// start posts a check or run and waits for its pass to end.
func (h *hubHarness) start(token, id, action string, body map[string]any) response {
	h.t.Helper()
	h.must(http.StatusAccepted, req{method: "POST", path: "/api/v1/imports/" + id + "/" +
		action, token: token, body: body})
	h.hub.Wait(id)
	return h.must(http.StatusOK, req{method: "GET", path: "/api/v1/imports/" + id,
		token: token})
}

func progress(res response) map[string]any {
	p, _ := res.body["progress"].(map[string]any)
	return p
}

func TestImportOverHTTPMergesAndReports(t *testing.T) {
	h := newHubHarness(t, datahub.Config{})
	a := h.signup("zh-CN")
	h.publishAccount(a)

	crm := h.upload(a.token, "crm.csv", []byte("客户编号,客户名称\nC-1,华为\nC-2,\n"),
		map[string]string{"form": "account"}, "zh-CN")
	if crm.status != http.StatusCreated {
		t.Fatalf("upload = %d %s", crm.status, crm.raw)
	}
	id := str(crm.body["id"])
	want := map[string]any{"客户编号": "customer_id", "客户名称": "name"}
	if fmt.Sprint(crm.body["suggested_mapping"]) != fmt.Sprint(want) {
		t.Errorf("suggested = %v", crm.body["suggested_mapping"])
	}

	run := map[string]any{"mapping": want, "key_field": "customer_id"}
	refused := h.start(a.token, id, "run", run)
	if str(refused.body["status"]) != "refused" {
		t.Fatalf("all-or-nothing = %s", refused.raw)
	}
	errView, _ := refused.body["error"].(map[string]any)
	if !strings.Contains(str(errView["message"]), "1 行未通过校验") {
		t.Errorf("refusal message = %v", errView)
	}
	issues := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/imports/" + id +
		"/issues", token: a.token})
	items, _ := issues.body["items"].([]any)
	if len(items) != 1 || str(items[0].(map[string]any)["column"]) != "客户名称" {
		t.Errorf("issues = %s", issues.raw)
	}

	run["mode"] = "valid_rows"
	done := h.start(a.token, id, "run", run)
	if str(done.body["status"]) != "imported" || progress(done)["created"] != 1.0 {
		t.Fatalf("valid rows = %s", done.raw)
	}

	erp := h.upload(a.token, "erp.csv", []byte("Customer ID,Credit limit\nC-1,5000\n"),
		map[string]string{"form": "account"}, "en")
	merged := h.start(a.token, str(erp.body["id"]), "run", map[string]any{
		"mapping":   map[string]any{"Customer ID": "customer_id", "Credit limit": "credit"},
		"key_field": "customer_id"})
	if progress(merged)["merged"] != 1.0 || progress(merged)["percent"] != 100.0 {
		t.Errorf("erp = %s", merged.raw)
	}
	// A finished import can be deleted; a deleted one is gone.
	h.must(http.StatusNoContent, req{method: "DELETE",
		path: "/api/v1/imports/" + str(erp.body["id"]), token: a.token})
	h.must(http.StatusNotFound, req{method: "GET",
		path: "/api/v1/imports/" + str(erp.body["id"]), token: a.token})
	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records?form=account",
		token: a.token})
	recs, _ := list.body["items"].([]any)
	if len(recs) != 1 {
		t.Fatalf("records = %s", list.raw)
	}
	data := recs[0].(map[string]any)["data"].(map[string]any)
	if data["name"] != "华为" || data["credit"] != 5000.0 {
		t.Errorf("merged record = %v", data)
	}
}

func TestImportDownloadsAndExports(t *testing.T) {
	h := newHubHarness(t, datahub.Config{})
	a := h.signup("en")
	h.publishAccount(a)
	up := h.upload(a.token, "crm.csv", []byte("id,name\nC-1,=1+2\nC-2,\n"),
		map[string]string{"form": "account"}, "en")
	id := str(up.body["id"])
	h.start(a.token, id, "run", map[string]any{"mapping": map[string]any{
		"id": "customer_id", "name": "name"}, "key_field": "customer_id", "mode": "valid_rows"})

	report := h.do(req{method: "GET", path: "/api/v1/imports/" + id + "/issues?format=csv",
		token: a.token})
	rows := readCSV(t, report.raw)
	if report.status != http.StatusOK || len(rows) != 2 || rows[0][0] != "Row" ||
		rows[1][0] != "3" || rows[1][2] != "name" {
		t.Errorf("report = %d %q", report.status, rows)
	}
	book := h.do(req{method: "GET", path: "/api/v1/imports/" + id + "/issues?format=xlsx",
		token: a.token})
	if !bytes.HasPrefix(book.raw, []byte("PK")) {
		t.Errorf("xlsx report = %d %.100s", book.status, book.raw)
	}

	export := h.do(req{method: "GET", path: "/api/v1/exports/records?form=account",
		token: a.token, headers: map[string]string{"Accept-Language": "zh-CN"}})
	rows = readCSV(t, export.raw)
	if len(rows) != 2 || rows[0][1] != "客户编号" || rows[1][2] != "'=1+2" {
		t.Errorf("export = %d %q", export.status, rows)
	}
	h.must(http.StatusBadRequest, req{method: "GET",
		path: "/api/v1/exports/records?format=pdf", token: a.token})
}

func TestDashboardExport(t *testing.T) {
	h := newHubHarness(t, datahub.Config{})
	a := h.signup("zh-CN")
	dash := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/dashboards",
		token: a.token, body: taskDashboard("tasks")})
	id := str(dash.body["id"])
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/dashboards/" + id + "/publish",
		token: a.token})

	res := h.do(req{method: "GET", path: "/api/v1/dashboards/" + id + "/export",
		token: a.token})
	rows := readCSV(t, res.raw)
	if res.status != http.StatusOK || len(rows) < 2 || rows[0][0] != "组件" ||
		rows[1][2] != "合计" {
		t.Errorf("export = %d %q", res.status, rows)
	}
	book := h.do(req{method: "GET", path: "/api/v1/dashboards/" + id + "/export?format=xlsx",
		token: a.token})
	if !bytes.HasPrefix(book.raw, []byte("PK")) {
		t.Errorf("xlsx = %d %.200s", book.status, book.raw)
	}
}

func readCSV(t *testing.T, raw []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw,
		[]byte{0xEF, 0xBB, 0xBF}))).ReadAll()
	if err != nil {
		t.Fatalf("%v: %.200s", err, raw)
	}
	return rows
}

func TestImportRefusesBadFilesWithProblems(t *testing.T) {
	h := newHubHarness(t, datahub.Config{MaxBytes: 4 << 10})
	a := h.signup("en")
	h.publishAccount(a)
	tests := []struct {
		name    string
		file    string
		content []byte
		status  int
		code    string
	}{
		{"over the import limit", "big.csv", bytes.Repeat([]byte("x,y\n"), 4000),
			http.StatusRequestEntityTooLarge, "import.too_large"},
		{"over the body limit", "huge.csv", bytes.Repeat([]byte("x,y\n"), 1<<20),
			http.StatusRequestEntityTooLarge, "request.body_too_large"},
		{"not an xlsx", "book.xlsx", []byte("id,name\n"), http.StatusUnprocessableEntity,
			"import.not_xlsx"},
		{"unknown form", "a.csv", []byte("id\n1\n"), http.StatusUnprocessableEntity,
			"request.invalid_fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := "account"
			if tt.name == "unknown form" {
				form = "nope"
			}
			res := h.upload(a.token, tt.file, tt.content, map[string]string{"form": form}, "en")
			if res.status != tt.status || str(res.body["code"]) != tt.code {
				t.Errorf("= %d %s, want %d %s", res.status, res.raw, tt.status, tt.code)
			}
		})
	}

	up := h.upload(a.token, "a.csv", []byte("id,name\nC-1,A\n"),
		map[string]string{"form": "account"}, "en")
	res := h.must(http.StatusUnprocessableEntity, req{method: "POST",
		path: "/api/v1/imports/" + str(up.body["id"]) + "/check", token: a.token,
		body: map[string]any{"mapping": map[string]any{"id": "customer_id", "name": "missing"},
			"key_field": "customer_id"}})
	if fieldErrors(res)["/mapping/name"] != "unknown_field" {
		t.Errorf("mapping to a missing field = %s", res.raw)
	}
}

func TestActivityBatchOverHTTP(t *testing.T) {
	h := newHubHarness(t, datahub.Config{})
	a := h.signup("zh-CN")
	h.publishAccount(a)
	rec := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "account",
			"data": map[string]any{"customer_id": "C-7", "name": "Seven"}}})
	batch := map[string]any{"events": []any{
		map[string]any{"event_id": "crm-1", "record_id": str(rec.body["id"]), "kind": "call",
			"duration_s": 320},
		map[string]any{"event_id": "doc-1", "form": "account", "key_field": "customer_id",
			"key": "C-7", "kind": "document_opened", "source": "docs"},
		map[string]any{"event_id": "bad-1", "record_id": str(rec.body["id"]), "kind": "edited"},
	}}

	res := h.must(http.StatusOK, req{method: "POST", path: "/api/v1/activities/batch",
		token: a.token, body: batch})
	if res.body["logged"] != 2.0 || res.body["errors"] != 1.0 {
		t.Fatalf("batch = %s", res.raw)
	}
	results, _ := res.body["results"].([]any)
	bad := results[2].(map[string]any)
	if str(bad["status"]) != "error" || !strings.Contains(string(res.raw), "由系统自动记录") {
		t.Errorf("bad event = %v", bad)
	}

	again := h.must(http.StatusOK, req{method: "POST", path: "/api/v1/activities/batch",
		token: a.token, body: batch})
	if again.body["duplicates"] != 2.0 || again.body["logged"] != 0.0 {
		t.Errorf("resent batch = %s", again.raw)
	}
	h.must(http.StatusUnprocessableEntity, req{method: "POST",
		path: "/api/v1/activities/batch", token: a.token, body: map[string]any{"events": []any{}}})
}

// TestDataHubRoutesAreIsolatedAndGuarded runs the checks of the shared
// tenancy and role tests over the data hub's routes, which the shared
// harness does not serve yet.
func TestDataHubRoutesAreIsolatedAndGuarded(t *testing.T) {
	h := newHubHarness(t, datahub.Config{})
	victim, intruder := h.signup("en"), h.signup("en")
	h.publishAccount(victim)
	up := h.upload(victim.token, "a.csv", []byte("id,name\nC-1,A\n"),
		map[string]string{"form": "account"}, "en")
	_, repToken := h.addUser(victim, auth.Rep)
	dash := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/dashboards",
		token: victim.token, body: taskDashboard("tasks")})
	fixtures := map[string]string{"import": str(up.body["id"]), "dashboard": str(dash.body["id"])}

	for _, r := range h.srv.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/imports") &&
			!strings.HasPrefix(r.Path, "/api/v1/exports") &&
			r.Path != "/api/v1/activities/batch" && r.Path != "/api/v1/dashboards/{id}/export" {
			continue
		}
		path := fillPath(r.Path, fixtures[r.Object])
		if strings.Contains(r.Path, "{") {
			if fixtures[r.Object] == "" {
				t.Errorf("%s %s: object = %q", r.Method, r.Path, r.Object)
			}
			res := h.do(req{method: r.Method, path: path, token: intruder.token,
				body: bodyFor(r.Method)})
			if res.status != http.StatusNotFound {
				t.Errorf("%s %s by another tenant = %d %s", r.Method, r.Path, res.status, res.raw)
			}
		}
		res := h.do(req{method: r.Method, path: path, token: repToken, body: bodyFor(r.Method)})
		forbidden := res.status == http.StatusForbidden
		if forbidden == (r.Perm == "" || auth.Can([]auth.Role{auth.Rep}, r.Perm)) {
			t.Errorf("%s %s as rep = %d %s", r.Method, r.Path, res.status, res.raw)
		}
	}

	doc := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/openapi.json"})
	for _, p := range []string{"/api/v1/imports/{id}/run", "/api/v1/activities/batch",
		"/api/v1/exports/records", "/api/v1/dashboards/{id}/export"} {
		if !strings.Contains(string(doc.raw), `"`+p+`"`) {
			t.Errorf("OpenAPI document lacks %s", p)
		}
	}
}

func TestImportedRecordsStartProcessesLikeSubmissions(t *testing.T) {
	h := newHubHarness(t, datahub.Config{})
	a := h.signup("en")
	h.publishAccount(a)
	body := responseProcess("account_follow_up", "account", "2h")
	nodes := body["graph"].(map[string]any)["nodes"].([]any)
	nodes[3].(map[string]any)["config"].(map[string]any)["message"] = map[string]string{
		"en": "{{record.name}} waits for you", "zh-CN": "{{record.name}} 等待您跟进"}
	proc := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/processes",
		token: a.token, body: body})
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/processes/" +
		str(proc.body["id"]) + "/publish", token: a.token})

	up := h.upload(a.token, "crm.csv", []byte("id,name\nC-1,Acme\nC-2,Beta\n"),
		map[string]string{"form": "account"}, "en")
	mapping := map[string]any{"mapping": map[string]any{"id": "customer_id", "name": "name"},
		"key_field": "customer_id"}
	h.start(a.token, str(up.body["id"]), "run", mapping)

	tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks", token: a.token})
	if items, _ := tasks.body["items"].([]any); len(items) != 2 {
		t.Errorf("tasks after importing two accounts = %s", tasks.raw)
	}

	// Merging rows into them starts nothing new.
	again := h.upload(a.token, "erp.csv", []byte("id,credit\nC-1,10\n"),
		map[string]string{"form": "account"}, "en")
	h.start(a.token, str(again.body["id"]), "run", map[string]any{
		"mapping":   map[string]any{"id": "customer_id", "credit": "credit"},
		"key_field": "customer_id"})
	tasks = h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks", token: a.token})
	if items, _ := tasks.body["items"].([]any); len(items) != 2 {
		t.Errorf("tasks after a merge = %s", tasks.raw)
	}
}
