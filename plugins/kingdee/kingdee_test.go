package kingdee_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/kingdee"
	"github.com/formworkhq/formwork/runtime/outbox"
)

const (
	loginPath = "Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret.common.kdsvc"
	savePath  = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc"
	queryPath = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery" +
		".common.kdsvc"
	appSecret = "S3cr3t-app-0042"
)

var ctx = context.Background()

// env is the CallEnv of instance id of tenant t1 at version 1.
func env(f *fake, id string, extra map[string]any) plugins.CallEnv {
	settings := map[string]any{"server_url": f.url(), "acct_id": "6500a1",
		"username": "api", "app_id": "app_1", "app_secret": appSecret, "lcid": 2052,
		"field_map": map[string]any{"customer": map[string]any{"FNumber": "customer_no",
			"FName": "name"}}}
	for k, v := range extra {
		settings[k] = v
	}
	return plugins.CallEnv{Env: plugins.Env{Settings: settings, HTTP: f.srv.Client(),
		Clock: clock.Real{}}, TenantID: "t1", InstanceID: id, Version: 1}
}

// TestPushCreatesThenUpdatesGolden checks every request of two pushes of
// one customer: login once, look the number up, save new; then look it up
// again and save it in place with its internal id and NeedUpDateFields.
func TestPushCreatesThenUpdatesGolden(t *testing.T) {
	f := newFake(t)
	p := kingdee.New()
	e := env(f, "i1", nil)

	id, err := p.Push(ctx, e, "customer", map[string]any{"FNumber": "C001", "FName": "华东贸易",
		"FGroup.FNumber": "01"})
	if err != nil || id != "100001" {
		t.Fatalf("first push = %q, %v; want 100001", id, err)
	}
	id, err = p.Push(ctx, e, "customer", map[string]any{"FNumber": "C001", "FName": "华东贸易二"})
	if err != nil || id != "100001" {
		t.Fatalf("second push = %q, %v; want the same record 100001", id, err)
	}

	cookie := "kdservice-sessionid=sess-1; ASP.NET_SessionId=asp-sess-1"
	lookup := map[string]any{"data": map[string]any{"FormId": "BD_Customer",
		"FieldKeys": "FCUSTID", "FilterString": "FNumber = 'C001'", "OrderString": "",
		"TopRowCount": 0.0, "StartRow": 0.0, "Limit": 1.0}}
	want := []call{
		{Path: loginPath, Body: map[string]any{"acctID": "6500a1", "username": "api",
			"appId": "app_1", "appSecret": appSecret, "lcid": 2052.0}},
		{Path: queryPath, Cookie: cookie, Body: lookup},
		{Path: savePath, Cookie: cookie, Body: map[string]any{"formid": "BD_Customer",
			"data": map[string]any{"Model": map[string]any{"FNumber": "C001", "FName": "华东贸易",
				"FGroup": map[string]any{"FNumber": "01"}}}}},
		{Path: queryPath, Cookie: cookie, Body: lookup},
		{Path: savePath, Cookie: cookie, Body: map[string]any{"formid": "BD_Customer",
			"data": map[string]any{"NeedUpDateFields": []any{"FName", "FNumber"},
				"Model": map[string]any{"FCUSTID": 100001.0, "FNumber": "C001",
					"FName": "华东贸易二"}}}},
	}
	if diff := cmp.Diff(want, f.took()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// TestValidateUserGolden logs in with a password when no app is set.
func TestValidateUserGolden(t *testing.T) {
	f := newFake(t)
	e := env(f, "i1", map[string]any{"app_id": "", "app_secret": "", "password": "pw-9912",
		"lcid": 1033})
	_, err := kingdee.New().Push(ctx, e, "customer", map[string]any{"FNumber": "C1"})
	if err != nil {
		t.Fatal(err)
	}

	got := f.took()[0]
	want := call{Path: "Kingdee.BOS.WebApi.ServicesStub.AuthService.ValidateUser.common.kdsvc",
		Body: map[string]any{"acctID": "6500a1", "username": "api", "password": "pw-9912",
			"lcid": 1033.0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("login (-want +got):\n%s", diff)
	}
}

// TestSessionPerInstanceAndRelogin: one login per instance and settings
// version; a lost session logs in again once and repeats the call.
func TestSessionPerInstanceAndRelogin(t *testing.T) {
	f := newFake(t)
	p := kingdee.New()
	push := func(e plugins.CallEnv) {
		t.Helper()
		if _, err := p.Push(ctx, e, "customer", map[string]any{"FNumber": "C9"}); err != nil {
			t.Fatal(err)
		}
	}

	push(env(f, "i1", nil))
	push(env(f, "i1", nil))
	if f.logins != 1 {
		t.Fatalf("two pushes of one instance logged in %d times, want 1", f.logins)
	}
	push(env(f, "i2", nil))
	changed := env(f, "i1", nil)
	changed.Version = 2
	push(changed)
	if f.logins != 3 {
		t.Fatalf("another instance and changed settings logged in %d times in all, want 3",
			f.logins)
	}

	f.took()
	f.expire()
	push(changed)
	paths := []string{}
	for _, c := range f.took() {
		paths = append(paths, c.Path)
	}
	want := []string{queryPath, loginPath, queryPath, savePath}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("after expiry (-want +got):\n%s", diff)
	}
}

// TestPullPages pages by StartRow in key order until a short page.
func TestPullPages(t *testing.T) {
	f := newFake(t)
	for i := range 5 {
		f.customers = append(f.customers, map[string]any{"FCUSTID": float64(200 + i),
			"FNumber": "C00" + string(rune('1'+i)), "FName": "客户"})
	}
	p := kingdee.New()
	q := plugins.Query{Object: "customer", Fields: []string{"FName", "FNumber"}, Limit: 2}

	var got []string
	cursor := ""
	for range 4 {
		page, err := p.Pull(ctx, env(f, "i1", nil), q, cursor)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Records {
			got = append(got, r["FNumber"].(string))
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	if diff := cmp.Diff([]string{"C001", "C002", "C003", "C004", "C005"}, got); diff != "" {
		t.Errorf("pulled (-want +got):\n%s", diff)
	}

	var starts []any
	for _, c := range f.took() {
		if c.Path != queryPath {
			continue
		}
		d := c.Body["data"].(map[string]any)
		starts = append(starts, d["StartRow"])
		if d["OrderString"] != "FNumber ASC" || d["FieldKeys"] != "FName,FNumber" ||
			d["FormId"] != "BD_Customer" || d["Limit"] != 2.0 {
			t.Errorf("query data = %v", d)
		}
	}
	if diff := cmp.Diff([]any{0.0, 2.0, 4.0}, starts); diff != "" {
		t.Errorf("StartRow (-want +got):\n%s", diff)
	}
}

// TestPullLimitCapped never asks for more than 2000 rows.
func TestPullLimitCapped(t *testing.T) {
	f := newFake(t)
	q := plugins.Query{Object: "customer", Fields: []string{"FNumber"}, Limit: 5000}
	if _, err := kingdee.New().Pull(ctx, env(f, "i1", nil), q, ""); err != nil {
		t.Fatal(err)
	}
	calls := f.took()
	if got := calls[len(calls)-1].Body["data"].(map[string]any)["Limit"]; got != 2000.0 {
		t.Errorf("Limit = %v, want 2000", got)
	}
}

// TestErrorClasses maps Kingdee's refusals to retryable or permanent.
func TestErrorClasses(t *testing.T) {
	refuse := func(code int, msg string) map[string]any {
		return map[string]any{"ErrorCode": 500, "IsSuccess": false, "MsgCode": code,
			"Errors": []any{map[string]any{"FieldName": "FNumber", "Message": msg,
				"DIndex": 0}}, "SuccessEntitys": []any{}}
	}
	tests := []struct {
		name        string
		status      map[string]any
		httpStatus  int
		loginResult int
		permanent   bool
		text        string
	}{
		{name: "validation", status: refuse(11, "编码唯一性验证失败"), permanent: true,
			text: "编码唯一性验证失败"},
		{name: "no permission", status: refuse(2, "没有权限"), permanent: true},
		{name: "bad parameter", status: refuse(8, "参数错误"), permanent: true},
		{name: "network control", status: refuse(13, "网控冲突"), text: "MsgCode 13"},
		{name: "call limit", status: refuse(14, "调用频繁"), text: "调用频繁"},
		{name: "exception", status: refuse(4, "服务器异常")},
		{name: "http 503", httpStatus: http.StatusServiceUnavailable},
		{name: "http 400", httpStatus: http.StatusBadRequest, permanent: true},
		{name: "bad login", loginResult: 0, permanent: true, text: "LoginResultType 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.loginResult = 1
			if tt.name == "bad login" {
				f.loginResult = tt.loginResult
			}
			f.status, f.httpStatus = tt.status, tt.httpStatus
			_, err := kingdee.New().Push(ctx, env(f, "i1", nil), "customer",
				map[string]any{"FNumber": "C1"})
			if err == nil {
				t.Fatal("push succeeded")
			}
			if got := outbox.IsPermanent(err); got != tt.permanent {
				t.Errorf("permanent = %v, want %v (%v)", got, tt.permanent, err)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not say %q", err, tt.text)
			}
			if strings.Contains(err.Error(), appSecret) {
				t.Errorf("error shows the app secret: %v", err)
			}
		})
	}
}

// TestActions saves a form record through the field map.
func TestActions(t *testing.T) {
	f := newFake(t)
	p := kingdee.New()
	if err := plugins.CheckActions(p); err != nil {
		t.Fatal(err)
	}
	out, err := p.Invoke(ctx, env(f, "i1", nil), "save_customer",
		map[string]any{"customer_no": "C7", "name": "西南", "unmapped": 1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"id": "100001", "number": "C7"}, out); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	calls := f.took()
	model := calls[len(calls)-1].Body["data"].(map[string]any)["Model"]
	if diff := cmp.Diff(map[string]any{"FNumber": "C7", "FName": "西南"}, model); diff != "" {
		t.Errorf("saved model (-want +got):\n%s", diff)
	}
}

// TestCheckSettings needs a complete way to log in and a URL.
func TestCheckSettings(t *testing.T) {
	p := kingdee.New()
	ok := map[string]any{"server_url": "https://erp.example.com/k3cloud/", "app_id": "a",
		"app_secret": "s"}
	if err := p.CheckSettings(ok); err != nil {
		t.Errorf("complete settings refused: %v", err)
	}
	for name, s := range map[string]map[string]any{
		"no secret":   {"server_url": "https://erp.example.com/", "app_id": "a"},
		"no login":    {"server_url": "https://erp.example.com/"},
		"not a URL":   {"server_url": "erp", "password": "p"},
		"ftp address": {"server_url": "ftp://erp.example.com/", "password": "p"},
	} {
		if err := p.CheckSettings(s); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestSaveReloginsWhenSessionLost: Save answering "session lost" logs in
// again and saves once more, with the new session's cookie.
func TestSaveReloginsWhenSessionLost(t *testing.T) {
	f := newFake(t)
	f.expireAtSave = true
	id, err := kingdee.New().Push(ctx, env(f, "i1", nil), "customer",
		map[string]any{"FNumber": "C5"})
	if err != nil || id != "100001" {
		t.Fatalf("push = %q, %v", id, err)
	}

	var got []string
	for _, c := range f.took() {
		got = append(got, c.Path+" "+c.Cookie)
	}
	s1 := "kdservice-sessionid=sess-1; ASP.NET_SessionId=asp-sess-1"
	s2 := "kdservice-sessionid=sess-2; ASP.NET_SessionId=asp-sess-2"
	want := []string{loginPath + " ", queryPath + " " + s1, savePath + " " + s1,
		loginPath + " ", savePath + " " + s2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// TestConcurrentCallsLogInOnce: calls of one instance share one login.
func TestConcurrentCallsLogInOnce(t *testing.T) {
	f := newFake(t)
	p := kingdee.New()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			q := plugins.Query{Object: "customer", Fields: []string{"FNumber"}, Limit: 10}
			if _, err := p.Pull(ctx, env(f, "i1", nil), q, strconv.Itoa(i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if f.logins != 1 {
		t.Errorf("8 concurrent pulls logged in %d times, want 1", f.logins)
	}
}

// TestContractFormSetting saves contracts to the configured bill.
func TestContractFormSetting(t *testing.T) {
	f := newFake(t)
	p := kingdee.New()
	rec := map[string]any{"FBillNo": "HT-01", "FCustId.FNumber": "C001"}
	if _, err := p.Push(ctx, env(f, "i1", nil), "contract", rec); err != nil {
		t.Fatal(err)
	}
	e := env(f, "i1", map[string]any{"contract_form_id": "CRM_Contract"})
	if _, err := p.Push(ctx, e, "contract", rec); err != nil {
		t.Fatal(err)
	}

	var forms []any
	for _, c := range f.took() {
		if c.Path == savePath {
			forms = append(forms, c.Body["formid"])
			m := c.Body["data"].(map[string]any)["Model"]
			want := map[string]any{"FBillNo": "HT-01",
				"FCustId": map[string]any{"FNumber": "C001"}}
			if diff := cmp.Diff(want, m); diff != "" {
				t.Errorf("contract model (-want +got):\n%s", diff)
			}
		}
	}
	if diff := cmp.Diff([]any{"SAL_SaleOrder", "CRM_Contract"}, forms); diff != "" {
		t.Errorf("contract forms (-want +got):\n%s", diff)
	}
}
