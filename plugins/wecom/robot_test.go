package wecom_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/wecom"
	"github.com/formworkhq/formwork/runtime/outbox"
)

type request struct {
	Method, Path, Key, ContentType string
	Body                           map[string]any
}

func TestSendFormatsAndClassifies(t *testing.T) {
	text := &outbox.Message{ID: "m1", Recipients: []string{"zhangsan", "lisi"},
		Title: outbox.Text{i18n.Chinese: "跟进提醒"}, Body: outbox.Text{i18n.Chinese: "请跟进"}}
	md := &outbox.Message{ID: "m2", Recipients: []string{"zhangsan"}, Markdown: true,
		Link:  "https://app.example.com/r/1",
		Title: outbox.Text{i18n.Chinese: "超时"}, Body: outbox.Text{i18n.Chinese: "尽快处理"}}
	wantText := map[string]any{"msgtype": "text", "text": map[string]any{
		"content": "跟进提醒\n请跟进", "mentioned_list": []any{"zhangsan", "lisi"}}}
	wantMD := map[string]any{"msgtype": "markdown", "markdown": map[string]any{
		"content": "**超时**\n尽快处理\n[查看详情](https://app.example.com/r/1)\n<@zhangsan>"}}

	cases := []struct {
		name          string
		msg           *outbox.Message
		answer        string
		wantBody      map[string]any
		wantErr       bool
		wantPermanent bool
	}{
		{"text ok", text, `{"errcode":0,"errmsg":"ok"}`, wantText, false, false},
		{"markdown ok", md, `{"errcode":0,"errmsg":"ok"}`, wantMD, false, false},
		{"rate limit", text, `{"errcode":45009,"errmsg":"api freq out of limit"}`,
			wantText, true, false},
		{"bad key", text, `{"errcode":93000,"errmsg":"invalid webhook url"}`,
			wantText, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got request
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter,
				r *http.Request) {
				raw, _ := io.ReadAll(r.Body)
				got = request{Method: r.Method, Path: r.URL.Path, Key: r.URL.Query().Get("key"),
					ContentType: r.Header.Get("Content-Type")}
				_ = json.Unmarshal(raw, &got.Body)
				io.WriteString(w, tc.answer)
			}))
			t.Cleanup(srv.Close)

			snd, err := wecom.Plugin{}.NewSender(plugins.Env{
				Settings: map[string]any{"webhook_url": srv.URL + "/cgi-bin/webhook/send?key=k1"},
				HTTP:     httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})})
			if err != nil {
				t.Fatal(err)
			}
			_, err = snd.Send(context.Background(), tc.msg)

			want := request{Method: "POST", Path: "/cgi-bin/webhook/send", Key: "k1",
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
