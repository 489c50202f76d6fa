package dingtalk_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/dingtalk"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// A second vector whose signature holds '+', '/' and '=', computed outside
// Go (Python's hmac): base64(HMAC-SHA256(key secret, "ts\nsecret")).
const (
	plusSecret = "SECb6b4b7e0d2f1c3a5e8d9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f"
	plusTS     = 1700000000123
	plusSign   = "ygGgm4x/9+UugMzAtkX/3m4eNIh4go3K5NTVnHrBc5U="
	// plusQuery is plusSign as it must appear in the URL, percent-encoded:
	// a raw '+' would reach DingTalk as a space and fail the check.
	plusQuery = "sign=ygGgm4x%2F9%2BUugMzAtkX%2F3m4eNIh4go3K5NTVnHrBc5U%3D"
)

// TestSignedURLGoldenVector checks the signature and its encoding on the
// wire: the robot's request carries the vector's timestamp and sign,
// percent-encoded in the raw query.
func TestSignedURLGoldenVector(t *testing.T) {
	if got := dingtalk.Sign(plusTS, plusSecret); got != plusSign {
		t.Fatalf("Sign = %q, want %q", got, plusSign)
	}

	var rawQuery string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rawQuery = r.URL.RawQuery
		_, _ = w.Write([]byte(`{"errcode":0,"errmsg":"ok"}`))
	}))
	t.Cleanup(srv.Close)
	snd, err := dingtalk.Plugin{}.NewSender(plugins.Env{
		Settings: map[string]any{"webhook_url": srv.URL + "/robot/send?access_token=tok",
			"secret": plusSecret},
		HTTP:  httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}),
		Clock: clock.NewManual(time.UnixMilli(plusTS))})
	if err != nil {
		t.Fatal(err)
	}
	m := &outbox.Message{ID: "m1", Recipients: []string{"u1"}, Title: outbox.Text{"en": "Hi"}}
	if _, err := snd.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}

	for _, want := range []string{"access_token=tok", "timestamp=1700000000123", plusQuery} {
		if !strings.Contains(rawQuery, want) {
			t.Errorf("query %q lacks %q", rawQuery, want)
		}
	}
}
