package datahub_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/record"
)

// hub is a data hub on the test store with one tenant and its implementer.
type hub struct {
	t       testing.TB
	ctx     context.Context
	store   *mongo.Store
	recs    *record.Service
	svc     *datahub.Service
	clk     *clock.Manual
	p       auth.Principal
	dir     string
	created int // record created events
}

func newHub(t testing.TB, cfg datahub.Config) *hub {
	t.Helper()
	ctx := context.Background()
	store := testenv.Mongo(t)
	clk := clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	d := designer.New(store, clk, testenv.Logger())
	recs := record.New(store, d, clk, testenv.Logger())
	if cfg.Dir == "" {
		cfg.Dir = t.TempDir()
	}
	svc := datahub.New(store, recs, clk, cfg, testenv.Logger())
	t.Cleanup(svc.Shutdown)
	for _, ensure := range []func(context.Context) error{d.EnsureIndexes, recs.EnsureIndexes,
		svc.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			t.Fatal(err)
		}
	}

	h := &hub{t: t, ctx: ctx, store: store, recs: recs, svc: svc, clk: clk, dir: cfg.Dir}
	h.p = h.user(ids.NewGenerator(clk), "tenant_a", auth.Implementer)
	recs.Subscribe(func(_ context.Context, e record.Event) {
		if e.Kind == record.EventCreated {
			h.created++
		}
	})
	h.publish(d, "account", accountForm())
	return h
}

func (h *hub) user(gen *ids.Generator, tenant string, role auth.Role) auth.Principal {
	h.t.Helper()
	u := &auth.User{ID: gen.New(), Email: gen.New() + "@example.com", Name: "Test",
		Roles: []auth.Role{role}, Version: 1}
	if err := h.store.Scope(tenant).C(auth.UsersCollection).InsertOne(h.ctx, u); err != nil {
		h.t.Fatal(err)
	}
	return auth.Principal{TenantID: tenant, UserID: u.ID, Roles: u.Roles}
}

// accountForm is a customer account filled by several systems.
func accountForm() map[string]any {
	return map[string]any{
		"schema": map[string]any{"type": "object", "required": []string{"customer_id", "name"},
			"properties": map[string]any{
				"customer_id": map[string]any{"type": "string", "minLength": 1},
				"name":        map[string]any{"type": "string", "minLength": 1},
				"site":        map[string]any{"type": "string"},
				"credit":      map[string]any{"type": "number", "minimum": 0, "multipleOf": 0.01},
				"overdue":     map[string]any{"type": "number", "minimum": 0, "multipleOf": 0.01},
			}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			map[string]any{"name": "customer_id", "kind": "text",
				"label": map[string]string{"en": "Customer ID", "zh-CN": "客户编号"}},
			map[string]any{"name": "name", "kind": "text",
				"label": map[string]string{"en": "Name", "zh-CN": "客户名称"}},
			map[string]any{"name": "site", "kind": "text",
				"label": map[string]string{"en": "Website", "zh-CN": "网站"}},
			map[string]any{"name": "credit", "kind": "money",
				"label": map[string]string{"en": "Credit limit", "zh-CN": "信用额度"}},
			map[string]any{"name": "overdue", "kind": "money",
				"label": map[string]string{"en": "Overdue", "zh-CN": "逾期金额"}},
		}}}},
	}
}

func (h *hub) publish(d *designer.Service, key string, content map[string]any) {
	h.t.Helper()
	b, _ := json.Marshal(content)
	def, _, err := d.Create(h.ctx, h.p, designer.KindForm,
		designer.Meta{Key: key, Name: designer.Text{"en": key}}, b)
	if pe, ok := problem.As(err); ok {
		h.t.Fatalf("creating %s: %v %+v", key, err, pe.Fields)
	}
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := d.Publish(h.ctx, h.p, designer.KindForm, def.ID); err != nil {
		h.t.Fatal(err)
	}
}

func (h *hub) upload(name, content string) *datahub.Job {
	h.t.Helper()
	j, err := h.svc.Upload(h.ctx, h.p, datahub.UploadInput{Form: "account", FileName: name,
		Size: int64(len(content)), Body: strings.NewReader(content)})
	if err != nil {
		pe, _ := problem.As(err)
		h.t.Fatalf("upload %s: %v %+v", name, err, pe)
	}
	return j
}

// finish waits for the job's pass and returns the job.
func (h *hub) finish(j *datahub.Job, err error) *datahub.Job {
	h.t.Helper()
	if err != nil {
		pe, _ := problem.As(err)
		h.t.Fatalf("%v %+v", err, pe.Fields)
	}
	h.svc.Wait(j.ID)
	got, err := h.svc.Get(h.ctx, h.p, j.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return got
}

func (h *hub) run(j *datahub.Job, mapping string, mode datahub.Mode) *datahub.Job {
	h.t.Helper()
	return h.finish(h.svc.Run(h.ctx, h.p, j.ID, datahub.RunInput{
		Mapping: json.RawMessage(mapping), KeyField: "customer_id", Mode: mode}))
}

func (h *hub) records(t *testing.T) map[string]map[string]any {
	t.Helper()
	page, err := h.recs.List(h.ctx, h.p, record.Query{Form: "account"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for _, r := range page.Items {
		out[r.Data["customer_id"].(string)] = r.Data
	}
	return out
}

func TestImportsOfSeveralSystemsMergeByCustomer(t *testing.T) {
	h := newHub(t, datahub.Config{})
	crm := h.upload("crm.csv", "客户编号,客户名称,网站\nC-1,华为,=HYPERLINK(\"x\")\nC-2,Acme,\n")
	if diff := cmp.Diff(datahub.Mapping{{Column: "客户编号", Field: "customer_id"},
		{Column: "客户名称", Field: "name"}, {Column: "网站", Field: "site"}},
		crm.Suggested); diff != "" {
		t.Errorf("suggested mapping (-want +got):\n%s", diff)
	}
	got := h.run(crm, `{"客户编号":"customer_id","客户名称":"name","网站":"site"}`, "")
	if got.Status != datahub.StatusImported || got.Progress.Created != 2 {
		t.Fatalf("crm import = %s %+v", got.Status, got.Progress)
	}

	erp := h.upload("erp.csv", "Customer ID,Credit limit\nC-1,\"5,000\"\nC-2,800\n")
	h.run(erp, `{"Customer ID":"customer_id","Credit limit":"credit"}`, "")
	fin := h.upload("fin.csv", "Customer ID,Overdue\nC-1,120.5\n")
	got = h.run(fin, `{"Customer ID":"customer_id","Overdue":"overdue"}`, "")
	if got.Progress.Merged != 1 || got.Progress.Created != 0 {
		t.Errorf("finance import = %+v", got.Progress)
	}

	want := map[string]map[string]any{
		"C-1": {"customer_id": "C-1", "name": "华为", "site": `=HYPERLINK("x")`,
			"credit": 5000.0, "overdue": 120.5},
		"C-2": {"customer_id": "C-2", "name": "Acme", "credit": 800.0},
	}
	if diff := cmp.Diff(want, h.records(t)); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if h.created != 2 {
		t.Errorf("created events = %d, want 2", h.created)
	}

	// The same file again changes nothing.
	again := h.run(h.upload("fin.csv", "Customer ID,Overdue\nC-1,120.5\n"),
		`{"Customer ID":"customer_id","Overdue":"overdue"}`, "")
	if again.Progress.Unchanged != 1 || again.Progress.RowsImported != 1 {
		t.Errorf("re-run = %+v", again.Progress)
	}
}

func TestBadRowsRefuseTheWholeImportUnlessValidRowsIsChosen(t *testing.T) {
	h := newHub(t, datahub.Config{})
	file := "Customer ID,Name,Credit limit\nC-1,Acme,100\nC-2,,lots\n" +
		"C-3,Beta,1,extra\nC-4,Gamma,5\n"
	mapping := `{"Customer ID":"customer_id","Name":"name","Credit limit":"credit"}`

	j := h.upload("mixed.csv", file)
	checked := h.finish(h.svc.Check(h.ctx, h.p, j.ID, datahub.RunInput{
		Mapping: json.RawMessage(mapping), KeyField: "customer_id"}))
	done := 100
	wantProgress := datahub.Progress{RowsRead: 4, RowsValid: 2, RowsFailed: 2, LandedThrough: 5,
		Percent: &done}
	if checked.Status != datahub.StatusChecked ||
		!cmp.Equal(wantProgress, checked.Progress) {
		t.Errorf("check = %s %+v", checked.Status, checked.Progress)
	}
	issues, next, err := h.svc.Issues(h.ctx, h.p, j.ID, 0)
	if err != nil || next != -1 {
		t.Fatal(err, next)
	}
	var got []string
	for _, is := range issues {
		got = append(got, strings.Join([]string{strconv.Itoa(is.Row), is.Column, is.Field, is.Code},
			"|"))
	}
	want := []string{"3|Name|name|required", "3|Credit limit|credit|type",
		"4|||too_many_cells"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("issues (-want +got):\n%s", diff)
	}

	refused := h.run(j, mapping, "")
	if refused.Status != datahub.StatusRefused || len(h.records(t)) != 0 {
		t.Errorf("all-or-nothing = %s, %d records", refused.Status, len(h.records(t)))
	}

	partial := h.run(j, mapping, datahub.ModeValidRows)
	if partial.Status != datahub.StatusImported || partial.Progress.RowsImported != 2 ||
		partial.Progress.RowsFailed != 2 {
		t.Errorf("valid rows = %s %+v", partial.Status, partial.Progress)
	}
	if diff := cmp.Diff([]string{"C-1", "C-4"}, keys(h.records(t))); diff != "" {
		t.Errorf("imported (-want +got):\n%s", diff)
	}

	// The report downloads in the caller's language.
	var buf bytes.Buffer
	if err := h.svc.WriteIssues(h.ctx, h.p, partial, datahub.FormatCSV, i18n.Chinese,
		&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(),
		[]byte{0xEF, 0xBB, 0xBF}))).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "行号" || rows[1][3] == "" {
		t.Errorf("report = %q, %v", rows, err)
	}
}

func TestBadFilesAndMappingsAreRefusedChangingNothing(t *testing.T) {
	h := newHub(t, datahub.Config{MaxBytes: 1 << 10})
	tests := []struct {
		name, file, content string
		size                int64
		code                string
	}{
		{"declared too large", "big.csv", "a,b\n", 500 << 20, "import.too_large"},
		{"too large", "big.csv", "a,b\n" + strings.Repeat("x,y\n", 1000), -1,
			"import.too_large"},
		{"not an xlsx", "book.xlsx", "id,name\n", -1, "import.not_xlsx"},
		{"zip that is no workbook", "book.xlsx", "PK\x03\x04garbage", -1, "import.not_xlsx"},
		{"old xls", "book.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...", -1,
			"import.xls_unsupported"},
		{"empty", "e.csv", "", -1, "import.empty_file"},
		{"binary", "b.csv", "\x00\x01\x02", -1, "import.not_text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.svc.Upload(h.ctx, h.p, datahub.UploadInput{Form: "account",
				FileName: tt.file, Size: tt.size, Body: strings.NewReader(tt.content)})
			if pe, ok := problem.As(err); !ok || pe.Code != tt.code {
				t.Errorf("err = %v, want %s", err, tt.code)
			}
		})
	}

	j := h.upload("ok.csv", "Customer ID,Name\nC-1,Acme\n")
	_, err := h.svc.Run(h.ctx, h.p, j.ID, datahub.RunInput{KeyField: "customer_id",
		Mapping: json.RawMessage(`{"Customer ID":"customer_id","Name":"nope"}`)})
	pe, ok := problem.As(err)
	if !ok || len(pe.Fields) != 1 || pe.Fields[0].Code != "unknown_field" {
		t.Errorf("mapping to a missing field: %v", err)
	}
	if got, _ := h.svc.Get(h.ctx, h.p, j.ID); got.Status != datahub.StatusUploaded {
		t.Errorf("status after a refused mapping = %s", got.Status)
	}
	if len(h.records(t)) != 0 {
		t.Error("a refused import stored records")
	}
}

func TestExportEscapesFormulasAndLabelsColumns(t *testing.T) {
	h := newHub(t, datahub.Config{})
	h.run(h.upload("crm.csv", "id,name,site\nC-1,Acme,=cmd|' /C calc'!A0\n"),
		`{"id":"customer_id","name":"name","site":"site"}`, "")

	e, err := h.svc.PrepareExport(h.ctx, h.p, record.Query{Form: "account"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := e.Write(h.ctx, datahub.FormatCSV, i18n.Chinese, &buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(),
		[]byte{0xEF, 0xBB, 0xBF}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"记录编号", "客户编号", "客户名称", "网站", "信用额度", "逾期金额",
		"负责人", "阶段", "创建时间", "更新时间", "最近活动时间"}, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if rows[1][3] != "'=cmd|' /C calc'!A0" {
		t.Errorf("site cell = %q, want it escaped", rows[1][3])
	}

	var book bytes.Buffer
	if err := e.Write(h.ctx, datahub.FormatXLSX, i18n.English, &book); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(book.Bytes(), []byte("PK")) {
		t.Error("xlsx export is no zip")
	}
}

func keys(m map[string]map[string]any) []string {
	out := slices.Collect(maps.Keys(m))
	slices.Sort(out)
	return out
}

func TestAFileOverTheRowLimitIsRefusedWhole(t *testing.T) {
	h := newHub(t, datahub.Config{MaxRows: 2})
	j := h.upload("rows.csv", "id,name\nC-1,A\nC-2,B\nC-3,C\n")
	got := h.run(j, `{"id":"customer_id","name":"name"}`, "")
	if got.Status != datahub.StatusRefused || got.Error == nil ||
		got.Error.Code != "import.too_many_rows" || len(h.records(t)) != 0 {
		t.Errorf("= %s %+v, %d records", got.Status, got.Error, len(h.records(t)))
	}
	if msg := got.Error.Message(i18n.Chinese); !strings.Contains(msg, "2 行") {
		t.Errorf("message = %q", msg)
	}
}
