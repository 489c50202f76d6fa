package record_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/runtime/record"
)

// accountForm is a customer account that several systems fill: CRM the
// name and tier, ERP the credit limit, finance the overdue amount.
func accountForm() map[string]any {
	return map[string]any{
		"schema": map[string]any{"type": "object", "required": []string{"customer_id", "name"},
			"properties": map[string]any{
				"customer_id": map[string]any{"type": "string", "minLength": 1},
				"name":        map[string]any{"type": "string", "minLength": 1},
				"tier":        map[string]any{"type": "string", "enum": []string{"a", "b"}},
				"credit":      map[string]any{"type": "number", "minimum": 0},
				"overdue":     map[string]any{"type": "number", "minimum": 0},
			}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			map[string]any{"name": "customer_id", "kind": "text"},
			map[string]any{"name": "name", "kind": "text"},
		}}}},
	}
}

func TestUpsertMergesRowsOfSeveralSystemsIntoOneRecord(t *testing.T) {
	f := newFixture(t)
	f.publish("account", accountForm())
	up := func(data map[string]any) *record.UpsertResult {
		t.Helper()
		res, err := f.svc.Upsert(f.ctx, f.impl, record.UpsertInput{Form: "account",
			KeyField: "customer_id", Data: data})
		if err != nil {
			t.Fatalf("upsert %v: %v", data, err)
		}
		return res
	}

	crm := up(map[string]any{"customer_id": "C-1", "name": "Acme", "tier": "a"})
	if !crm.Created {
		t.Fatalf("first row did not create: %+v", crm)
	}
	erp := up(map[string]any{"customer_id": "C-1", "credit": 5000.0})
	fin := up(map[string]any{"customer_id": " C-1 ", "overdue": 120.5})
	again := up(map[string]any{"customer_id": "C-1", "overdue": 120.5})

	if erp.Created || fin.Created || erp.Record.ID != crm.Record.ID ||
		fin.Record.ID != crm.Record.ID {
		t.Fatalf("later rows did not merge: %+v %+v", erp, fin)
	}
	want := map[string]any{"customer_id": "C-1", "name": "Acme", "tier": "a",
		"credit": 5000.0, "overdue": 120.5}
	got, err := f.svc.Get(f.ctx, f.impl, crm.Record.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got.Data); diff != "" {
		t.Errorf("merged data (-want +got):\n%s", diff)
	}
	if len(again.Changed) != 0 || got.Version != 3 {
		t.Errorf("a repeated row changed something: %+v, version %d", again, got.Version)
	}
	if diff := cmp.Diff([]record.EventKind{record.EventCreated, record.EventChanged,
		record.EventChanged}, f.events.kinds()); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestUpsertRefusesInvalidRowsAndChangesNothing(t *testing.T) {
	f := newFixture(t)
	f.publish("account", accountForm())

	_, err := f.svc.Upsert(f.ctx, f.impl, record.UpsertInput{Form: "account",
		KeyField: "customer_id", Data: map[string]any{"customer_id": "C-2"}})
	if diff := cmp.Diff(map[string]string{"/name": "required"}, pointers(t, err)); diff != "" {
		t.Errorf("new record without name (-want +got):\n%s", diff)
	}
	err = f.svc.CheckUpsert(f.ctx, f.impl, record.UpsertInput{Form: "account",
		KeyField: "customer_id", Data: map[string]any{"name": "No key"}})
	if diff := cmp.Diff(map[string]string{"/customer_id": "key_required"},
		pointers(t, err)); diff != "" {
		t.Errorf("row without key (-want +got):\n%s", diff)
	}
	if len(f.events.kinds()) != 0 {
		t.Errorf("refused rows emitted %v", f.events.kinds())
	}

	// A dry run of a merge validates against the stored record.
	if _, err := f.svc.Upsert(f.ctx, f.impl, record.UpsertInput{Form: "account",
		KeyField: "customer_id", Data: map[string]any{"customer_id": "C-3",
			"name": "Beta"}}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.CheckUpsert(f.ctx, f.impl, record.UpsertInput{Form: "account",
		KeyField: "customer_id", Data: map[string]any{"customer_id": "C-3",
			"credit": 10.0}}); err != nil {
		t.Errorf("merge of a partial row refused: %v", err)
	}
}

func TestAdoptKeysMergesIntoRecordsSubmittedByHand(t *testing.T) {
	f := newFixture(t)
	f.publish("account", accountForm())
	byHand := f.submit(f.impl, "account", map[string]any{"customer_id": "C-9",
		"name": "Hand"})

	n, err := f.svc.AdoptKeys(f.ctx, f.impl, "account", "customer_id")
	if err != nil || n != 1 {
		t.Fatalf("AdoptKeys = %d, %v; want 1", n, err)
	}
	if n, err := f.svc.AdoptKeys(f.ctx, f.impl, "account", "customer_id"); err != nil ||
		n != 0 {
		t.Fatalf("second AdoptKeys = %d, %v; want 0", n, err)
	}
	res, err := f.svc.Upsert(f.ctx, f.impl, record.UpsertInput{Form: "account",
		KeyField: "customer_id", Data: map[string]any{"customer_id": "C-9", "tier": "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || res.Record.ID != byHand.ID {
		t.Errorf("upsert created %v (id %s), want a merge into %s", res.Created,
			res.Record.ID, byHand.ID)
	}
}

func TestLogBatchReportsEachEvent(t *testing.T) {
	f := newFixture(t)
	f.publish("account", accountForm())
	acc := f.submit(f.impl, "account", map[string]any{"customer_id": "C-5", "name": "Five"})
	at := f.clock.Now().Add(-time.Hour)

	events := []record.BatchEvent{
		{EventID: "call-1", RecordID: acc.ID, Kind: record.Call, DurationS: 300, At: at},
		{EventID: "doc-1", Form: "account", KeyField: "customer_id", Key: "C-5",
			Kind: record.DocumentOpened, Source: "docs"},
		{EventID: "call-1", RecordID: acc.ID, Kind: record.Call, DurationS: 300, At: at},
		{EventID: "bad", RecordID: acc.ID, Kind: "edited"},
		{EventID: "lost", Form: "account", KeyField: "customer_id", Key: "nobody",
			Kind: record.Call},
	}
	res, err := f.svc.LogBatch(f.ctx, f.impl, events)
	if err != nil {
		t.Fatal(err)
	}
	var got []record.BatchStatus
	for _, r := range res {
		got = append(got, r.Status)
	}
	want := []record.BatchStatus{record.BatchLogged, record.BatchLogged,
		record.BatchDuplicate, record.BatchError, record.BatchError}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"/kind": "reserved_kind"},
		pointers(t, res[3].Err)); diff != "" {
		t.Errorf("bad event (-want +got):\n%s", diff)
	}
	if kindOf(res[4].Err) != kindOf(f.svc.Delete(f.ctx, f.impl, "nosuchrecord")) {
		t.Errorf("unknown key = %v, want not found", res[4].Err)
	}

	again, err := f.svc.LogBatch(f.ctx, f.impl, events[:2])
	if err != nil || again[0].Status != record.BatchDuplicate ||
		again[1].Status != record.BatchDuplicate {
		t.Errorf("resent batch = %+v, %v; want duplicates", again, err)
	}
	got2, _ := f.svc.Get(f.ctx, f.impl, acc.ID)
	if !got2.LastActivityAt.Equal(f.clock.Now()) {
		t.Errorf("last activity = %v, want %v", got2.LastActivityAt, f.clock.Now())
	}
}
