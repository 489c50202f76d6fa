package reliability_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// built is the binary the long suites share: built once per test run.
var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
	out  []byte
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// buildBinary builds cmd/formwork once for the whole run and returns it.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "formwork-reliability-*")
		if built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "formwork")
		build := exec.Command("go", "build", "-o", built.bin, "../cmd/formwork")
		built.out, built.err = build.CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("building formwork: %v\n%s", built.err, built.out)
	}
	return built.bin
}

// process is one running `formwork serve`.
type process struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	logs bytes.Buffer
}

func (p *process) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logs.Write(b)
}

// startServe runs `formwork serve` on the data dir and address with the
// embedded stores and extra environment, and waits until /readyz answers
// 200. It is killed when the test ends.
func startServe(t *testing.T, bin, dataDir, addr string, env ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(bin, "serve")}
	p.cmd.Env = append(os.Environ(), append([]string{"FORMWORK_ADDR=" + addr,
		"FORMWORK_DATA_DIR=" + dataDir, "FORMWORK_MONGO_URI=", "FORMWORK_REDIS_ADDR=",
		"FORMWORK_LOG_LEVEL=warn", "FORMWORK_LOG_FORMAT=text"}, env...)...)
	p.cmd.Stdout, p.cmd.Stderr = p, p
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.cmd.Process.Kill(); _ = p.cmd.Wait() })

	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("formwork did not get ready:\n%s", p.logs.String())
	return nil
}

// api calls a running binary.
type api struct {
	base, token string
}

// call sends body (JSON) and returns the status and decoded answer.
func (c *api) call(method, path string, body any) (int, map[string]any, error) {
	return c.callWithKey(method, path, body, "")
}

// callWithKey is call with an Idempotency-Key, when key is not empty.
func (c *api) callWithKey(method, path string, body any, key string) (int, map[string]any,
	error) {
	var rd io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out, nil
}

// must is call that insists on a status.
func (c *api) must(t *testing.T, want int, method, path string, body any) map[string]any {
	t.Helper()
	got, out, err := c.call(method, path, body)
	if err != nil || got != want {
		t.Fatalf("%s %s = %d %v, want %d: %v", method, path, got, err, want, out)
	}
	return out
}

// signupTenant signs a tenant up and returns its owner's client.
func signupTenant(t *testing.T, base, name string) *api {
	t.Helper()
	c := &api{base: base}
	email := name + "@example.com"
	c.must(t, http.StatusCreated, "POST", "/api/v1/signup", map[string]any{"tenant": name,
		"name": "Owner", "email": email, "password": "correct-horse", "locale": "en"})
	login := c.must(t, http.StatusOK, "POST", "/api/v1/auth/login",
		map[string]any{"email": email, "password": "correct-horse"})
	c.token = fmt.Sprint(login["token"])
	return c
}

// publishLeadApp creates and publishes a lead form and a process whose
// follow-up task reminds its owner after sla (wall-clock time).
func publishLeadApp(t *testing.T, c *api, sla string) {
	t.Helper()
	form := c.must(t, http.StatusCreated, "POST", "/api/v1/forms", map[string]any{
		"key": "lead", "name": map[string]string{"en": "Lead"}, "app": "sales",
		"schema": map[string]any{"type": "object", "required": []string{"company"},
			"properties": map[string]any{"company": map[string]any{"type": "string"}}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			map[string]any{"name": "company", "kind": "text",
				"label": map[string]string{"en": "Company"}}}}}}})
	c.must(t, http.StatusOK, "POST", "/api/v1/forms/"+fmt.Sprint(form["id"])+"/publish", nil)

	node := func(id, kind string, config map[string]any) map[string]any {
		return map[string]any{"id": id, "kind": kind, "name": map[string]string{"en": id},
			"config": config}
	}
	proc := c.must(t, http.StatusCreated, "POST", "/api/v1/processes", map[string]any{
		"key": "response", "name": map[string]string{"en": "Response"}, "app": "sales",
		"graph": map[string]any{"nodes": []any{
			node("start", "trigger", map[string]any{"on": "record_created", "form": "lead"}),
			node("follow_up", "user_task", map[string]any{
				"assignee": map[string]any{"rule": "owner"}}),
			node("done", "end", map[string]any{}),
			node("remind", "notify", map[string]any{"channel": "in_app",
				"recipients": []any{map[string]any{"kind": "owner"}},
				"message":    map[string]string{"en": "{{record.company}} waits"}}),
			node("reminded", "end", map[string]any{}),
		}, "edges": []any{
			map[string]any{"id": "e1", "from": "start", "to": "follow_up"},
			map[string]any{"id": "e2", "from": "follow_up", "to": "done"},
			map[string]any{"id": "sla", "from": "follow_up", "to": "remind",
				"kind": "boundary", "after": sla},
			map[string]any{"id": "e3", "from": "remind", "to": "reminded"},
		}}})
	c.must(t, http.StatusOK, "POST", "/api/v1/processes/"+fmt.Sprint(proc["id"])+"/publish",
		nil)
}
