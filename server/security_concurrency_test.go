package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/server"
)

// rawCall is one request sent from a goroutine: it reports rather than
// fails, so many can run at once.
type rawCall struct {
	status int
	body   []byte
	err    error
}

func (h *harness) call(method, path, token string, body any, headers map[string]string) rawCall {
	raw, _ := json.Marshal(body)
	hr, err := http.NewRequest(method, h.base+path, bytes.NewReader(raw))
	if err != nil {
		return rawCall{err: err}
	}
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("Authorization", "Bearer "+token)
	for k, v := range headers {
		hr.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		return rawCall{err: err}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return rawCall{status: res.StatusCode, body: b, err: err}
}

// TestFault10ConcurrentUpdatesOneWins sends 50 updates of one record, all
// made against version 1, at once: exactly one is applied, the other 49
// answer 409, and the record equals the original with the winner's change
// alone — the state of a serial order in which the winner went first.
func TestFault10ConcurrentUpdatesOneWins(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.designerFixtures(a)
	rec := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead",
			"data": map[string]any{"company": "Hangzhou Lianxin", "stage": "new"}}})
	id := str(rec.body["id"])

	const n = 50
	calls := make([]rawCall, n)
	var wg sync.WaitGroup
	ready := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-ready
			calls[i] = h.call("PATCH", "/api/v1/records/"+id, a.token, map[string]any{
				"data": map[string]any{"amount": float64(i + 1)}, "version": 1}, nil)
		})
	}
	close(ready)
	wg.Wait()

	winner, conflicts, other := -1, 0, 0
	for i, c := range calls {
		switch {
		case c.err == nil && c.status == http.StatusOK:
			winner = i
		case c.err == nil && c.status == http.StatusConflict:
			conflicts++
		default:
			other++
			t.Errorf("update %d = %d %v: %s", i, c.status, c.err, c.body)
		}
	}

	got := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + id, token: a.token})
	data, _ := got.body["data"].(map[string]any)
	serial := winner >= 0 && data["amount"] == float64(winner+1) &&
		data["company"] == "Hangzhou Lianxin" && data["stage"] == "new" &&
		got.body["version"] == float64(2)
	if conflicts != n-1 || !serial {
		t.Errorf("winner %d, %d conflicts; final record %s", winner, conflicts, got.raw)
	}
	reportFigure(t, "fault 10", "50 concurrent updates at one version",
		fmt.Sprintf("%d applied, %d answered 409, %d other; final = serial order: %v",
			n-conflicts-other, conflicts, other, serial),
		"1 applied, 49 × 409, serial state", conflicts == n-1 && serial && other == 0)
}

// TestFault10IdempotencyKey sends one submission ten times under one
// Idempotency-Key, five of them at once: one record is created and every
// answer is the same; a different body under the same key answers 422.
func TestFault10IdempotencyKey(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.designerFixtures(a)
	body := map[string]any{"form": "lead", "data": map[string]any{"company": "Lianxin"}}
	key := map[string]string{"Idempotency-Key": "lead-2026-03-02-0001"}
	before := h.recordCount(a.token)

	answers := make([]rawCall, 10)
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Go(func() { answers[i] = h.submitUntilSettled(a.token, body, key) })
	}
	wg.Wait()
	for i := 5; i < 10; i++ {
		answers[i] = h.submitUntilSettled(a.token, body, key)
	}

	same := 0
	for i, ans := range answers {
		if ans.err == nil && ans.status == http.StatusCreated &&
			bytes.Equal(ans.body, answers[0].body) {
			same++
		} else {
			t.Errorf("answer %d = %d %v: %s", i, ans.status, ans.err, ans.body)
		}
	}
	records := h.recordCount(a.token) - before

	other := h.call("POST", "/api/v1/records", a.token, map[string]any{"form": "lead",
		"data": map[string]any{"company": "Someone else"}}, key)
	if records != 1 || other.status != http.StatusUnprocessableEntity {
		t.Errorf("records = %d, other body under the key = %d %s", records, other.status,
			other.body)
	}
	reportFigure(t, "fault 10", "one Idempotency-Key ×10 (5 concurrent), then another body",
		fmt.Sprintf("%d record(s), %d of 10 identical 201 answers, other body %d",
			records, same, other.status),
		"1 record, 10 identical, 422", records == 1 && same == 10 &&
			other.status == http.StatusUnprocessableEntity)
}

// submitUntilSettled posts body under key and, while the first request
// with the key is still running (409 with Retry-After), tries again, as a
// client following the hint would.
func (h *harness) submitUntilSettled(token string, body any, key map[string]string) rawCall {
	var c rawCall
	for range 100 {
		c = h.call("POST", "/api/v1/records", token, body, key)
		if c.err != nil || c.status != http.StatusConflict {
			return c
		}
		time.Sleep(20 * time.Millisecond)
	}
	return c
}

// recordCount counts the tenant's lead records.
func (h *harness) recordCount(token string) int {
	h.t.Helper()
	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records?form=lead&limit=200",
		token: token})
	items, _ := list.body["items"].([]any)
	return len(items)
}
