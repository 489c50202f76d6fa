package server_test

import (
	"net/http"
	"testing"

	"github.com/formworkhq/formwork/server"
)

// TestGrowingTeamStarter installs the starter for teams of 11–50 with its
// sample playbook and drives it as a new rep would: the first follow-up of
// a lead is the five-step form, which does not count with a step left
// out; moving the lead to qualified asks for nothing, moving it to the
// demo stage hands the rep the demo checklist, which cannot be closed
// with an item unticked.
func TestGrowingTeamStarter(t *testing.T) {
	h := newHarness(t, server.Options{})
	u := newPackUsers(h, "en")
	u.install("starter_s", true)
	plays := u.records("playbook", "title")
	if len(plays) != 3 || plays["Customer cancelled the meeting"]["scenario"] !=
		"meeting_cancelled" || plays["首次通话 90 秒开场"]["scenario"] != "first_call" {
		t.Errorf("sample playbook = %v", plays)
	}

	id := u.submit("rep", "lead", map[string]any{"company": "Brightway Devices",
		"contact_name": "Zhou Min", "mobile": "13800138040", "decision_role": "decision_maker",
		"budget_cycle": "annual", "pain_level": "high", "stage": "new"})
	first := u.openTask("rep", id, "Five-step first follow-up")
	if first == nil || u.task("rep", str(first["id"]))["form"] != "five_step_follow_up" {
		t.Fatalf("the rep's first follow-up is not the five steps: %v", first)
	}
	steps := map[string]any{"step_intro": true, "step_need": true, "step_profile": true,
		"step_value": false, "confirmed_at": "2026-02-24T02:00:00Z",
		"next_action": "Demo on Tuesday 10:00 with the sales director"}
	expectFieldError(t, u.completeTask("rep", str(first["id"]),
		http.StatusUnprocessableEntity, steps), "/step_value", "",
		"Do this step before the first follow-up counts.")
	steps["step_value"] = true
	u.completeTask("rep", str(first["id"]), http.StatusOK, steps)

	u.patch("rep", id, map[string]any{"stage": "qualified"})
	if u.openTask("rep", id, "Demo checklist") != nil {
		t.Errorf("a demo checklist before the demo stage")
	}
	u.patch("rep", id, map[string]any{"stage": "demo"})
	list := u.openTask("rep", id, "Demo checklist")
	if list == nil || u.task("rep", str(list["id"]))["form"] != "demo_checklist" {
		t.Fatalf("no demo checklist at the demo stage: %v", list)
	}
	ticks := map[string]any{"agenda_sent": true, "stakeholders_confirmed": true,
		"demo_data_ready": true, "environment_tested": true, "follow_up_booked": false}
	expectFieldError(t, u.completeTask("rep", str(list["id"]),
		http.StatusUnprocessableEntity, ticks), "/follow_up_booked", "",
		"Tick this before closing the checklist.")
	ticks["follow_up_booked"], ticks["notes"] = true, "Asked about SSO"
	u.completeTask("rep", str(list["id"]), http.StatusOK, ticks)
	if u.openTask("rep", id, "Demo checklist") != nil {
		t.Errorf("the demo checklist is still open once completed")
	}
}
