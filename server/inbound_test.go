package server_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/formworkhq/formwork/plugins/webhook"
	"github.com/formworkhq/formwork/server"
)

// inboundSecret is whsec_ + base64("0123456789abcdef0123456789abcdef").
const inboundSecret = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="

// TestInboundWebhookStartsProcessOnce posts call-centre events to a
// tenant's inbound webhook: a signed one starts the process once however
// often it is delivered; a bad signature, an unknown key and an unknown
// tenant all answer the same 401.
func TestInboundWebhookStartsProcessOnce(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/plugins/inbound_webhook/instances", token: a.token,
		body: map[string]any{"key": "call_center", "settings": map[string]any{
			"secret": inboundSecret, "event_names": []string{"call_ended"}}}})
	res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/processes",
		token: a.token, body: taskFor("call_follow_up", a.userID,
			map[string]any{"on": "inbound_event", "event": "call_ended"})})
	h.must(http.StatusOK, req{method: "POST",
		path: "/api/v1/processes/" + str(res.body["id"]) + "/publish", token: a.token})

	key, _ := webhook.DecodeSecret(inboundSecret)
	body := `{"type":"call_ended","data":{"duration_s":300}}`
	ts := strconv.FormatInt(h.clock.Now().Unix(), 10)
	signed := map[string]string{"webhook-id": "cc-42", "webhook-timestamp": ts,
		"webhook-signature": webhook.Signature(key, "cc-42", ts, []byte(body))}
	forged := map[string]string{"webhook-id": "cc-43", "webhook-timestamp": ts,
		"webhook-signature": webhook.Signature([]byte("not the secret!!"), "cc-43", ts,
			[]byte(body))}
	path := "/api/v1/hooks/" + a.tenantID + "/call_center"

	for range 2 {
		ev := h.must(http.StatusAccepted, req{method: "POST", path: path, body: body,
			headers: signed})
		if ev.body["started"] != float64(1) {
			t.Fatalf("event = %s", ev.raw)
		}
	}

	cases := []struct {
		name    string
		path    string
		headers map[string]string
	}{
		{"bad signature", path, forged},
		{"no signature", path, nil},
		{"unknown key", "/api/v1/hooks/" + a.tenantID + "/nobody", signed},
		{"unknown tenant", "/api/v1/hooks/t_unknown/call_center", signed},
	}
	var codes []string
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := h.do(req{method: "POST", path: tc.path, body: body, headers: tc.headers})
			if r.status != http.StatusUnauthorized {
				t.Errorf("status = %d %s, want 401", r.status, r.raw)
			}
			codes = append(codes, str(r.body["code"]))
		})
	}
	for _, c := range codes {
		if c != codes[0] {
			t.Errorf("refusals differ: %v", codes)
		}
	}

	tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?assignee=me",
		token: a.token})
	if n := len(tasks.body["items"].([]any)); n != 1 {
		t.Fatalf("tasks = %d: %s", n, tasks.raw)
	}
}
