package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestKilledWithTimersPending builds the binary, starts it on a manual
// clock, leaves a lead's 2-hour SLA timer pending, kills the process with
// SIGKILL and starts it again on the same data: moving the clock past the
// deadline then fires the reminder once — nothing lost, nothing twice.
// It builds and kills real processes, so it runs with the long suites
// (FORMWORK_TEST_LONG=1, set by CI).
func TestKilledWithTimersPending(t *testing.T) {
	if os.Getenv("FORMWORK_TEST_LONG") != "1" {
		t.Skip("a long suite: set FORMWORK_TEST_LONG=1")
	}
	bin := filepath.Join(t.TempDir(), "formwork")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building: %v\n%s", err, out)
	}
	dataDir, addr := t.TempDir(), freeAddr(t)

	first := startBinary(t, bin, dataDir, addr)
	c := &client{base: "http://" + addr}
	c.post(t, "/api/v1/signup", map[string]any{"tenant": "Acme", "name": "Li Lei",
		"email": "li@acme.cn", "password": "correct-horse", "locale": "zh-CN"}, 201)
	c.token = str(c.post(t, "/api/v1/auth/login", map[string]any{"email": "li@acme.cn",
		"password": "correct-horse"}, 200)["token"])
	c.post(t, "/api/v1/templates/lead_followup/install", map[string]any{}, 201)
	rec := c.post(t, "/api/v1/records", map[string]any{"form": "lead", "data": map[string]any{
		"company": "Hangzhou Lianxin", "contact_name": "Zhang Min", "mobile": "13800138000",
		"decision_role": "decision_maker", "budget_cycle": "quarterly", "pain_level": "high",
		"stage": "new"}}, 201)

	_ = first.Process.Signal(syscall.SIGKILL)
	_ = first.Wait()

	startBinary(t, bin, dataDir, addr)
	// Ten days cover any weekend or holiday week the 2 business hours may
	// straddle, whenever the test runs.
	c.post(t, "/api/v1/debug/clock", map[string]any{"advance": "10d"}, 200)
	c.token = "" // ten days outlast the sign-in
	c.token = str(c.post(t, "/api/v1/auth/login", map[string]any{"email": "li@acme.cn",
		"password": "correct-horse"}, 200)["token"])
	path := "/api/v1/deliveries?record_id=" + str(rec["id"])
	items, _ := c.get(t, path)["items"].([]any)
	sent := map[string]int{}
	for _, it := range items {
		m, _ := it.(map[string]any)
		sent[str(m["kind"])+"/"+str(m["channel"])]++
	}
	// The SLA reminder, in the app and on WeCom, once each.
	if sent["notify/in_app"] != 1 || sent["notify/wecom"] != 1 {
		t.Fatalf("deliveries after the restart = %v: %v", sent, items)
	}
}

// startBinary runs `formwork serve` on a manual clock until the test ends
// and waits until it is ready.
func startBinary(t *testing.T, bin, dataDir, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "FORMWORK_ADDR="+addr, "FORMWORK_DATA_DIR="+dataDir,
		"FORMWORK_CLOCK=manual", "FORMWORK_MONGO_URI=", "FORMWORK_REDIS_ADDR=",
		"FORMWORK_LOG_LEVEL=warn")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })

	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return cmd
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("formwork did not get ready:\n%s", logs.String())
	return nil
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// client calls the API of a running binary.
type client struct {
	base, token string
}

func (c *client) post(t *testing.T, path string, body any, want int) map[string]any {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, c.base+path,
		bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	return c.do(t, req, want)
}

func (c *client) get(t *testing.T, path string) map[string]any {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, c.base+path, nil)
	return c.do(t, req, http.StatusOK)
}

func (c *client) do(t *testing.T, req *http.Request, want int) map[string]any {
	t.Helper()
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	if res.StatusCode != want {
		t.Fatalf("%s %s = %d, want %d: %v", req.Method, req.URL.Path, res.StatusCode, want, out)
	}
	return out
}

func str(v any) string { return fmt.Sprint(v) }
