package server_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/server"
	"github.com/formworkhq/formwork/templates"
)

// templateLibrary is the embedded library on the harness's services.
func templateLibrary(t *testing.T, store *mongo.Store, defs *designer.Service,
	rt *fwruntime.Runtime) *templates.Library {
	t.Helper()
	c, err := templates.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return templates.New(c, templates.Deps{Designer: defs, Records: rt.Records,
		Ledger: rt.Ledger, Store: store})
}

// templatesUnderTest are the library entries TestTemplateCatalogAPI knows;
// packs added by other work are left out of its lists.
var templatesUnderTest = []string{"commitment_center", "lead_followup", "performance_engine",
	"education_edition", "saas_edition", "starter_xs", "starter_s", "starter_m", "starter_l"}

func TestTemplateCatalogAPI(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"plain packs", "?kind=pack", []string{"commitment_center", "lead_followup",
			"performance_engine"}},
		{"capability", "?capability=response_sla&kind=pack", []string{"lead_followup"}},
		{"search", "?q=%E6%89%BF%E8%AF%BA", []string{"commitment_center"}},
		{"industry and size", "?industry=saas&size=m", []string{"commitment_center",
			"lead_followup", "performance_engine", "saas_edition", "starter_m"}},
		{"education edition", "?industry=education&kind=edition", []string{"education_edition"}},
		{"starter by size", "?size=xs&kind=starter", []string{"starter_xs"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/templates" + tt.query,
				token: a.token})
			got := []string{}
			for _, it := range res.body["items"].([]any) {
				if id := str(it.(map[string]any)["id"]); slices.Contains(templatesUnderTest, id) {
					got = append(got, id)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}

	ed := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/templates/education_edition",
		token: a.token})
	for _, want := range []string{`"kind":"edition"`, `"base":"lead_followup"`, `"enrolment"`,
		`"renewal_alert"`, "课耗与续费看板"} {
		if !strings.Contains(string(ed.raw), want) {
			t.Errorf("education preview lacks %s: %s", want, ed.raw)
		}
	}
	pv := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/templates/lead_followup",
		token: a.token})
	if !strings.Contains(string(pv.raw), `"silence_breaker"`) ||
		!strings.Contains(string(pv.raw), "三句话站会") {
		t.Errorf("preview = %s", pv.raw)
	}
	nf := h.must(http.StatusNotFound, req{method: "GET", path: "/api/v1/templates/nope",
		token: a.token})
	if !strings.Contains(string(nf.raw), "模板库中没有“nope”这个模板") {
		t.Errorf("unknown template = %s", nf.raw)
	}
}

// TestLeadFollowupPack installs the pack into a fresh tenant and drives it
// as its users would: a lead missing a profile tag is refused, a valid one
// gives the owner a task, and two hours later the owner is reminded in the
// app and on WeCom with the supervisor copied.
func TestLeadFollowupPack(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("zh-CN")
	supervisor, supervisorToken := h.addUser(a, auth.Supervisor)
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + a.userID,
		token: a.token, body: map[string]any{"manager_id": supervisor}})

	first := h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/lead_followup/install", token: a.token,
		body: map[string]any{"sample_data": false}})
	if !strings.Contains(string(first.raw), "企业微信") || len(first.body["created"].([]any)) != 7 {
		t.Errorf("install = %s", first.raw)
	}
	again := h.must(http.StatusOK, req{method: "POST",
		path: "/api/v1/templates/lead_followup/install", token: a.token})
	if again.body["app_id"] != first.body["app_id"] {
		t.Errorf("second install = %s, first %s", again.raw, first.raw)
	}
	forms := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/forms?limit=100",
		token: a.token})
	if n := len(forms.body["items"].([]any)); n != 4 {
		t.Errorf("%d forms after installing twice, want 4", n)
	}

	lead := map[string]any{"company": "杭州联信科技", "contact_name": "王磊",
		"mobile": "13800138000", "decision_role": "decision_maker", "budget_cycle": "quarterly",
		"stage": "new", "utm_source": "baidu", "landing_page": "https://example.com/demo"}
	bad := h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead", "data": lead}})
	if fieldErrors(bad)["/pain_level"] == "" || !strings.Contains(string(bad.raw), "痛点等级") {
		t.Errorf("lead without a pain level = %s", bad.raw)
	}
	lead["pain_level"] = "high"
	rec := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead", "data": lead}})
	recordID := str(rec.body["id"])

	tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks", token: a.token})
	if !hasItem(tasks, func(m map[string]any) bool {
		return m["record_id"] == recordID && m["assignee_id"] == a.userID
	}) {
		t.Fatalf("the owner has no task for the lead: %s", tasks.raw)
	}

	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/debug/clock", token: a.token,
		body: map[string]any{"advance": "3h"}})
	got := h.deliverAll(a, recordID)
	want := map[string]string{"in_app": "delivered", "wecom": "failed"}
	if diff := cmp.Diff(want, got.status); diff != "" {
		t.Errorf("deliveries by channel (-want +got):\n%s", diff)
	}
	if !slices.Contains(got.recipients["wecom"], supervisor) {
		t.Errorf("the WeCom to-do does not copy the supervisor: %v", got.recipients)
	}
	h.expectSilenceBreaker(a, recordID, supervisor, supervisorToken)
}

// expectSilenceBreaker stays silent on the lead for two days: the
// supervisor gets the intervention task and a warning ticket is opened.
func (h *harness) expectSilenceBreaker(a account, recordID, supervisor, token string) {
	h.t.Helper()
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/debug/clock", token: a.token,
		body: map[string]any{"advance": "48h"}})
	tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?limit=100",
		token: token})
	for _, kind := range []string{"user_task", "ticket"} {
		if !hasItem(tasks, func(m map[string]any) bool {
			return m["record_id"] == recordID && m["kind"] == kind &&
				m["assignee_id"] == supervisor && m["status"] == "open"
		}) {
			h.t.Errorf("no open %s for the supervisor after 48 silent hours: %s", kind, tasks.raw)
		}
	}
	if !strings.Contains(string(tasks.raw), "静默线索：杭州联信科技") ||
		!strings.Contains(string(tasks.raw), "Supervisor intervention") {
		h.t.Errorf("the ticket or the intervention task is not titled as the pack says: %s",
			tasks.raw)
	}
}

// deliveries are a record's outbox messages by channel.
type deliveries struct {
	status     map[string]string
	recipients map[string][]string
}

// deliverAll delivers the record's messages as a worker would and reads
// them back.
func (h *harness) deliverAll(a account, recordID string) deliveries {
	h.t.Helper()
	path := "/api/v1/deliveries?record_id=" + recordID
	list := h.must(http.StatusOK, req{method: "GET", path: path, token: a.token})
	for _, it := range list.body["items"].([]any) {
		id := str(it.(map[string]any)["id"])
		_ = h.rt.Outbox.Deliver(context.Background(), a.tenantID, id)
	}

	out := deliveries{status: map[string]string{}, recipients: map[string][]string{}}
	list = h.must(http.StatusOK, req{method: "GET", path: path, token: a.token})
	for _, it := range list.body["items"].([]any) {
		m := it.(map[string]any)
		ch := str(m["channel"])
		out.status[ch] = str(m["status"])
		for _, r := range m["recipients"].([]any) {
			out.recipients[ch] = append(out.recipients[ch], str(r))
		}
	}
	return out
}

func hasItem(res response, match func(map[string]any) bool) bool {
	items, _ := res.body["items"].([]any)
	for _, it := range items {
		if m, ok := it.(map[string]any); ok && match(m) {
			return true
		}
	}
	return false
}

// TestCommitmentCenterPack records a promise without its benefits
// (refused), then a full one, and at its delivery time the owner is
// reminded in the app.
func TestCommitmentCenterPack(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/commitment_center/install", token: a.token,
		body: map[string]any{"sample_data": false}})

	promise := map[string]any{"customer": "Hangzhou Lianxin", "status": "open",
		"delivery_at": "2026-02-21T09:00:00Z", "price_range": "¥80,000 – ¥95,000"}
	bad := h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "promise", "data": promise}})
	if fieldErrors(bad)["/extra_benefits"] == "" {
		t.Errorf("promise without benefits = %s", bad.raw)
	}
	promise["extra_benefits"] = "Samples before 20 Feb"
	rec := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "promise", "data": promise}})

	early := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/deliveries?record_id=" + str(rec.body["id"]), token: a.token})
	if items, _ := early.body["items"].([]any); len(items) != 0 {
		t.Errorf("reminded before the promise is due: %s", early.raw)
	}
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/debug/clock", token: a.token,
		body: map[string]any{"advance": "25h"}})
	got := h.deliverAll(a, str(rec.body["id"]))
	if got.status["in_app"] != "delivered" || !slices.Contains(got.recipients["in_app"], a.userID) {
		t.Errorf("due reminder = %+v, want an in-app message to the owner", got)
	}
}

// TestTemplateCompare installs a pack, edits one of its forms and
// publishes it, then compares: that form differs from what the pack ships,
// the rest are the same; before any install there is nothing to compare.
func TestTemplateCompare(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	h.must(http.StatusNotFound, req{method: "GET",
		path: "/api/v1/templates/commitment_center/compare", token: a.token})
	h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/commitment_center/install", token: a.token})

	same := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/templates/commitment_center/compare", token: a.token})
	for _, d := range same.body["definitions"].([]any) {
		if m := d.(map[string]any); m["status"] != "same" {
			t.Errorf("right after installing, %v %v is %v", m["kind"], m["key"], m["status"])
		}
	}

	forms := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/forms?limit=10",
		token: a.token})
	form := forms.body["items"].([]any)[0].(map[string]any)
	id := str(form["id"])
	got := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/forms/" + id, token: a.token})
	draft := got.body["draft"].(map[string]any)
	content := map[string]any{"schema": draft["schema"], "layout": draft["layout"]}
	props := content["schema"].(map[string]any)["properties"].(map[string]any)
	props["channel"] = map[string]any{"type": "string", "maxLength": 50}
	layout := content["layout"].(map[string]any)["sections"].([]any)[0].(map[string]any)
	layout["fields"] = append(layout["fields"].([]any), map[string]any{"name": "channel",
		"kind": "text", "label": map[string]any{"en": "Channel", "zh-CN": "渠道"}})
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/forms/" + id, token: a.token,
		body: content, headers: map[string]string{"If-Match": fmt.Sprintf(`"%v"`,
			got.body["revision"])}})
	h.must(http.StatusOK, req{method: "POST", path: "/api/v1/forms/" + id + "/publish",
		token: a.token})

	diff := h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/templates/commitment_center/compare", token: a.token})
	if !hasDefinition(diff, str(form["key"]), "changed") {
		t.Errorf("the edited form is not reported as changed: %s", diff.raw)
	}
}

// hasDefinition reports whether a comparison lists key with status.
func hasDefinition(res response, key, status string) bool {
	for _, d := range res.body["definitions"].([]any) {
		if m := d.(map[string]any); m["key"] == key && m["status"] == status {
			return true
		}
	}
	return false
}

// TestEducationEdition installs the education edition into a fresh tenant
// and drives its extra rules: class-consumption progress and the renewal
// prediction are computed on every change, 80 % consumption gives the
// owner a renewal conversation and tells the campus head, a parent
// satisfaction of 2 opens a care ticket for the supervisor, and the board
// shows the predicted renewal rate.
func TestEducationEdition(t *testing.T) {
	h := insightHarness(t)
	a := h.signup("zh-CN")
	supervisor, supervisorToken := h.addUser(a, auth.Supervisor)
	h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + a.userID,
		token: a.token, body: map[string]any{"manager_id": supervisor}})
	h.must(http.StatusCreated, req{method: "POST",
		path: "/api/v1/templates/education_edition/install", token: a.token,
		body: map[string]any{"sample_data": false}})

	lead := map[string]any{"company": "张子涵", "contact_name": "张伟", "mobile": "13800138001",
		"decision_role": "decision_maker", "budget_cycle": "quarterly", "pain_level": "high",
		"stage": "trial_booked"}
	bad := h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead", "data": lead}})
	if errs := fieldErrors(bad); errs["/grade"] == "" || errs["/budget_cycle"] == "" ||
		!strings.Contains(string(bad.raw), "年级") {
		t.Errorf("enquiry without a grade, on a base payment plan = %s", bad.raw)
	}

	id := h.educationEnrolment(a)
	got := h.patchEnrolment(a, id, 1, map[string]any{"lessons_consumed": 40})
	if diff := cmp.Diff(map[string]any{"consumption_progress": 83.3,
		"renewal_prediction": 0.87}, got); diff != "" {
		t.Errorf("figures at 40 of 48 lessons (-want +got):\n%s", diff)
	}
	tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks", token: a.token})
	if !hasItem(tasks, func(m map[string]any) bool {
		return m["record_id"] == id && m["assignee_id"] == a.userID && m["status"] == "open"
	}) || !strings.Contains(string(tasks.raw), "与家长沟通续费") {
		t.Errorf("no renewal conversation for the owner at 83 %%: %s", tasks.raw)
	}
	sent := h.deliverAll(a, id)
	if sent.status["in_app"] != "delivered" ||
		!slices.Contains(sent.recipients["in_app"], supervisor) {
		t.Errorf("renewal notice = %+v, want an in-app message copying the campus head", sent)
	}

	got = h.patchEnrolment(a, id, 2, map[string]any{"parent_satisfaction": 2})
	if got["renewal_prediction"] != 0.62 {
		t.Errorf("renewal prediction after satisfaction 2 = %v, want 0.62", got)
	}
	care := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks?limit=100",
		token: supervisorToken})
	if !hasItem(care, func(m map[string]any) bool {
		return m["record_id"] == id && m["kind"] == "ticket" && m["assignee_id"] == supervisor
	}) || !strings.Contains(string(care.raw), "家长不满意：王一诺 评分 2/5") {
		t.Errorf("no care ticket for the supervisor: %s", care.raw)
	}
	h.expectEducationBoard(a)
}

// educationEnrolment refuses an enrolment that attended more lessons than
// it bought, then submits one at 30 of 48 lessons and checks its figures.
func (h *harness) educationEnrolment(a account) string {
	h.t.Helper()
	enrolment := map[string]any{"student": "王一诺", "course": "初二数学秋季班",
		"lessons_purchased": 48, "lessons_consumed": 50, "lessons_missed": 2,
		"parent_satisfaction": 4, "status": "active"}
	bad := h.must(http.StatusUnprocessableEntity, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "enrolment", "data": enrolment}})
	if fieldErrors(bad)["/lessons_consumed"] != "rule" ||
		!strings.Contains(string(bad.raw), "已上课时不能超过购买课时。") {
		h.t.Errorf("50 of 48 lessons = %s", bad.raw)
	}

	enrolment["lessons_consumed"] = 30
	rec := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "enrolment", "data": enrolment}})
	data := rec.body["data"].(map[string]any)
	// 0.5 × (4 − 1) / 4 + 0.3 × (30 / 48 / 0.8) + 0.2 × 30 / 32 = 0.796875
	if data["consumption_progress"] != 62.5 || data["renewal_prediction"] != 0.8 {
		h.t.Errorf("figures at 30 of 48 lessons = %v", data)
	}
	return str(rec.body["id"])
}

// patchEnrolment changes an enrolment and returns its computed figures.
func (h *harness) patchEnrolment(a account, id string, version int,
	change map[string]any) map[string]any {
	h.t.Helper()
	res := h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/records/" + id,
		token: a.token, body: map[string]any{"version": version, "data": change}})
	data := res.body["data"].(map[string]any)
	return map[string]any{"consumption_progress": data["consumption_progress"],
		"renewal_prediction": data["renewal_prediction"]}
}

// expectEducationBoard reads the classes-and-renewals board: one student,
// due for renewal, at 83.3 % with a 0.62 prediction.
func (h *harness) expectEducationBoard(a account) {
	h.t.Helper()
	id := h.dashboardID(a, "education")
	data := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/dashboards/" + id + "/data",
		token: a.token})
	got := map[string]any{}
	for _, w := range []string{"predicted_renewal_rate", "consumption_progress",
		"due_for_renewal", "parent_satisfaction"} {
		got[w] = widgetOf(data, w)["value"]
	}
	want := map[string]any{"predicted_renewal_rate": 0.62, "consumption_progress": 83.3,
		"due_for_renewal": 1.0, "parent_satisfaction": 2.0}
	if diff := cmp.Diff(want, got); diff != "" {
		h.t.Errorf("education board (-want +got):\n%s", diff)
	}
}

// TestSmallTeamStarter installs the starter for teams of up to ten: a lead
// the boss enters without any campaign source still goes to the rep, who
// gets the first follow-up, and the stand-up the starter leaves out is not
// there.
func TestSmallTeamStarter(t *testing.T) {
	h := newHarness(t, server.Options{})
	a := h.signup("en")
	rep, repToken := h.addUser(a, auth.Rep)
	h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/templates/starter_xs/install",
		token: a.token, body: map[string]any{"sample_data": false}})

	lead := map[string]any{"company": "Hangzhou Lianxin", "contact_name": "Wang Lei",
		"mobile": "13800138000", "decision_role": "decision_maker", "budget_cycle": "quarterly",
		"pain_level": "high", "stage": "new"}
	rec := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/records",
		token: a.token, body: map[string]any{"form": "lead", "data": lead}})
	id := str(rec.body["id"])
	got := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records/" + id,
		token: a.token})
	if got.body["owner_id"] != rep {
		t.Errorf("lead owner = %v, want the rep %s", got.body["owner_id"], rep)
	}
	tasks := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/tasks", token: repToken})
	if !hasItem(tasks, func(m map[string]any) bool {
		return m["record_id"] == id && m["assignee_id"] == rep
	}) {
		t.Errorf("the rep has no first follow-up: %s", tasks.raw)
	}
	standup := h.do(req{method: "POST", path: "/api/v1/records", token: a.token,
		body: map[string]any{"form": "standup", "data": map[string]any{
			"moved": "Lianxin booked a demo", "stuck": "Nothing", "close_today": "The trial"}}})
	if standup.status == http.StatusCreated {
		t.Errorf("the stand-up the starter leaves out accepted a record: %s", standup.raw)
	}
}
