package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the logger and the test to share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// process is one in-process `formwork serve`.
type process struct {
	base string
	logs *syncBuffer
	stop func() error
}

func startServe(t *testing.T, vars map[string]string) *process {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	logs := &syncBuffer{}
	done := make(chan error, 1)
	getenv := func(k string) string { return vars[k] }
	go func() {
		done <- runEnv(ctx, []string{"serve"}, env{getenv: getenv, stdout: logs, stderr: logs,
			ready: func(addr string) { ready <- addr }})
	}()

	select {
	case addr := <-ready:
		p := &process{base: "http://" + addr, logs: logs}
		var once sync.Once
		var stopErr error
		p.stop = func() error {
			once.Do(func() { cancel(); stopErr = <-done })
			return stopErr
		}
		t.Cleanup(func() { _ = p.stop() })
		return p
	case err := <-done:
		cancel()
		t.Fatalf("serve exited: %v\n%s", err, logs)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatalf("serve did not start\n%s", logs)
	}
	return nil
}

func (p *process) post(t *testing.T, path string, body any, token string) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, p.base+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return send(t, req)
}

func (p *process) get(t *testing.T, path, token string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, p.base+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return send(t, req)
}

func send(t *testing.T, req *http.Request) (int, map[string]any) {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(res.Body).Decode(&body)
	return res.StatusCode, body
}

func storeVars(t *testing.T) map[string]string {
	vars := map[string]string{"FORMWORK_ADDR": "127.0.0.1:0", "FORMWORK_DATA_DIR": t.TempDir(),
		"FORMWORK_LOG_FORMAT": "json"}
	if addr := os.Getenv("FORMWORK_TEST_REDIS_ADDR"); addr != "" {
		vars["FORMWORK_REDIS_ADDR"] = addr
	}
	return vars
}

// TestServeKeepsTenantsAcrossRestarts is the first-run journey on the
// embedded stores: sign up, sign in, stop, start again on the same data
// directory, and sign in again.
func TestServeKeepsTenantsAcrossRestarts(t *testing.T) {
	vars := storeVars(t)
	first := startServe(t, vars)
	if code, body := first.get(t, "/readyz", ""); code != http.StatusOK {
		t.Fatalf("readyz = %d %v", code, body)
	}
	signup := map[string]string{"tenant": "Acme", "name": "Li Lei", "email": "li@acme.cn",
		"password": "correct-horse", "locale": "zh-CN"}
	if code, body := first.post(t, "/api/v1/signup", signup, ""); code != http.StatusCreated {
		t.Fatalf("signup = %d %v", code, body)
	}
	if err := first.stop(); err != nil {
		t.Fatalf("serve returned %v\n%s", err, first.logs)
	}

	second := startServe(t, vars)
	code, login := second.post(t, "/api/v1/auth/login",
		map[string]string{"email": "li@acme.cn", "password": "correct-horse"}, "")
	if code != http.StatusOK {
		t.Fatalf("login after restart = %d %v", code, login)
	}
	code, me := second.get(t, "/api/v1/me", fmt.Sprint(login["token"]))
	if code != http.StatusOK || me["email"] != "li@acme.cn" || me["locale"] != "zh-CN" {
		t.Fatalf("me after restart = %d %v", code, me)
	}
	for _, want := range []string{`"store":"mongodb"`, `"store":"redis"`, "is for one machine"} {
		if vars["FORMWORK_REDIS_ADDR"] != "" && want == `"store":"redis"` {
			continue
		}
		if !strings.Contains(second.logs.String(), want) {
			t.Errorf("start-up log lacks %s:\n%s", want, second.logs)
		}
	}
}

func TestCreateTenantFromTheCommandLine(t *testing.T) {
	vars := storeVars(t)
	var out, errs bytes.Buffer
	args := []string{"admin", "create-tenant", "-tenant", "Acme", "-name", "Han Meimei",
		"-email", "han@acme.cn", "-locale", "zh-CN"}
	e := env{getenv: func(k string) string { return vars[k] },
		stdin: strings.NewReader("correct-horse\n"), stdout: &out, stderr: &errs}
	if err := runEnv(context.Background(), args, e); err != nil {
		t.Fatalf("create-tenant: %v\n%s", err, errs.String())
	}
	if !strings.Contains(out.String(), "tenant Acme created") {
		t.Fatalf("output = %q", out.String())
	}

	err := runEnv(context.Background(), args, env{getenv: e.getenv,
		stdin: strings.NewReader("short\n"), stdout: &out, stderr: &errs})
	if err == nil || !strings.Contains(err.Error(), "-email") ||
		!strings.Contains(err.Error(), "-password") {
		t.Fatalf("second create-tenant err = %v, want both problems named", err)
	}

	p := startServe(t, vars)
	code, login := p.post(t, "/api/v1/auth/login",
		map[string]string{"email": "han@acme.cn", "password": "correct-horse"}, "")
	if code != http.StatusOK {
		t.Fatalf("login as the CLI-created owner = %d", code)
	}
	token, _ := login["token"].(string)
	code, log := p.get(t, "/api/v1/audit?action=user.create", token)
	items, _ := log["items"].([]any)
	if code != http.StatusOK || len(items) != 1 {
		t.Fatalf("audit of the CLI-created owner = %d %v", code, log)
	}
	if entry, _ := items[0].(map[string]any); entry["summary"] != "cli,owner" {
		t.Errorf("audit entry = %v, want the command line named", entry)
	}
}

func TestStartupNamesTheUnreachableStore(t *testing.T) {
	tests := []struct {
		name, key, value, want string
	}{
		{"mongodb", "FORMWORK_MONGO_URI", "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300",
			"mongodb at 127.0.0.1:1 is unreachable: check FORMWORK_MONGO_URI"},
		{"redis", "FORMWORK_REDIS_ADDR", "127.0.0.1:1",
			"redis at 127.0.0.1:1 is unreachable: check FORMWORK_REDIS_ADDR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := storeVars(t)
			delete(vars, "FORMWORK_REDIS_ADDR")
			vars[tt.key] = tt.value
			var logs bytes.Buffer
			err := runEnv(context.Background(), []string{"serve"},
				env{getenv: func(k string) string { return vars[k] }, stdout: &logs, stderr: &logs})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("serve err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{nil, {"bogus"}, {"admin"}, {"store"},
		{"serve", "-signup", "maybe"}} {
		var out bytes.Buffer
		err := runEnv(context.Background(), args, env{getenv: func(string) string { return "" },
			stdout: &out, stderr: &out})
		if err == nil {
			t.Errorf("formwork %v succeeded, want an error", args)
		}
	}
}
