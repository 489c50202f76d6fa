package main

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledMidImport builds the binary, starts an import of a few
// thousand rows, kills the process with SIGKILL once the import has stored
// progress, and starts it again on the same data: once the dead worker's
// lease has run out (the manual clock is moved past it) the reconciler
// resumes the import, which ends with every row counted once and one
// record per key. It builds and kills real processes, so it runs with the
// long suites (FORMWORK_TEST_LONG=1).
func TestKilledMidImport(t *testing.T) {
	if os.Getenv("FORMWORK_TEST_LONG") != "1" {
		t.Skip("a long suite: set FORMWORK_TEST_LONG=1")
	}
	const rows = 3000
	bin := filepath.Join(t.TempDir(), "formwork")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("building: %v\n%s", err, out)
	}
	dataDir, addr := t.TempDir(), freeAddr(t)

	first := startBinary(t, bin, dataDir, addr)
	c := signedUp(t, addr)
	publishAccounts(t, c)
	id := str(uploadAccounts(t, c, rows)["id"])
	c.post(t, "/api/v1/imports/"+id+"/run", map[string]any{"key_field": "customer_id",
		"mode":    "valid_rows",
		"mapping": map[string]any{"id": "customer_id", "name": "name"}}, http.StatusAccepted)
	mid := waitImport(t, c, id, func(p map[string]any) bool { return p["landed_through"] != 0.0 })

	_ = first.Process.Signal(syscall.SIGKILL)
	_ = first.Wait()
	startBinary(t, bin, dataDir, addr)
	c.post(t, "/api/v1/debug/clock", map[string]any{"advance": "11m"}, http.StatusOK)
	done := waitImport(t, c, id, func(map[string]any) bool { return false })

	p, _ := done["progress"].(map[string]any)
	t.Logf("killed at %v; after the restart: %v", mid["progress"], p)
	// Every row created a record, the ones redone after the restart too:
	// each finds its record marked with the killed worker's write of it.
	if done["status"] != "imported" || p["rows_read"] != float64(rows) ||
		p["rows_imported"] != float64(rows) || p["created"] != float64(rows) ||
		p["merged"] != 0.0 || p["unchanged"] != 0.0 {
		t.Fatalf("resumed import = %v", done)
	}
	if n := countRecords(t, c); n != rows {
		t.Errorf("%d records, want %d", n, rows)
	}
}

// signedUp signs a tenant up on the binary at addr and signs in.
func signedUp(t *testing.T, addr string) *client {
	t.Helper()
	c := &client{base: "http://" + addr}
	c.post(t, "/api/v1/signup", map[string]any{"tenant": "Acme", "name": "Li Lei",
		"email": "li@acme.cn", "password": "correct-horse", "locale": "zh-CN"}, 201)
	c.token = str(c.post(t, "/api/v1/auth/login", map[string]any{"email": "li@acme.cn",
		"password": "correct-horse"}, 200)["token"])
	return c
}

// publishAccounts publishes a form of customer accounts keyed by customer_id.
func publishAccounts(t *testing.T, c *client) {
	t.Helper()
	field := func(name string) map[string]any {
		return map[string]any{"name": name, "kind": "text",
			"label": map[string]string{"en": name, "zh-CN": name}}
	}
	form := c.post(t, "/api/v1/forms", map[string]any{"key": "account",
		"name": map[string]string{"en": "Account", "zh-CN": "客户"}, "app": "sales",
		"schema": map[string]any{"type": "object", "required": []string{"customer_id"},
			"properties": map[string]any{"customer_id": map[string]any{"type": "string"},
				"name": map[string]any{"type": "string"}}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			field("customer_id"), field("name")}}}}}, http.StatusCreated)
	c.post(t, "/api/v1/forms/"+str(form["id"])+"/publish", map[string]any{}, http.StatusOK)
}

// uploadAccounts uploads a CSV file of n accounts.
func uploadAccounts(t *testing.T, c *client, n int) map[string]any {
	t.Helper()
	var file strings.Builder
	file.WriteString("id,name\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&file, "C-%05d,Customer %d\n", i, i)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("form", "account")
	fw, _ := mw.CreateFormFile("file", "accounts.csv")
	_, _ = fw.Write([]byte(file.String()))
	_ = mw.Close()

	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost,
		c.base+"/api/v1/imports", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(t, req, http.StatusCreated)
}

// waitImport polls the import until it is at rest or until stop says so
// of its progress, within five minutes.
func waitImport(t *testing.T, c *client, id string,
	stop func(progress map[string]any) bool) map[string]any {
	t.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		j := c.get(t, "/api/v1/imports/"+id)
		p, _ := j["progress"].(map[string]any)
		if s := j["status"]; (s != "checking" && s != "importing") || stop(p) {
			return j
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("import %s did not get there in five minutes", id)
	return nil
}

// countRecords counts the accounts, page by page, failing on a key seen
// twice.
func countRecords(t *testing.T, c *client) int {
	t.Helper()
	seen := map[string]bool{}
	for cursor := ""; ; {
		page := c.get(t, "/api/v1/records?form=account&limit=200&cursor="+cursor)
		items, _ := page["items"].([]any)
		for _, it := range items {
			data, _ := it.(map[string]any)["data"].(map[string]any)
			key := str(data["customer_id"])
			if seen[key] {
				t.Errorf("two records for %s", key)
			}
			seen[key] = true
		}
		if cursor = str(page["next_cursor"]); cursor == "" || cursor == "<nil>" {
			return len(seen)
		}
	}
}
