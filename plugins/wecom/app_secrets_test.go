package wecom_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// lockedBuffer is a log sink read after the fact.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestAppSecretsNeverShow configures a wecom_app instance whose vendor
// echoes both the app secret and the access token in its refusal, then
// checks the API answers, the test result, a send error and the logs.
func TestAppSecretsNeverShow(t *testing.T) {
	ctx := context.Background()
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := plugins.New(plugins.Config{Store: testenv.Mongo(t), Clock: clock.NewManual(now),
		Log: log, SecretKey: bytes.Repeat([]byte{9}, 32),
		HTTP: httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})})
	if err := s.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	_, srv := newFakeWeCom(t, `{"errcode":40014,"errmsg":"invalid access_token `+
		`{token} for corpsecret `+appSecret+`"}`)

	admin := auth.Principal{TenantID: "t1", UserID: "a", Roles: []auth.Role{auth.Admin}}
	v, err := s.Create(ctx, admin, "wecom_app", plugins.InstanceInput{Key: "wecom_sales",
		Settings: map[string]any{"corp_id": "ww1234", "agent_id": 1000002,
			"secret": appSecret, "api_base": srv.URL, "test_user": "zhangsan"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.SendTest(ctx, admin, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK || res.Retryable || !strings.Contains(res.Error, "40014") {
		t.Errorf("test result %+v, want a permanent 40014 refusal", res)
	}
	list, err := s.List(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Resolve(ctx, "t1", "wecom_sales")
	if err != nil {
		t.Fatal(err)
	}
	m := &outbox.Message{ID: "m1", Recipients: []string{"zhangsan"}}
	m.TenantID = "t1"
	_, sendErr := b.Sender.Send(ctx, m)

	raw, _ := json.Marshal([]any{v, res, list})
	for what, text := range map[string]string{"API answers": string(raw),
		"logs": logs.String(), "send error": sendErr.Error()} {
		for _, secret := range []string{appSecret, "ACCESS-TOKEN-"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contain %q: %s", what, secret, text)
			}
		}
	}
}
