package server_test

import (
	"net/http"
	"testing"

	"github.com/formworkhq/formwork/server"
)

// TestPublishKeepsRunningWork is the implementer's change of "2 hours" to
// "90 business minutes": running leads keep their version until someone
// chooses otherwise, and the choice is counted.
func TestPublishKeepsRunningWork(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	ids := h.designerFixtures(a)
	process := "/api/v1/processes/" + ids["process"]

	h.must(http.StatusOK, req{method: "PATCH", path: process, token: a.token,
		body: map[string]any{"graph": responseProcess("lead_response", "lead",
			"90m business")["graph"]}})
	pub := h.must(http.StatusOK, req{method: "POST", path: process + "/publish",
		token: a.token})
	if pub.body["version"] != float64(2) {
		t.Fatalf("publish = %s", pub.raw)
	}

	h.must(http.StatusUnprocessableEntity, req{method: "POST", path: process + "/migrate",
		token: a.token, body: map[string]any{"from": 2}})
	kept := h.must(http.StatusOK, req{method: "POST", path: process + "/migrate",
		token: a.token, body: map[string]any{"from": 1, "mode": "keep_running"}})
	if kept.body["kept"] != float64(1) {
		t.Fatalf("keep = %s", kept.raw)
	}
	restarted := h.must(http.StatusOK, req{method: "POST", path: process + "/migrate",
		token: a.token, body: map[string]any{"from": 1, "mode": "cancel_and_restart"}})
	if restarted.body["restarted"] != float64(1) {
		t.Fatalf("restart = %s", restarted.raw)
	}
}
