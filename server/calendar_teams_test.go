package server_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// teamHours is a calendar for teams, open every day from start to 20:00.
func teamHours(key, start string, teams ...string) map[string]any {
	week := map[string]any{}
	for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday"} {
		week[d] = []any{map[string]string{"start": start, "end": "20:00"}}
	}
	return map[string]any{"key": key, "name": map[string]string{"en": key}, "app": "sales",
		"calendar": map[string]any{"time_zone": "Asia/Shanghai", "working_hours": week,
			"teams": teams}}
}

// TestTeamCalendarsOverHTTP publishes a calendar for team east: a lead of
// an east rep gets its business-hours follow-up due in east's hours, a
// lead of a west rep in the default calendar's; a second calendar listing
// east is refused in the caller's language.
func TestTeamCalendarsOverHTTP(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	publish := func(path string, body map[string]any) {
		res := h.must(http.StatusCreated, req{method: "POST", path: path, token: a.token,
			body: body})
		h.must(http.StatusOK, req{method: "POST", path: fmt.Sprintf("%s/%s/publish", path,
			str(res.body["id"])), token: a.token})
	}
	publish("/api/v1/forms", leadForm("lead"))
	publish("/api/v1/calendars", teamHours("east_hours", "06:00", "east"))
	publish("/api/v1/processes", responseProcess("team_sla", "lead", "1h business"))

	dues := map[string]string{}
	for _, team := range []string{"east", "west"} {
		id, token := h.addUser(a, auth.Rep)
		h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + id,
			token: a.token, body: map[string]any{"team": team}})
		h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records", token: token,
			body: map[string]any{"form": "lead", "data": map[string]any{"company": team}}})
		for _, it := range h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks",
			token: token}).body["items"].([]any) {
			if due := str(it.(map[string]any)["due_at"]); due != "" {
				dues[team] = due
			}
		}
	}
	// 09:00 UTC on Friday 20 February 2026 is 17:00 in Shanghai, inside
	// east's hours: an hour later is 18:00 there. West counts in the
	// default calendar, off for the Spring Festival holidays.
	if dues["east"] != "2026-02-20T10:00:00Z" || dues["west"] == "" ||
		dues["west"] == dues["east"] {
		t.Errorf("follow-ups due %v; want east's at 10:00Z and west's another time", dues)
	}

	res := h.must(http.StatusUnprocessableEntity, req{method: "POST",
		path: "/api/v1/calendars", token: a.token,
		body:    teamHours("sales_hours", "08:00", "east"),
		headers: map[string]string{"Accept-Language": "zh-CN"}})
	errs, _ := res.body["errors"].([]any)
	want := map[string]any{"pointer": "/calendar/teams/0", "code": "calendar.team_taken",
		"message": "团队“east”已使用日历“east_hours”，请先在该日历中移除并发布"}
	if len(errs) != 1 || fmt.Sprint(errs[0]) != fmt.Sprint(want) {
		t.Errorf("a second calendar for east = %s", res.raw)
	}
}
