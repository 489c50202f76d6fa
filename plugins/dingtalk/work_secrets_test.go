package dingtalk_test

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

// TestWorkSecretsNeverShow configures a dingtalk_work instance whose
// vendor echoes the app secret and the access token in its refusal, then
// checks the API answers, the test result, a send error and the logs.
func TestWorkSecretsNeverShow(t *testing.T) {
	ctx := context.Background()
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := plugins.New(plugins.Config{Store: testenv.Mongo(t), Clock: clock.NewManual(now),
		Log: log, SecretKey: bytes.Repeat([]byte{9}, 32),
		HTTP: httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})})
	if err := s.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	_, srv := newFakeDingTalk(t, ok(`{"errcode":33012,"errmsg":"无效的USERID {token} `+
		`appsecret=`+workSecret+`"}`))

	admin := auth.Principal{TenantID: "t1", UserID: "a", Roles: []auth.Role{auth.Admin}}
	v, err := s.Create(ctx, admin, "dingtalk_work", plugins.InstanceInput{Key: "ding_work",
		Settings: map[string]any{"app_key": "dingkey01", "app_secret": workSecret,
			"agent_id": 2233, "api_base": srv.URL, "test_user": "u1"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.SendTest(ctx, admin, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK || res.Retryable || !strings.Contains(res.Error, "33012") {
		t.Errorf("test result %+v, want a permanent 33012 refusal", res)
	}
	list, err := s.List(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Resolve(ctx, "t1", "ding_work")
	if err != nil {
		t.Fatal(err)
	}
	m := &outbox.Message{ID: "m1", Recipients: []string{"u1"}}
	m.TenantID = "t1"
	_, sendErr := b.Sender.Send(ctx, m)

	raw, _ := json.Marshal([]any{v, res, list})
	for what, text := range map[string]string{"API answers": string(raw),
		"logs": logs.String(), "send error": sendErr.Error()} {
		for _, secret := range []string{workSecret, "DT-TOKEN-"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contain %q: %s", what, secret, text)
			}
		}
	}
}
