package wecom_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/tokens"
	"github.com/formworkhq/formwork/plugins/wecom"
	"github.com/formworkhq/formwork/runtime/outbox"
)

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const appSecret = "app-secret-0123456789"

// newApp returns an App on the fake server with its own token cache.
func newApp(t *testing.T, base string, clk clock.Clock) *wecom.App {
	t.Helper()
	return wecom.NewApp(wecom.AppSettings{CorpID: "ww1234", AgentID: 1000002,
		Secret: appSecret, APIBase: base},
		httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}), clk, tokens.New())
}

func msg(link, taskID string, markdown bool) *outbox.Message {
	m := &outbox.Message{ID: "01JMSG", Recipients: []string{"zhangsan", "lisi"},
		Markdown: markdown, Link: link,
		Title: outbox.Text{i18n.Chinese: "跟进提醒", i18n.English: "Follow up"},
		Body:  outbox.Text{i18n.Chinese: "请今天联系客户"}}
	m.TenantID = "t1"
	if taskID != "" {
		m.Payload = map[string]any{"task_id": taskID}
	}
	return m
}

func TestAppSendFormats(t *testing.T) {
	const link = "https://app.example.com/tasks/1"
	base := map[string]any{"touser": "zhangsan|lisi", "agentid": float64(1000002),
		"enable_duplicate_check": float64(1), "duplicate_check_interval": float64(1800)}
	with := func(kv ...any) map[string]any {
		out := map[string]any{}
		for k, v := range base {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i].(string)] = kv[i+1]
		}
		return out
	}
	cases := []struct {
		name     string
		msg      *outbox.Message
		answer   string
		wantBody map[string]any
		wantID   string
	}{
		{"text", msg("", "", false), `{"errcode":0,"errmsg":"ok","msgid":"M1"}`,
			with("msgtype", "text", "text", map[string]any{"content": "跟进提醒\n请今天联系客户"}),
			"M1"},
		{"markdown", msg("", "", true), `{"errcode":0,"errmsg":"ok","msgid":"M2"}`,
			with("msgtype", "markdown", "markdown", map[string]any{
				"content": "**跟进提醒**\n请今天联系客户"}), "M2"},
		{"textcard", msg(link, "", false), `{"errcode":0,"errmsg":"ok","msgid":"M3"}`,
			with("msgtype", "textcard", "textcard", map[string]any{"title": "跟进提醒",
				"description": "请今天联系客户", "url": link, "btntxt": "详情"}), "M3"},
		{"task card", msg(link, "task/7", false),
			`{"errcode":0,"errmsg":"ok","msgid":"M4","response_code":"RC4"}`,
			with("msgtype", "template_card", "template_card", map[string]any{
				"card_type":      "button_interaction",
				"source":         map[string]any{"desc": "Formwork"},
				"main_title":     map[string]any{"title": "跟进提醒"},
				"sub_title_text": "请今天联系客户",
				"card_action":    map[string]any{"type": float64(1), "url": link},
				"task_id":        "task_7-01JMSG",
				"button_list": []any{map[string]any{"type": float64(1), "text": "去处理",
					"style": float64(1), "key": "open", "url": link}},
			}), "M4|RC4"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, srv := newFakeWeCom(t, tc.answer)
			id, err := newApp(t, srv.URL, clock.NewManual(now)).Send(context.Background(),
				tc.msg)
			if err != nil || id != tc.wantID {
				t.Fatalf("Send = %q, %v; want %q", id, err, tc.wantID)
			}

			wantToken := call{Method: "GET", Path: "/cgi-bin/gettoken",
				Query: map[string]string{"corpid": "ww1234", "corpsecret": appSecret}}
			if diff := cmp.Diff(wantToken, f.last("/cgi-bin/gettoken")); diff != "" {
				t.Errorf("gettoken (-want +got):\n%s", diff)
			}
			wantSend := call{Method: "POST", Path: "/cgi-bin/message/send",
				ContentType: "application/json",
				Query:       map[string]string{"access_token": "ACCESS-TOKEN-1"},
				Body:        tc.wantBody}
			if diff := cmp.Diff(wantSend, f.last("/cgi-bin/message/send")); diff != "" {
				t.Errorf("message/send (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAppErrorsRetryOrNot(t *testing.T) {
	const ok = `{"errcode":0,"errmsg":"ok","msgid":"M"}`
	const send, token = "/cgi-bin/message/send", "/cgi-bin/gettoken"
	answer := func(code, text string) string {
		return `{"errcode":` + code + `,"errmsg":"` + text + `"}`
	}
	cases := []struct {
		name          string
		tokenAnswers  []string
		answers       []string
		wantErr       bool
		wantPermanent bool
		wantPaths     []string
		wantInErr     string
	}{
		{"busy", nil, []string{answer("-1", "system busy")}, true, false,
			[]string{token, send}, "system busy"},
		{"rate limit", nil, []string{answer("45009", "api freq out of limit")}, true, false,
			[]string{token, send}, "api freq out of limit"},
		{"concurrency limit", nil, []string{answer("45033", "api concurrent out of limit")},
			true, false, []string{token, send}, "45033"},
		{"unknown user", nil, []string{answer("81013", "user & party & tag all invalid")},
			true, true, []string{token, send}, "user & party & tag all invalid"},
		{"ip not trusted", nil, []string{answer("60020", "not allow to access from your ip")},
			true, true, []string{token, send}, "not allow to access from your ip"},
		{"expired token refreshed once", nil,
			[]string{answer("42001", "access_token expired"), ok}, false, false,
			[]string{token, send, token, send}, ""},
		{"invalid token twice", nil,
			[]string{answer("40014", "invalid access_token"), answer("40014", "invalid")},
			true, true, []string{token, send, token, send}, "40014"},
		{"bad secret at gettoken", []string{answer("40001", "invalid credential")},
			[]string{ok}, true, true, []string{token}, "invalid credential"},
		{"gettoken busy", []string{answer("-1", "system busy")}, []string{ok}, true, false,
			[]string{token}, "system busy"},
		{"unreadable answer", nil, []string{"<html>"}, true, false, []string{token, send}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, srv := newFakeWeCom(t, tc.answers...)
			f.token = tc.tokenAnswers
			_, err := newApp(t, srv.URL, clock.NewManual(now)).Send(context.Background(),
				msg("", "", false))
			if (err != nil) != tc.wantErr || outbox.IsPermanent(err) != tc.wantPermanent {
				t.Errorf("err = %v; want error %v, permanent %v", err, tc.wantErr,
					tc.wantPermanent)
			}
			if err != nil && !strings.Contains(err.Error(), tc.wantInErr) {
				t.Errorf("err = %q, want it to contain %q", err, tc.wantInErr)
			}
			if diff := cmp.Diff(tc.wantPaths, f.paths()); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAppRefusalIsLocalized(t *testing.T) {
	_, srv := newFakeWeCom(t, `{"errcode":81013,"errmsg":"user & party & tag all invalid"}`)
	_, err := newApp(t, srv.URL, clock.NewManual(now)).Send(context.Background(),
		msg("", "", false))
	var re *wecom.RefusalError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a RefusalError", err)
	}
	zh := re.Localized(i18n.Chinese)
	if !strings.Contains(zh, "接收人") || !strings.Contains(zh, "81013") {
		t.Errorf("Chinese refusal = %q", zh)
	}
}

func TestAppTokenRefreshesBeforeExpiry(t *testing.T) {
	f, srv := newFakeWeCom(t, `{"errcode":0,"errmsg":"ok","msgid":"M"}`)
	clk := clock.NewManual(now)
	app := newApp(t, srv.URL, clk)
	steps := []struct {
		advance   time.Duration
		wantToken string
	}{
		{0, "ACCESS-TOKEN-1"},
		{5759 * time.Second, "ACCESS-TOKEN-1"},
		{time.Second, "ACCESS-TOKEN-2"},
		{time.Hour, "ACCESS-TOKEN-2"},
	}
	for i, st := range steps {
		clk.Advance(st.advance)
		if _, err := app.Send(context.Background(), msg("", "", false)); err != nil {
			t.Fatal(err)
		}
		got := f.last("/cgi-bin/message/send").Query["access_token"]
		if got != st.wantToken {
			t.Errorf("step %d: sent with %s, want %s", i, got, st.wantToken)
		}
	}
}

func TestAppRefusesMessageWithoutRecipients(t *testing.T) {
	f, srv := newFakeWeCom(t, `{"errcode":0}`)
	m := msg("", "", false)
	m.Recipients = nil
	_, err := newApp(t, srv.URL, clock.NewManual(now)).Send(context.Background(), m)
	if !outbox.IsPermanent(err) || len(f.paths()) != 0 {
		t.Errorf("err = %v, calls %v; want a permanent refusal and no call", err, f.paths())
	}
}

func TestUpdateTaskCard(t *testing.T) {
	f, srv := newFakeWeCom(t, `{"errcode":0,"errmsg":"ok"}`)
	app := newApp(t, srv.URL, clock.NewManual(now))
	err := app.UpdateTaskCard(context.Background(), "t1", []string{"zhangsan"}, "M4|RC4",
		"已处理")
	if err != nil {
		t.Fatal(err)
	}
	want := call{Method: "POST", Path: "/cgi-bin/message/update_template_card",
		ContentType: "application/json",
		Query:       map[string]string{"access_token": "ACCESS-TOKEN-1"},
		Body: map[string]any{"userids": []any{"zhangsan"}, "atall": float64(0),
			"agentid": float64(1000002), "response_code": "RC4",
			"button": map[string]any{"replace_name": "已处理"}}}
	if diff := cmp.Diff(want, f.last("/cgi-bin/message/update_template_card")); diff != "" {
		t.Errorf("update_template_card (-want +got):\n%s", diff)
	}

	if err := app.UpdateTaskCard(context.Background(), "t1", nil, "M3", "x"); err == nil ||
		!outbox.IsPermanent(err) {
		t.Errorf("update without response code = %v, want a permanent error", err)
	}
}

func TestParseVendorID(t *testing.T) {
	msgID, code := wecom.ParseVendorID(wecom.VendorID("M1", "RC1"))
	if msgID != "M1" || code != "RC1" {
		t.Errorf("round trip = %q, %q", msgID, code)
	}
	if msgID, code = wecom.ParseVendorID("M2"); msgID != "M2" || code != "" {
		t.Errorf("plain msgid = %q, %q", msgID, code)
	}
}

func TestAppAPIBaseIsCheckedForSSRF(t *testing.T) {
	f, srv := newFakeWeCom(t, `{"errcode":0}`)
	app := wecom.NewApp(wecom.AppSettings{CorpID: "ww1234", AgentID: 1, Secret: appSecret,
		APIBase: srv.URL}, httpx.NewClient(httpx.Options{}), clock.NewManual(now), tokens.New())
	_, err := app.Send(context.Background(), msg("", "", false))
	if !errors.Is(err, httpx.ErrForbiddenAddress) || len(f.paths()) != 0 {
		t.Errorf("err = %v, calls %v; want the address refused before any call", err,
			f.paths())
	}
	if strings.Contains(err.Error(), appSecret) {
		t.Errorf("error shows the secret: %v", err)
	}
}
