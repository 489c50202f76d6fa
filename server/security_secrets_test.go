package server_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer collects log output from many goroutines.
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

// raw is the body of a GET.
func (s *fuzzServer) raw(tb testing.TB, path, token string) string {
	tb.Helper()
	hr, _ := http.NewRequest("GET", s.base+path, nil)
	hr.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// TestNoSecretsInLogs runs a server that logs everything (debug level,
// JSON) and feeds it secrets the way people do: a password at sign-up, a
// wrong and a right one at sign-in, a password for a new colleague, plugin
// signing secrets and their rotation, an API token and its use as a bearer
// token. None of them may appear in the logs, whole or base64-free, nor in
// the audit log, which records every one of those changes.
func TestNoSecretsInLogs(t *testing.T) {
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := newServerLogging(t, log)

	secrets := []string{"Owner-Passw0rd-7f3a", "Wrong-Passw0rd-91bc", "Colleague-Pw-5d2e",
		"whsec_c2VjcmV0LXNpZ25pbmcta2V5LTEyMzQ1Njc4", "SECdingtalk0a1b2c3d4e5f60718293a4b5c6d7e8f",
		"whsec_cm90YXRlZC1zaWduaW5nLWtleS04NzY1NDMyMQ=="}
	s.must(t, http.StatusCreated, "POST", "/api/v1/signup", "", map[string]any{
		"tenant": "Leaky", "name": "Owner", "email": "leaky@example.com",
		"password": secrets[0], "locale": "en"})
	s.send(t, "POST", "/api/v1/auth/login", "",
		map[string]any{"email": "leaky@example.com", "password": secrets[1]})
	login := s.must(t, http.StatusOK, "POST", "/api/v1/auth/login", "",
		map[string]any{"email": "leaky@example.com", "password": secrets[0]})
	token := str(login["token"])
	s.must(t, http.StatusCreated, "POST", "/api/v1/users", token, map[string]any{
		"email": "colleague@example.com", "name": "Colleague", "password": secrets[2],
		"roles": []string{"rep"}})
	hook := s.must(t, http.StatusCreated, "POST", "/api/v1/plugins/webhook/instances", token,
		map[string]any{"key": "crm_hook", "settings": map[string]any{
			"url": "https://hooks.example.com/formwork", "secret": secrets[3]}})
	s.must(t, http.StatusOK, "PATCH", "/api/v1/plugins/instances/"+str(hook["id"]), token,
		map[string]any{"settings": map[string]any{"url": "https://hooks.example.com/formwork",
			"secret": secrets[5]}})
	s.send(t, "POST", "/api/v1/plugins/dingtalk/instances", token, map[string]any{
		"key": "ding", "settings": map[string]any{
			"webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=tok-4e1f",
			"secret":      secrets[4]}})
	issued := s.must(t, http.StatusCreated, "POST", "/api/v1/tokens", token,
		map[string]any{"name": "sync"})
	apiToken := str(issued["token"])
	s.must(t, http.StatusOK, "GET", "/api/v1/me", apiToken, nil)
	s.send(t, "GET", "/api/v1/me", apiToken+"x", nil)

	secrets = append(secrets, token, apiToken, "tok-4e1f")
	audited := s.raw(t, "/api/v1/audit?limit=200", token)
	if !strings.Contains(audited, "webhook.rotate") || !strings.Contains(audited, "token.create") {
		t.Errorf("the audit log misses the changes: %.500s", audited)
	}
	out := logs.String() + audited
	leaked := 0
	for _, sec := range secrets {
		if sec != "" && strings.Contains(out, sec) {
			leaked++
			t.Errorf("the logs contain secret %q", sec)
		}
	}
	lines := strings.Count(out, "\n")
	if lines < 5 {
		t.Errorf("only %d log lines: the test sees no logs", lines)
	}
	reportFigure(t, "security", "secrets seeded, then grepped in debug logs and the audit log",
		fmt.Sprintf("%d of %d secrets found in %d log lines", leaked, len(secrets), lines),
		"0 found", leaked == 0)
}
