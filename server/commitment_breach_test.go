package server_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// TestCommitmentBreach installs the commitment center and drives its
// breach escalation as a sales team and customer service would: a kept
// promise reaches nobody; one the rep marks broken tells the rep, their
// supervisor and customer service in the app and on WeCom and gives the
// supervisor a breach review, whose cause and remedy land on the promise
// and reach the rep and service; one still open a day before its due time
// reminds the rep; one still open at its due time is reminded, and a
// working day later lapses into the same escalation, unless a later
// delivery time was agreed; a review left undone for a working day
// reaches the supervisor's own manager; the fulfilment board counts every
// one of them.
func TestCommitmentBreach(t *testing.T) {
	h := newHarness(t, server.Options{})
	u := newPackUsers(h, "en")
	svc := u.addPerson("svc", auth.Service)
	head := u.addPerson("head", auth.Supervisor)
	u.h.must(http.StatusOK, req{method: "PATCH", path: "/api/v1/users/" + u.sup,
		token: u.a.token, body: map[string]any{"manager_id": head}})
	u.install("commitment_center", false)
	u.setClock("2026-03-09T01:00:00Z") // Monday 09:00 in Shanghai

	ids := recordBreachPromises(u)
	expectKeptQuiet(t, u, ids["kept"])
	u.patch("rep", ids["broken"], map[string]any{"status": "broken"})
	expectBreachAlert(t, u, ids["broken"], svc)
	expectBreachReview(t, u, ids["broken"], "supply", "Samples by express on Monday")

	expectDayAhead(t, u, ids)
	expectLapse(t, u, ids, svc)
	expectOverdueReview(t, u, ids)
	expectBreachReview(t, u, ids["lapsing"], "capacity", "Second shift on the line")
	expectBreachBoard(t, u)
}

// recordBreachPromises records four promises as the rep, all due on
// Tuesday 10:00 in Shanghai except the one broken before its time, and
// keeps one of them at once.
func recordBreachPromises(u *packUsers) map[string]string {
	u.h.t.Helper()
	due := map[string]string{"kept": "2026-03-10T02:00:00Z", "broken": "2026-03-12T02:00:00Z",
		"lapsing": "2026-03-10T02:00:00Z", "moved": "2026-03-10T02:00:00Z"}
	customers := map[string]string{"kept": "Ningbo Harbour Logistics",
		"broken": "Hangzhou Lianxin", "lapsing": "Suzhou Hengli Machinery",
		"moved": "Xiamen Bluewave Foods"}
	lines := map[string]string{"kept": "crm", "broken": "crm", "lapsing": "erp",
		"moved": "erp"}
	ids := map[string]string{}
	for _, k := range []string{"kept", "broken", "lapsing", "moved"} {
		ids[k] = u.submit("rep", "promise", map[string]any{"customer": customers[k],
			"delivery_at": due[k], "price_range": "¥80,000 – ¥95,000",
			"extra_benefits": "Samples before the pilot", "product_line": lines[k],
			"status": "open"})
	}
	u.patch("rep", ids["kept"], map[string]any{"status": "fulfilled"})
	return ids
}

// expectKeptQuiet checks that a fulfilled promise sent no message and
// gave the supervisor nothing to do.
func expectKeptQuiet(t *testing.T, u *packUsers, id string) {
	t.Helper()
	if got := u.h.deliverAll(u.a, id); len(got.status) != 0 {
		t.Errorf("a kept promise sent messages: %+v", got)
	}
	if task := u.openTask("sup", id, ""); task != nil {
		t.Errorf("a kept promise gave the supervisor a task: %v", task)
	}
}

// expectBreachAlert checks that a broken promise reached exactly the rep,
// the supervisor and customer service in the app and on WeCom, and that
// the supervisor has a breach review for it.
func expectBreachAlert(t *testing.T, u *packUsers, id, svc string) {
	t.Helper()
	sent := u.h.deliverAll(u.a, id)
	want := []string{u.rep, u.sup, svc}
	slices.Sort(want)
	for _, ch := range []string{"in_app", "wecom"} {
		got := slices.Compact(slices.Sorted(slices.Values(sent.recipients[ch])))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s recipients of the breach (-want +got):\n%s", ch, diff)
		}
	}
	for _, who := range []string{"rep", "sup", "svc"} {
		if !u.notified(who, id, "is broken", "reviews the cause and the remedy") {
			t.Errorf("%s was not told of the broken promise", who)
		}
	}
	if u.notified("", id, "is broken") {
		t.Errorf("the tenant owner, neither rep, supervisor nor service, was told")
	}
	if task := u.openTask("rep", id, "Review the broken promise"); task != nil {
		t.Errorf("the rep got the review meant for the supervisor: %v", task)
	}
}

// expectBreachReview has the supervisor complete the breach review of
// promise id, first without a remedy (refused, the task stays open), then
// with cause and remedy: both land on the promise and the remedy reaches
// the rep and customer service.
func expectBreachReview(t *testing.T, u *packUsers, id, cause, remedy string) {
	t.Helper()
	task := u.openTask("sup", id, "Review the broken promise")
	if task == nil {
		t.Fatalf("the supervisor has no breach review for promise %s", id)
	}
	if titleOf(task, "zh-CN") == "" || taskDueAt(t, task).IsZero() {
		t.Errorf("breach review without a Chinese title or a due time: %v", task)
	}
	bad := u.completeTask("sup", str(task["id"]), http.StatusUnprocessableEntity,
		map[string]any{"cause": cause, "customer_informed": true})
	expectFieldError(t, bad, "/remedy", "required", "Remedy for the customer")
	if u.openTask("sup", id, "Review the broken promise") == nil {
		t.Errorf("a refused review closed the task")
	}

	u.completeTask("sup", str(task["id"]), http.StatusOK, map[string]any{"cause": cause,
		"remedy": remedy, "customer_informed": true})
	rec := u.record(id)
	if rec["breach_cause"] != cause || rec["remedy"] != remedy || rec["status"] != "broken" {
		t.Errorf("promise after its review = %v", rec)
	}
	for _, who := range []string{"rep", "svc"} {
		if !u.notified(who, id, "Remedy: "+remedy) {
			t.Errorf("%s was not sent the remedy", who)
		}
	}
}

// expectDayAhead moves the clock past a day before Tuesday 10:00: the rep
// is reminded of the promises still open, in the app and on WeCom, and
// not of the kept or the broken one; nothing is due yet.
func expectDayAhead(t *testing.T, u *packUsers, ids map[string]string) {
	t.Helper()
	if u.notified("rep", ids["lapsing"], "falls due within a day") {
		t.Errorf("reminded a day ahead more than a day ahead")
	}
	u.setClock("2026-03-09T02:30:00Z") // Monday 10:30, a day before Tuesday 10:30
	for k, customer := range map[string]string{"lapsing": "Suzhou Hengli",
		"moved": "Xiamen Bluewave"} {
		if !u.notified("rep", ids[k], customer, "falls due within a day", "still open") {
			t.Errorf("the rep was not reminded a day ahead of the %s promise", k)
		}
	}
	for k, customer := range map[string]string{"kept": "Ningbo Harbour",
		"broken": "Hangzhou Lianxin"} {
		if u.notified("rep", ids[k], customer, "falls due within a day") {
			t.Errorf("the rep was reminded a day ahead of the %s promise", k)
		}
	}
	if u.notified("sup", ids["lapsing"], "falls due within a day") {
		t.Errorf("the supervisor was copied on the day-ahead reminder")
	}
	sent := u.h.deliverAll(u.a, ids["lapsing"])
	if got := sent.recipients["wecom"]; !slices.Equal(got, []string{u.rep}) {
		t.Errorf("WeCom day-ahead to-do went to %v, want the rep", got)
	}
	if rec := u.record(ids["lapsing"]); rec["status"] != "open" {
		t.Errorf("the day-ahead reminder changed the promise: %v", rec)
	}
}

// expectLapse moves the clock past the due time (the owner and the
// supervisor are reminded, nothing escalates yet), has the rep agree a
// later delivery time for one promise, and moves a working day on: the
// other promise lapses into a breach, the moved one waits.
func expectLapse(t *testing.T, u *packUsers, ids map[string]string, svc string) {
	t.Helper()
	u.setClock("2026-03-10T03:00:00Z")
	for _, who := range []string{"rep", "sup"} {
		if !u.notified(who, ids["lapsing"], "Suzhou Hengli", "due now and still open") {
			t.Errorf("%s was not reminded of the promise due now", who)
		}
	}
	if u.notified("svc", ids["lapsing"], "due now") {
		t.Errorf("customer service was reminded of a promise not yet broken")
	}
	expectKeptQuiet(t, u, ids["kept"])
	if rec := u.record(ids["lapsing"]); rec["status"] != "open" {
		t.Errorf("escalated before the working day of grace: %v", rec)
	}
	u.patch("rep", ids["moved"], map[string]any{"delivery_at": "2026-03-13T02:00:00Z"})

	u.setClock("2026-03-11T06:00:00Z") // Wednesday 14:00, a working day on
	rec := u.record(ids["lapsing"])
	if rec["status"] != "broken" || rec["lapsed"] != true {
		t.Errorf("promise a working day past due = %v, want broken and lapsed", rec)
	}
	expectBreachAlert(t, u, ids["lapsing"], svc)
	moved := u.record(ids["moved"])
	if moved["status"] != "open" || moved["lapsed"] == true ||
		u.openTask("sup", ids["moved"], "") != nil {
		t.Errorf("a promise with a new delivery time escalated: %v", moved)
	}
}

// expectOverdueReview leaves the lapsed promise's review undone for a
// working day: the supervisor and their manager are told, and the promise
// broken earlier, reaching its own due time, is not reminded again.
func expectOverdueReview(t *testing.T, u *packUsers, ids map[string]string) {
	t.Helper()
	if u.notified("head", ids["lapsing"], "is overdue") {
		t.Errorf("the head was told before the review was overdue")
	}
	u.setClock("2026-03-12T06:00:00Z") // Thursday 14:00
	for _, who := range []string{"sup", "head"} {
		if !u.notified(who, ids["lapsing"], "Suzhou Hengli", "is overdue") {
			t.Errorf("%s was not told the breach review is overdue", who)
		}
	}
	if u.notified("rep", ids["broken"], "Hangzhou Lianxin", "due now") {
		t.Errorf("a promise already broken was reminded at its due time")
	}
	if u.notified("head", ids["broken"], "Hangzhou Lianxin") {
		t.Errorf("the head was told of a breach reviewed in time")
	}
}

// expectBreachBoard reads the fulfilment board: one of four promises
// kept, two broken (one lapsed), by cause and by rep.
func expectBreachBoard(t *testing.T, u *packUsers) {
	t.Helper()
	data := u.board("fulfilment", nil)
	want := map[string]any{"fulfilment_rate": 0.25, "broken_promises": 2.0,
		"lapsed_promises": 1.0}
	got := values(data, "fulfilment_rate", "broken_promises", "lapsed_promises")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fulfilment board (-want +got):\n%s", diff)
	}
	causes := map[string]any{"supply": 1.0, "capacity": 1.0}
	byCause := groupValues(data, "breaches_by_cause", "breach_cause")
	if diff := cmp.Diff(causes, byCause); diff != "" {
		t.Errorf("broken promises by cause (-want +got):\n%s", diff)
	}
	reps := map[string]any{u.rep: 2.0}
	if diff := cmp.Diff(reps, groupValues(data, "breaches_by_rep", "owner")); diff != "" {
		t.Errorf("broken promises by rep (-want +got):\n%s", diff)
	}
	lines := map[string]any{"crm": 0.5, "erp": 0.0}
	if diff := cmp.Diff(lines, groupValues(data, "by_region_product", "product_line")); diff != "" {
		t.Errorf("fulfilment by product line (-want +got):\n%s", diff)
	}
}

// TestCommitmentCreatedBroken records a promise that is already broken
// when the rep records it (the customer was let down before anyone wrote
// it down): it escalates exactly like one marked broken later, and one
// recorded open or fulfilled does not.
func TestCommitmentCreatedBroken(t *testing.T) {
	h := newHarness(t, server.Options{})
	u := newPackUsers(h, "en")
	svc := u.addPerson("svc", auth.Service)
	u.install("commitment_center", false)
	u.setClock("2026-03-09T01:00:00Z") // Monday 09:00 in Shanghai

	promise := func(customer, status string) string {
		return u.submit("rep", "promise", map[string]any{"customer": customer,
			"delivery_at": "2026-03-06T02:00:00Z", "price_range": "¥12,000",
			"extra_benefits": "Free installation", "status": status})
	}
	broken := promise("Wuxi Tianrun Textiles", "broken")
	fulfilled := promise("Changzhou Meida Motors", "fulfilled")

	expectBreachAlert(t, u, broken, svc)
	expectBreachReview(t, u, broken, "overpromised", "Installation next Tuesday, no charge")
	expectKeptQuiet(t, u, fulfilled)
	if rec := u.record(broken); rec["lapsed"] == true {
		t.Errorf("a promise recorded broken was marked lapsed: %v", rec)
	}
}
