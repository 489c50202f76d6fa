package feishu_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/feishu"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime/outbox"
)

const (
	secret = "feishu-secret"
	// goldenSign is base64(HMAC-SHA256(key "1767225600\n"+secret, "")),
	// computed outside Go.
	goldenSign = "hm9QDKjC+ecxOxpTkx3o/E8TJDhB/Fq5pPz6i8mf5Lw="
)

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestSignGoldenVector(t *testing.T) {
	if got := feishu.Sign(now.Unix(), secret); got != goldenSign {
		t.Errorf("Sign = %q, want %q", got, goldenSign)
	}
}

type request struct {
	Method, Path, RawQuery, ContentType string
	Body                                map[string]any
}

func TestSendFormatsAndClassifies(t *testing.T) {
	text := &outbox.Message{ID: "m1", Recipients: []string{"ou_1"},
		Title: outbox.Text{i18n.Chinese: "跟进提醒"}, Body: outbox.Text{i18n.Chinese: "请跟进"}}
	cardMsg := &outbox.Message{ID: "m2", Recipients: []string{"ou_1"}, Markdown: true,
		Link:  "https://app.example.com/r/1",
		Title: outbox.Text{i18n.Chinese: "超时"}, Body: outbox.Text{i18n.Chinese: "**尽快处理**"}}
	signed := map[string]any{"timestamp": "1767225600", "sign": goldenSign}
	wantText := merge(signed, map[string]any{"msg_type": "text",
		"content": map[string]any{"text": "跟进提醒\n请跟进 <at user_id=\"ou_1\"></at>"}})
	wantCard := merge(signed, map[string]any{"msg_type": "interactive",
		"card": map[string]any{
			"header": map[string]any{"title": map[string]any{"tag": "plain_text",
				"content": "超时"}},
			"elements": []any{
				map[string]any{"tag": "markdown", "content": "**尽快处理** <at id=ou_1></at>"},
				map[string]any{"tag": "action", "actions": []any{map[string]any{
					"tag": "button", "type": "primary", "url": "https://app.example.com/r/1",
					"text": map[string]any{"tag": "plain_text", "content": "查看详情"}}}},
			}}})

	cases := []struct {
		name          string
		msg           *outbox.Message
		answer        string
		wantBody      map[string]any
		wantErr       bool
		wantPermanent bool
	}{
		{"text ok", text, `{"code":0,"msg":"success","data":{}}`, wantText, false, false},
		{"card ok", cardMsg, `{"StatusCode":0,"StatusMessage":"success"}`, wantCard,
			false, false},
		{"bad sign", text, `{"code":19021,"msg":"sign match fail"}`, wantText, true, true},
		{"rate limit", text, `{"code":11232,"msg":"frequency limited"}`, wantText, true, false},
		{"rate limit 9499", text, `{"code":9499,"msg":"Too Many Request"}`, wantText,
			true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got request
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter,
				r *http.Request) {
				raw, _ := io.ReadAll(r.Body)
				got = request{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
					ContentType: r.Header.Get("Content-Type")}
				_ = json.Unmarshal(raw, &got.Body)
				io.WriteString(w, tc.answer)
			}))
			t.Cleanup(srv.Close)

			snd, err := feishu.Plugin{}.NewSender(plugins.Env{
				Settings: map[string]any{"webhook_url": srv.URL + "/open-apis/bot/v2/hook/h1",
					"secret": secret},
				HTTP:  httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}),
				Clock: clock.NewManual(now)})
			if err != nil {
				t.Fatal(err)
			}
			_, err = snd.Send(context.Background(), tc.msg)

			want := request{Method: "POST", Path: "/open-apis/bot/v2/hook/h1",
				ContentType: "application/json", Body: tc.wantBody}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
			if (err != nil) != tc.wantErr || outbox.IsPermanent(err) != tc.wantPermanent {
				t.Errorf("err = %v, want error %v permanent %v", err, tc.wantErr,
					tc.wantPermanent)
			}
		})
	}
}

func merge(a, b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
