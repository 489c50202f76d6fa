package server_test

import (
	"fmt"
	"maps"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
)

// packUsers is a tenant with a supervisor and a rep who reports to them;
// tokens are renewed after the clock moves past a session's week.
type packUsers struct {
	h        *harness
	a        account
	sup, rep string
	emails   map[string]string
	tokens   map[string]string
}

func newPackUsers(h *harness, locale string) *packUsers {
	h.t.Helper()
	u := &packUsers{h: h, a: h.signup(locale), emails: map[string]string{},
		tokens: map[string]string{}}
	u.sup, u.tokens["sup"] = h.addUser(u.a, auth.Supervisor)
	u.rep, u.tokens["rep"] = h.addUser(u.a, auth.Rep)
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + u.rep, token: u.a.token,
		body: map[string]any{"manager_id": u.sup}})
	for who, id := range map[string]string{"sup": u.sup, "rep": u.rep} {
		res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/users/" + id,
			token: u.a.token})
		u.emails[who] = str(res.body["email"])
	}
	return u
}

// setClock moves the manual clock to at and signs everyone in again.
func (u *packUsers) setClock(at string) {
	u.h.t.Helper()
	u.h.must(http.StatusOK, req{method: "POST", path: "/api/v1/debug/clock", token: u.a.token,
		body: map[string]any{"set": at}})
	u.a.token = u.h.login(u.a.email, testPassword)
	for who, email := range u.emails {
		u.tokens[who] = u.h.login(email, testPassword)
	}
}

// submit records data on form as who ("rep", "sup" or "" for the owner).
func (u *packUsers) submit(who, form string, data map[string]any) string {
	u.h.t.Helper()
	res := u.h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: u.token(who), body: map[string]any{"form": form, "data": data}})
	return str(res.body["id"])
}

// patch changes fields of record id as who, at its current version.
func (u *packUsers) patch(who, id string, data map[string]any) map[string]any {
	u.h.t.Helper()
	cur := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + id,
		token: u.token(who)})
	res := u.h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/records/" + id,
		token: u.token(who), body: map[string]any{"version": cur.body["version"], "data": data}})
	out, _ := res.body["data"].(map[string]any)
	return out
}

func (u *packUsers) record(id string) map[string]any {
	u.h.t.Helper()
	res := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + id,
		token: u.a.token})
	out, _ := res.body["data"].(map[string]any)
	return out
}

func (u *packUsers) token(who string) string {
	if t, ok := u.tokens[who]; ok {
		return t
	}
	return u.a.token
}

// openTask returns who's open task on record whose English title has
// title in it, or nil.
func (u *packUsers) openTask(who, recordID, title string) map[string]any {
	u.h.t.Helper()
	res := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?limit=100",
		token: u.token(who)})
	items, _ := res.body["items"].([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		t, _ := m["title"].(map[string]any)
		if m["record_id"] == recordID && m["status"] == "open" &&
			strings.Contains(str(t["en"]), title) {
			return m
		}
	}
	return nil
}

// notified reports whether who has an in-app notification whose body, in
// one of its languages, contains every one of parts, after the outbox
// delivered record's messages (every message when recordID is empty).
func (u *packUsers) notified(who, recordID string, parts ...string) bool {
	u.h.t.Helper()
	u.h.deliverAll(u.a, recordID)
	res := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/notifications?limit=100",
		token: u.token(who)})
	items, _ := res.body["items"].([]any)
	for _, it := range items {
		body, _ := it.(map[string]any)["body"].(map[string]any)
		for _, text := range body {
			if containsEvery(str(text), parts) {
				return true
			}
		}
	}
	return false
}

func containsEvery(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// taskDueAt reads a task's due time.
func taskDueAt(t *testing.T, task map[string]any) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, str(task["due_at"]))
	if err != nil {
		t.Fatalf("task without a due time: %v", task)
	}
	return at
}

// TestHonestActivityPack drives the honest-activity pack through a
// Spring Festival and two weeks of work: key events give to-dos due on
// the sales calendar, an unanswered first contact reaches the supervisor,
// a closure added to the calendar moves a new SLA, a quiet deal asks to
// be re-engaged, the weekly review sends the work-reality brief, keeps
// each week's score in a weekly match record and opens a coaching
// conversation after two weeks under 60 %, and the board counts the logged
// activity and charts the score week by week.
func TestHonestActivityPack(t *testing.T) {
	hh := packHubHarness(t)
	h := hh.harness
	u := newPackUsers(h, "en")
	inst := h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/honest_activity/install", token: u.a.token,
		body: map[string]any{"sample_data": false}})
	if n := len(inst.body["created"].([]any)); n != 17 {
		t.Errorf("install created %d definitions, want 17: %s", n, inst.raw)
	}
	expectListed(h, u.a, "report_sandbox", "honest_activity")

	ids := expectEventTodos(t, u)
	sandbox := u.submit("rep", "report_sandbox", map[string]any{"rep_email": u.emails["rep"],
		"reported_calls": 20, "reported_call_minutes": 300, "reported_documents": 10,
		"reported_contract_edits": 4})
	feedLoggedWeek(t, hh, u, "8,90,3,1")
	logged := u.record(sandbox)
	if got, _ := logged["match_pct"].(float64); math.Abs(got-31.25) > 0.01 {
		t.Errorf("match = %v, want 31.25 (a quarter for each of four figures)", logged)
	}
	h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/records/" + ids["quiet"] + "/activities", token: u.tokens["rep"],
		body: map[string]any{"kind": "document_opened"}})

	expectFirstContactSLA(t, u, ids["called"])
	expectQuietDeal(t, u, ids)
	expectFirstWeek(t, u, sandbox)
	expectClosure(t, u)
	expectCoaching(t, u, sandbox)
	expectWorkRealityBoard(t, u)
}

// feedLoggedWeek is the activity feed: it imports the rep's logged
// figures (calls, minutes, documents, contract edits) into the sandbox
// keyed by the rep's e-mail, as the pack's sandbox form describes.
func feedLoggedWeek(t *testing.T, hh *hubHarness, u *packUsers, figures string) {
	t.Helper()
	csv := "rep_email,logged_calls,logged_call_minutes,logged_documents_opened," +
		"logged_contract_edits\n" + u.emails["rep"] + "," + figures + "\n"
	up := hh.upload(u.a.token, "activity_feed.csv", []byte(csv),
		map[string]string{"form": "report_sandbox"}, "en")
	if up.status != http.StatusCreated {
		t.Fatalf("feed upload = %d %s", up.status, up.raw)
	}
	mapping := map[string]any{}
	for _, col := range strings.Split(strings.SplitN(csv, "\n", 2)[0], ",") {
		mapping[col] = col
	}
	done := hh.start(u.a.token, str(up.body["id"]), "run",
		map[string]any{"mapping": mapping, "key_field": "rep_email"})
	if p := progress(done); p["merged"] != 1.0 {
		t.Fatalf("feed = %s, want one row merged into the rep's sandbox", done.raw)
	}
}

// expectEventTodos submits the key events of a sale and checks each gives
// its owner the to-do the pack promises; the first is due two working
// hours after the Spring Festival holiday ends.
func expectEventTodos(t *testing.T, u *packUsers) map[string]string {
	t.Helper()
	opp := func(company string) string {
		return u.submit("rep", "opportunity", map[string]any{"company": company,
			"contact_name": "Wang Lei", "amount": 96000, "stage": "new"})
	}
	ids := map[string]string{"called": opp("Hangzhou Lianxin"), "quiet": opp("Chengdu Yunqi"),
		"won": opp("Shanghai Mingyuan"), "lost": opp("Xiamen Haiwan")}

	first := u.openTask("rep", ids["called"], "First contact")
	if first == nil {
		t.Fatalf("no first-contact to-do for the rep")
	}
	// Friday 2026-02-20 17:00 in Shanghai is inside the Spring Festival
	// holiday (to Monday 23rd): two working hours run Tuesday 09:00–11:00.
	if want := time.Date(2026, 2, 24, 3, 0, 0, 0, time.UTC); !taskDueAt(t, first).Equal(want) {
		t.Errorf("first contact due %v, want %v (after the holiday)", taskDueAt(t, first), want)
	}

	proposal := u.submit("rep", "proposal", map[string]any{"opportunity": ids["won"],
		"title": "50 seats, annual", "amount": 96000})
	visit := u.submit("rep", "customer_visit", map[string]any{"customer": "Shanghai Mingyuan",
		"visited_at": "2026-02-20T08:00:00Z", "outcome": "Agreed the trial scope"})
	u.patch("rep", ids["won"], map[string]any{"stage": "won"})
	u.patch("rep", ids["lost"], map[string]any{"stage": "lost"})
	for _, c := range []struct{ record, title string }{
		{proposal, "Confirm the proposal was read"}, {visit, "Send the visit minutes"},
		{ids["won"], "Hand the customer over to delivery"}, {ids["lost"], "Loss review"},
	} {
		if u.openTask("rep", c.record, c.title) == nil {
			t.Errorf("no to-do %q for the rep", c.title)
		}
	}

	handover := u.openTask("rep", ids["won"], "Hand the customer over")
	u.h.must(http.StatusUnprocessableEntity, req{method: "POST",
		path: "/api/v1/tasks/" + str(handover["id"]) + "/complete", token: u.tokens["rep"],
		body: map[string]any{"data": map[string]any{"delivery_contact": "Li Min"}}})
	u.h.must(http.StatusOK, req{method: "POST",
		path: "/api/v1/tasks/" + str(handover["id"]) + "/complete", token: u.tokens["rep"],
		body: map[string]any{"data": map[string]any{"kickoff_at": "2026-03-02T10:00:00+08:00",
			"delivery_contact": "Li Min", "promises": "Training for 20 users in March"}}})
	return ids
}

// expectFirstContactSLA lets the first contact run out: the rep is
// reminded on WeCom with the supervisor copied.
func expectFirstContactSLA(t *testing.T, u *packUsers, recordID string) {
	t.Helper()
	u.setClock("2026-02-24T04:00:00Z")
	got := u.h.deliverAll(u.a, recordID)
	if got.status["wecom"] != "failed" || len(got.recipients["wecom"]) != 2 ||
		!hasEveryID(got.recipients["wecom"], u.rep, u.sup) {
		t.Errorf("WeCom reminder = %+v, want one to the rep and the supervisor (failing: "+
			"no WeCom configured)", got)
	}
	u.h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/records/" + recordID + "/activities", token: u.tokens["rep"],
		body: map[string]any{"kind": "call", "duration_s": 600}})
}

// expectQuietDeal: five working days after the holiday (the make-up
// Saturday included) the opportunity with only a document opened asks to
// be re-engaged on Monday 09:00; the one called on Tuesday at noon is
// quiet only from Monday noon.
func expectQuietDeal(t *testing.T, u *packUsers, ids map[string]string) {
	t.Helper()
	u.setClock("2026-03-02T03:30:00Z") // Monday 11:30 in Shanghai
	if u.openTask("rep", ids["quiet"], "Deal gone quiet") == nil {
		t.Errorf("no re-engage to-do on the deal nobody contacted for five working days")
	}
	if u.openTask("rep", ids["called"], "Deal gone quiet") != nil {
		t.Errorf("a deal called under five working days ago was reported quiet")
	}
	if u.openTask("rep", ids["won"], "Deal gone quiet") != nil {
		t.Errorf("a won deal was reported quiet")
	}
}

// expectFirstWeek checks the close of the first week: the brief, the
// score kept as last week's, the figures back to zero, no coaching yet.
func expectFirstWeek(t *testing.T, u *packUsers, sandbox string) {
	t.Helper()
	if !u.notified("rep", sandbox, "90 call minutes", "3 documents opened",
		"1 contract edits", "You reported 20 calls", "Match: 31.25 %") {
		t.Errorf("the rep has no work-reality brief with the week's figures")
	}
	expectWeeksKept(t, u, sandbox, map[string]float64{"2026-02-28": 31.25})
	rec := u.record(sandbox)
	if rec["last_week_match"] != 31.25 || rec["weeks_below"] != 1.0 ||
		rec["logged_call_minutes"] != 0.0 || rec["reported_calls"] != 0.0 {
		t.Errorf("sandbox after the first week = %v", rec)
	}
	if u.openTask("sup", sandbox, "Coaching") != nil {
		t.Errorf("coaching opened after a single week under 60 %%")
	}
	u.patch("rep", sandbox, map[string]any{"reported_calls": 10, "reported_call_minutes": 200,
		"reported_documents": 5, "reported_contract_edits": 2})
	u.patch("", sandbox, map[string]any{"logged_calls": 4, "logged_call_minutes": 60,
		"logged_documents_opened": 2, "logged_contract_edits": 0})
}

// expectWeeksKept checks the weekly match records the review created for
// the rep's sandbox: one per closed week, by the day it closed, owned by
// the rep and linked to the sandbox.
func expectWeeksKept(t *testing.T, u *packUsers, sandbox string, want map[string]float64) {
	t.Helper()
	res := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records?form=match_week",
		token: u.a.token})
	got := map[string]float64{}
	for _, it := range res.body["items"].([]any) {
		m := it.(map[string]any)
		data := m["data"].(map[string]any)
		if m["owner_id"] != u.rep || data["rep"] != u.rep || data["sandbox"] != sandbox ||
			data["rep_email"] != u.emails["rep"] {
			t.Errorf("weekly match record = %v, want the rep's, linked to %s", m, sandbox)
		}
		score, _ := data["score"].(float64)
		got[str(data["week"])] = score
	}
	if !maps.Equal(want, got) {
		t.Errorf("weekly match records = %v, want %v", got, want)
	}
}

// expectClosure adds a two-day closure to the sales calendar: a
// first-contact SLA started just before it resumes after it.
func expectClosure(t *testing.T, u *packUsers) {
	t.Helper()
	h := u.h
	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/calendars", token: u.a.token})
	id := str(list.body["items"].([]any)[0].(map[string]any)["id"])
	got := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/calendars/" + id,
		token: u.a.token})
	content := got.body["draft"].(map[string]any)
	cal := content["calendar"].(map[string]any)
	cal["closures"] = []any{map[string]any{"start": "2026-03-04", "end": "2026-03-05",
		"name": map[string]any{"en": "Company off-site", "zh-CN": "公司团建"}}}
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/calendars/" + id, token: u.a.token,
		body: content, headers: map[string]string{"If-Match": fmt.Sprintf(`"%v"`,
			got.body["revision"])}})
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/calendars/" + id + "/publish",
		token: u.a.token})

	u.setClock("2026-03-03T09:30:00Z") // Tuesday 17:30 in Shanghai
	opp := u.submit("rep", "opportunity", map[string]any{"company": "Wuhan Guanggu",
		"contact_name": "Zhao Yun", "amount": 50000, "stage": "new"})
	task := u.openTask("rep", opp, "First contact")
	// Half an hour on Tuesday, then Friday 09:00–10:30 after the closure.
	if want := time.Date(2026, 3, 6, 2, 30, 0, 0, time.UTC); task == nil ||
		!taskDueAt(t, task).Equal(want) {
		t.Errorf("first contact before a closure = %v, want due %v", task, want)
	}
}

// expectCoaching closes the second week under 60 %: the supervisor gets
// the coaching conversation, and completing it needs what was agreed.
func expectCoaching(t *testing.T, u *packUsers, sandbox string) {
	t.Helper()
	u.setClock("2026-03-12T00:00:00Z")
	if !u.notified("rep", sandbox, "60 call minutes", "Match: 27.5 %") {
		t.Errorf("no brief for the second week")
	}
	expectWeeksKept(t, u, sandbox, map[string]float64{"2026-02-28": 31.25,
		"2026-03-06": 27.5})
	task := u.openTask("sup", sandbox, "Coaching conversation")
	if task == nil || task["assignee_id"] != u.sup {
		t.Fatalf("no coaching conversation for the supervisor after two weeks under 60 %%: %v",
			task)
	}
	if rec := u.record(sandbox); rec["weeks_below"] != 0.0 || rec["last_week_match"] != 27.5 {
		t.Errorf("sandbox after coaching = %v, want the count started over", rec)
	}
	path := "/api/v1/tasks/" + str(task["id"]) + "/complete"
	u.h.must(http.StatusUnprocessableEntity, req{method: "POST", path: path,
		token: u.tokens["sup"], body: map[string]any{"data": map[string]any{}}})
	u.h.must(http.StatusOK, req{method: "POST", path: path, token: u.tokens["sup"],
		body: map[string]any{"data": map[string]any{
			"agreed": "Log calls from the desk phone; check in on Friday"}}})
}

// expectWorkRealityBoard reads the board: the activities the rep logged
// in the last 30 days, the match by rep and its history week by week.
func expectWorkRealityBoard(t *testing.T, u *packUsers) {
	t.Helper()
	id := u.h.dashboardID(u.a, "work_reality")
	data := u.h.must(http.StatusOK, req{method: "GET", path: "/api/v1/dashboards/" + id +
		"/data?owner=" + u.rep, token: u.a.token})
	heat := widgetOf(data, "activity_heatmap")
	days := map[string]any{}
	series, _ := heat["series"].([]any)
	for _, p := range series {
		m := p.(map[string]any)
		days[str(m["bucket"])] = m["value"]
	}
	// Two views while editing and a document opened on the 20th, the
	// call on the 24th.
	if heat["value"] != 4.0 || len(series) != 30 || days["2026-02-20"] != 3.0 ||
		days["2026-02-24"] != 1.0 {
		t.Errorf("heat map = %v, want the rep's 4 activities over 30 days", heat)
	}
	weeks := map[string]any{}
	for _, p := range widgetOf(data, "match_history")["series"].([]any) {
		m := p.(map[string]any)
		weeks[str(m["bucket"])] = m["value"]
	}
	// Each week's record counts on its week field (the week's last working
	// day: the make-up Saturday 28 February, then Friday 6 March), not on
	// the day the review stored it: the weeks of 23 February and 2 March.
	if weeks["2026-02-23"] != 31.25 || weeks["2026-03-02"] != 27.5 ||
		weeks["2026-03-09"] != nil {
		t.Errorf("match history = %v, want 31.25 in the week of 23 February and then 27.5",
			weeks)
	}
	match := widgetOf(data, "last_week_by_rep")
	if match["value"] != 27.5 {
		t.Errorf("last week's match on the board = %v, want 27.5", match)
	}
}

// hasEveryID reports whether have holds every one of want.
func hasEveryID(have []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			return false
		}
	}
	return true
}

// expectListed checks the library lists exactly pack for capability.
func expectListed(h *harness, a account, capability, pack string) {
	h.t.Helper()
	res := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/templates?capability=" + capability, token: a.token})
	items, _ := res.body["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["id"] != pack {
		h.t.Errorf("templates with %s = %s, want %s", capability, res.raw, pack)
	}
}
