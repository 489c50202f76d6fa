package dingtalk_test

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
	"github.com/formworkhq/formwork/plugins/dingtalk"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime/outbox"
)

const (
	secret = "SECtest0123456789"
	// goldenSign is base64(HMAC-SHA256(secret, "1767225600000\n"+secret)),
	// computed outside Go.
	goldenSign = "WqRwE26E5CxYGjFqhx+2yyo3peNrvAUu8ptyyREKKyk="
)

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestSignGoldenVector(t *testing.T) {
	if got := dingtalk.Sign(now.UnixMilli(), secret); got != goldenSign {
		t.Errorf("Sign = %q, want %q", got, goldenSign)
	}
}

// request is what the fake robot received.
type request struct {
	Method, Path, Token, Timestamp, Sign, ContentType string
	Body                                              map[string]any
}

func fakeRobot(t *testing.T, status int, answer string, got *request) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		q := r.URL.Query()
		*got = request{Method: r.Method, Path: r.URL.Path, Token: q.Get("access_token"),
			Timestamp: q.Get("timestamp"), Sign: q.Get("sign"),
			ContentType: r.Header.Get("Content-Type")}
		if err := json.Unmarshal(raw, &got.Body); err != nil {
			t.Errorf("body is not JSON: %s", raw)
		}
		w.WriteHeader(status)
		io.WriteString(w, answer)
	}))
	t.Cleanup(srv.Close)

	return srv
}

func robot(t *testing.T, url string) outbox.Sender {
	t.Helper()
	snd, err := dingtalk.Plugin{}.NewSender(plugins.Env{
		Settings: map[string]any{"webhook_url": url + "/robot/send?access_token=tok",
			"secret": secret},
		HTTP:  httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}),
		Clock: clock.NewManual(now)})
	if err != nil {
		t.Fatal(err)
	}

	return snd
}

func TestSendFormatsAndClassifies(t *testing.T) {
	text := &outbox.Message{ID: "m1", Recipients: []string{"u1", "u2"},
		Title: outbox.Text{i18n.Chinese: "跟进提醒"}, Body: outbox.Text{i18n.Chinese: "请跟进"}}
	md := &outbox.Message{ID: "m2", Recipients: []string{"u1"}, Markdown: true,
		Link:  "https://app.example.com/r/1",
		Title: outbox.Text{i18n.English: "Overdue"}, Body: outbox.Text{i18n.English: "**Now**"}}
	wantText := map[string]any{"msgtype": "text",
		"text": map[string]any{"content": "跟进提醒\n请跟进\n@u1 @u2"},
		"at":   map[string]any{"atUserIds": []any{"u1", "u2"}, "isAtAll": false}}
	wantMD := map[string]any{"msgtype": "markdown",
		"markdown": map[string]any{"title": "Overdue",
			"text": "#### Overdue\n\n**Now**\n\n[查看详情](https://app.example.com/r/1)\n@u1"},
		"at": map[string]any{"atUserIds": []any{"u1"}, "isAtAll": false}}

	cases := []struct {
		name          string
		msg           *outbox.Message
		status        int
		answer        string
		wantBody      map[string]any
		wantErr       bool
		wantPermanent bool
	}{
		{"text ok", text, 200, `{"errcode":0,"errmsg":"ok"}`, wantText, false, false},
		{"markdown ok", md, 200, `{"errcode":0,"errmsg":"ok"}`, wantMD, false, false},
		{"rate limited", text, 200, `{"errcode":130101,"errmsg":"send too fast"}`,
			wantText, true, false},
		{"bad sign", text, 200, `{"errcode":310000,"errmsg":"sign not match"}`,
			wantText, true, true},
		{"vendor outage", text, 502, `bad gateway`, wantText, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got request
			srv := fakeRobot(t, tc.status, tc.answer, &got)
			_, err := robot(t, srv.URL).Send(context.Background(), tc.msg)

			want := request{Method: "POST", Path: "/robot/send", Token: "tok",
				Timestamp: "1767225600000", Sign: goldenSign, ContentType: "application/json",
				Body: tc.wantBody}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
			if (err != nil) != tc.wantErr || outbox.IsPermanent(err) != tc.wantPermanent {
				t.Errorf("err = %v (permanent %v), want error %v permanent %v",
					err, outbox.IsPermanent(err), tc.wantErr, tc.wantPermanent)
			}
		})
	}
}
