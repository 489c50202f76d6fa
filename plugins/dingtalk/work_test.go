package dingtalk_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins/dingtalk"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/tokens"
	"github.com/formworkhq/formwork/runtime/outbox"
)

const workSecret = "dt-app-secret-0123456789"

func newWork(t *testing.T, base string, clk clock.Clock) *dingtalk.Work {
	t.Helper()
	return dingtalk.NewWork(dingtalk.WorkSettings{AppKey: "dingkey01", AppSecret: workSecret,
		AgentID: 2233, APIBase: base},
		httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}), clk, tokens.New())
}

func workMsg(link, taskID string, markdown bool, recipients ...string) *outbox.Message {
	if len(recipients) == 0 {
		recipients = []string{"u1", "u2"}
	}
	m := &outbox.Message{ID: "01JMSG", Recipients: recipients, Markdown: markdown,
		Link:  link,
		Title: outbox.Text{i18n.Chinese: "跟进提醒"}, Body: outbox.Text{i18n.Chinese: "请今天联系客户"}}
	m.TenantID = "t1"
	if taskID != "" {
		m.Payload = map[string]any{"task_id": taskID}
	}
	return m
}

func TestWorkSendFormats(t *testing.T) {
	const link = "https://app.example.com/tasks/1"
	cases := []struct {
		name    string
		msg     *outbox.Message
		wantMsg map[string]any
	}{
		{"text", workMsg("", "", false), map[string]any{"msgtype": "text",
			"text": map[string]any{"content": "跟进提醒\n请今天联系客户"}}},
		{"markdown", workMsg("", "", true), map[string]any{"msgtype": "markdown",
			"markdown": map[string]any{"title": "跟进提醒", "text": "#### 跟进提醒\n\n请今天联系客户"}}},
		{"action card", workMsg(link, "", false), map[string]any{"msgtype": "action_card",
			"action_card": map[string]any{"title": "跟进提醒",
				"markdown": "#### 跟进提醒\n\n请今天联系客户", "single_title": "查看详情",
				"single_url": link}}},
		{"oa with status bar", workMsg(link, "task7", false), map[string]any{"msgtype": "oa",
			"oa": map[string]any{"message_url": link, "pc_message_url": link,
				"head":       map[string]any{"bgcolor": "FF1677FF", "text": "Formwork"},
				"status_bar": map[string]any{"status_value": "待处理", "status_bg": "0xFFF65E5E"},
				"body":       map[string]any{"title": "跟进提醒", "content": "请今天联系客户"}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, srv := newFakeDingTalk(t,
				ok(`{"errcode":0,"task_id":256271667526,"request_id":"4jzllmte0wau"}`))
			id, err := newWork(t, srv.URL, clock.NewManual(now)).Send(context.Background(),
				tc.msg)
			if err != nil || id != "256271667526" {
				t.Fatalf("Send = %q, %v; want the task id", id, err)
			}

			want := []call{
				{Method: "GET", Path: "/gettoken",
					Query: map[string]string{"appkey": "dingkey01", "appsecret": workSecret}},
				{Method: "POST", Path: sendPath, ContentType: "application/json",
					Query: map[string]string{"access_token": "DT-TOKEN-1"},
					Body: map[string]any{"agent_id": float64(2233), "userid_list": "u1,u2",
						"msg": tc.wantMsg}},
			}
			if diff := cmp.Diff(want, f.calls); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWorkSendsAtMostHundredUsersACall(t *testing.T) {
	var users []string
	for i := range 150 {
		users = append(users, fmt.Sprintf("u%d", i))
	}
	f, srv := newFakeDingTalk(t, ok(`{"errcode":0,"task_id":1}`), ok(`{"errcode":0,"task_id":2}`))
	id, err := newWork(t, srv.URL, clock.NewManual(now)).Send(context.Background(),
		workMsg("", "", false, users...))
	if err != nil || id != "1,2" {
		t.Fatalf("Send = %q, %v; want task ids 1,2", id, err)
	}
	sends := f.sends()
	if len(sends) != 2 || sends[0].Body["userid_list"] != strings.Join(users[:100], ",") ||
		sends[1].Body["userid_list"] != strings.Join(users[100:], ",") {
		t.Errorf("sent %d calls: %v", len(sends), sends)
	}
}

func TestWorkErrorsRetryOrNot(t *testing.T) {
	const good = `{"errcode":0,"task_id":9}`
	answer := func(code int, text string) reply {
		return ok(fmt.Sprintf(`{"errcode":%d,"errmsg":"%s"}`, code, text))
	}
	sub := func(code string) reply {
		return ok(`{"errcode":88,"sub_code":"` + code + `","sub_msg":"x",` +
			`"errmsg":"ding talk error[subcode=` + code + `]"}`)
	}
	tok := "/gettoken"
	cases := []struct {
		name          string
		token         []reply
		replies       []reply
		wantErr       bool
		wantPermanent bool
		wantDelay     time.Duration
		wantPaths     []string
		wantInErr     string
	}{
		{"busy", nil, []reply{answer(-1, "系统繁忙")}, true, false, 0,
			[]string{tok, sendPath}, "系统繁忙"},
		{"qps limit", nil, []reply{answer(90018, "调用频率超过限流值")}, true, false, 0,
			[]string{tok, sendPath}, "90018"},
		{"rate limited with retry-after", nil, []reply{{status: 429,
			header: map[string]string{"Retry-After": "30"}, body: `{}`}}, true, false,
			30 * time.Second, []string{tok, sendPath}, "429"},
		{"robot-style 130101 with retry-after", nil, []reply{{
			header: map[string]string{"Retry-After": "60"},
			body:   `{"errcode":130101,"errmsg":"send too fast"}`}}, true, false, time.Minute,
			[]string{tok, sendPath}, "send too fast"},
		{"88 with rate sub code", nil, []reply{sub("90018")}, true, false, 0,
			[]string{tok, sendPath}, "88/90018"},
		{"server error", nil, []reply{{status: 502, body: "bad gateway"}}, true, false, 0,
			[]string{tok, sendPath}, "502"},
		{"unknown user", nil, []reply{answer(33012, "无效的USERID")}, true, true, 0,
			[]string{tok, sendPath}, "无效的USERID"},
		{"no permission", nil, []reply{sub("60011")}, true, true, 0,
			[]string{tok, sendPath}, "60011"},
		{"expired token refreshed once", nil,
			[]reply{answer(42001, "access_token超时"), ok(good)}, false, false, 0,
			[]string{tok, sendPath, tok, sendPath}, ""},
		{"invalid token twice", nil,
			[]reply{answer(40014, "不合法的access_token"), answer(40014, "不合法的access_token")},
			true, true, 0, []string{tok, sendPath, tok, sendPath}, "40014"},
		{"invalid token in sub code", nil, []reply{sub("40014"), ok(good)}, false, false, 0,
			[]string{tok, sendPath, tok, sendPath}, ""},
		{"bad app secret", []reply{answer(40089, "不合法的corpid或corpsecret")},
			[]reply{ok(good)}, true, true, 0, []string{tok}, "40089"},
		{"gettoken rate limited", []reply{answer(90018, "限流")}, []reply{ok(good)}, true,
			false, 0, []string{tok}, "90018"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, srv := newFakeDingTalk(t, tc.replies...)
			f.token = tc.token
			_, err := newWork(t, srv.URL, clock.NewManual(now)).Send(context.Background(),
				workMsg("", "", false))
			if (err != nil) != tc.wantErr || outbox.IsPermanent(err) != tc.wantPermanent {
				t.Errorf("err = %v; want error %v, permanent %v", err, tc.wantErr,
					tc.wantPermanent)
			}
			if d := outbox.RetryDelay(err); d != tc.wantDelay {
				t.Errorf("retry delay = %v, want %v", d, tc.wantDelay)
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

func TestWorkTokenRefreshesBeforeExpiry(t *testing.T) {
	f, srv := newFakeDingTalk(t, ok(`{"errcode":0,"task_id":1}`))
	clk := clock.NewManual(now)
	w := newWork(t, srv.URL, clk)
	for i, st := range []struct {
		advance time.Duration
		want    string
	}{{0, "DT-TOKEN-1"}, {5759 * time.Second, "DT-TOKEN-1"}, {time.Second, "DT-TOKEN-2"}} {
		clk.Advance(st.advance)
		if _, err := w.Send(context.Background(), workMsg("", "", false)); err != nil {
			t.Fatal(err)
		}
		sends := f.sends()
		if got := sends[len(sends)-1].Query["access_token"]; got != st.want {
			t.Errorf("step %d: sent with %s, want %s", i, got, st.want)
		}
	}
}

func TestWorkRefusalIsLocalized(t *testing.T) {
	_, srv := newFakeDingTalk(t, ok(`{"errcode":33012,"errmsg":"无效的USERID"}`))
	_, err := newWork(t, srv.URL, clock.NewManual(now)).Send(context.Background(),
		workMsg("", "", false))
	var re *dingtalk.RefusalError
	if !errors.As(err, &re) || !strings.Contains(re.Localized(i18n.Chinese), "接收人") {
		t.Errorf("err = %v, want a RefusalError with a Chinese hint", err)
	}
}

func TestWorkRefusesMessageWithoutRecipients(t *testing.T) {
	f, srv := newFakeDingTalk(t, ok(`{"errcode":0}`))
	m := workMsg("", "", false)
	m.Recipients = nil
	_, err := newWork(t, srv.URL, clock.NewManual(now)).Send(context.Background(), m)
	if !outbox.IsPermanent(err) || len(f.paths()) != 0 {
		t.Errorf("err = %v, calls %v; want a permanent refusal and no call", err, f.paths())
	}
}

func TestWorkAPIBaseIsCheckedForSSRF(t *testing.T) {
	f, srv := newFakeDingTalk(t, ok(`{"errcode":0}`))
	w := dingtalk.NewWork(dingtalk.WorkSettings{AppKey: "k", AppSecret: workSecret, AgentID: 1,
		APIBase: srv.URL}, httpx.NewClient(httpx.Options{}), clock.NewManual(now), tokens.New())
	_, err := w.Send(context.Background(), workMsg("", "", false))
	if !errors.Is(err, httpx.ErrForbiddenAddress) || len(f.paths()) != 0 {
		t.Errorf("err = %v, calls %v; want the address refused before any call", err,
			f.paths())
	}
	if strings.Contains(err.Error(), workSecret) {
		t.Errorf("error shows the secret: %v", err)
	}
}
