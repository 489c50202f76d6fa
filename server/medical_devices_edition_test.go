package server_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/server"
)

// TestMedicalDevicesEdition installs the device-distribution edition with
// its bundled commitment center and sample hospitals, and drives it as a
// distributor's team would: a hospital opportunity without its grade and
// department, or on a base stage, is refused in the edition's words; a
// promise of installation and training is found by customer service
// looking the hospital up; at its due time, still open, it reaches the
// rep, their manager and customer service, while a kept one reaches
// nobody; two silent days bring the regional manager in; and the
// fulfilment board counts the promises kept.
func TestMedicalDevicesEdition(t *testing.T) {
	h := newHarness(t, server.Options{})
	u := newPackUsers(h, "en")
	u.addPerson("svc", auth.Service)
	u.install("medical_devices_edition", true)
	if s := u.records("lead", "company")["浙江省人民医院"]; s["department"] != "影像科" {
		t.Errorf("sample hospital = %v", s)
	}

	lead := map[string]any{"company": "Hangzhou First People's Hospital",
		"contact_name": "Dr Li Wen", "mobile": "13800138020", "decision_role": "decision_maker",
		"budget_cycle": "special_fund", "pain_level": "critical", "stage": "proposal"}
	bad := u.refused("rep", "lead", lead)
	expectFieldError(t, bad, "/hospital_grade", "required", "Hospital grade")
	expectFieldError(t, bad, "/department", "required", "Department")
	expectFieldError(t, bad, "/stage", "", "Access stage")
	lead["stage"], lead["hospital_grade"], lead["department"] = "access", "tertiary_a",
		"Cardiology"
	leadID := u.submit("rep", "lead", lead)

	promises := expectDevicePromises(t, u)
	expectDeviceDayAhead(t, u, promises)
	u.setClock("2026-02-21T10:00:00Z")
	for _, who := range []string{"rep", "sup", "svc"} {
		if u.notified(who, promises["kept"], "Guangzhou") {
			t.Errorf("%s was reminded of a promise already kept", who)
		}
	}
	for _, who := range []string{"rep", "sup", "svc"} {
		if !u.notified(who, promises["open"], "Hangzhou First People's Hospital",
			"installation, training", "still open") {
			t.Errorf("%s was not told of the broken promise", who)
		}
	}

	u.setClock("2026-02-22T10:00:00Z")
	if task := u.openTask("sup", leadID, "Regional manager steps in"); task == nil ||
		titleOf(task, "zh-CN") != "区域经理介入" {
		t.Errorf("no regional manager after two silent days: %v", task)
	}

	data := u.board("fulfilment", nil)
	want := map[string]any{"fulfilment_rate": 1.0 / 3}
	if diff := cmp.Diff(want, values(data, "fulfilment_rate")); diff != "" {
		t.Errorf("fulfilment board (-want +got):\n%s", diff)
	}
	lines := map[string]any{"影像设备": 0.0, "Cardiology devices": 0.5}
	if diff := cmp.Diff(lines, groupValues(data, "by_region_product", "product_line")); diff != "" {
		t.Errorf("fulfilment by device line (-want +got):\n%s", diff)
	}
}

// expectDeviceDayAhead moves to a day before the open promise's delivery:
// its rep, and only the rep, is asked in the edition's words to line up
// installation and training; the kept one reminds no one.
func expectDeviceDayAhead(t *testing.T, u *packUsers, promises map[string]string) {
	t.Helper()
	u.setClock("2026-02-20T09:45:00Z")
	if !u.notified("rep", promises["open"], "Hangzhou First People's Hospital",
		"fall due within a day", "Confirm the engineer") {
		t.Errorf("the rep was not reminded a day ahead in the edition's words")
	}
	for _, who := range []string{"sup", "svc"} {
		if u.notified(who, promises["open"], "fall due within a day") {
			t.Errorf("%s was copied on the day-ahead reminder", who)
		}
	}
	if u.notified("rep", promises["kept"], "Guangzhou", "within a day") {
		t.Errorf("the rep was reminded a day ahead of a promise already kept")
	}
}

// expectDevicePromises records two promises as the rep, one refused first
// for want of its service terms, keeps one before it is due, and checks
// customer service finds the open one by the hospital's name.
func expectDevicePromises(t *testing.T, u *packUsers) map[string]string {
	t.Helper()
	promise := map[string]any{"customer": "Hangzhou First People's Hospital",
		"delivery_at": "2026-02-21T09:30:00Z", "price_range": "¥3.2m – ¥3.5m",
		"product_line": "Cardiology devices", "status": "open"}
	expectFieldError(t, u.refused("rep", "promise", promise), "/extra_benefits", "required",
		"Installation, training and service")
	promise["extra_benefits"] = "Installed within 3 days of delivery, two training sessions"
	out := map[string]string{"open": u.submit("rep", "promise", promise)}
	out["kept"] = u.submit("rep", "promise", map[string]any{
		"customer": "Guangzhou Women and Children's Hospital", "status": "open",
		"delivery_at": "2026-02-21T06:00:00Z", "price_range": "¥900k",
		"extra_benefits": "Training for the night shift", "product_line": "Cardiology devices"})
	u.patch("rep", out["kept"], map[string]any{"status": "fulfilled"})

	found := u.h.must(http.StatusOK, req{method: "GET",
		path: "/api/v1/records?form=promise&q=hangzhou+first", token: u.token("svc")})
	items, _ := found.body["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["id"] != out["open"] {
		t.Errorf("customer service looking up the hospital = %s", found.raw)
	}
	return out
}
