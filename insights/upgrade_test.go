package insights_test

import (
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/runtime/record"
)

// TestUpgradeLegacyRebuildsAndDropsDayDocuments: a store an older
// Formwork wrote has day documents the month layout never reads; the
// upgrade rebuilds the tenant's dashboards from the raw data and drops
// them, once.
func TestUpgradeLegacyRebuildsAndDropsDayDocuments(t *testing.T) {
	f := newFixture(t)
	f.publish(designer.KindForm, "lead", leadForm())
	var recs []*record.Record
	for range 3 {
		recs = append(recs, f.submit(f.reps[0], map[string]any{"company": "Acme",
			"stage": "new"}))
	}
	dash := f.publish(designer.KindDashboard, "leads", leadDashboard())
	rollups := f.store.Unscoped(insights.RollupsCollection)
	legacy := bson.D{{Key: "_id", Value: tenant + ":records:lead:2026-03-01"},
		{Key: "tenant_id", Value: tenant}, {Key: "family", Value: "records:lead"},
		{Key: "day", Value: "2026-03-01"}, {Key: "marks", Value: bson.D{}}}
	if _, err := rollups.InsertOne(f.ctx, legacy); err != nil {
		t.Fatal(err)
	}
	count := func() float64 {
		w, err := f.svc.Widget(f.ctx, f.admin, dash+".leads", insights.Query{})
		if err != nil {
			t.Fatal(err)
		}
		return *w.Value
	}
	if n := count(); n != 0 {
		t.Fatalf("leads before the upgrade = %v; the records predate the dashboard", n)
	}

	n, err := f.svc.UpgradeLegacy(f.ctx)
	if err != nil || n != 1 {
		t.Fatalf("UpgradeLegacy = %d, %v; want 1 tenant", n, err)
	}
	if got := count(); got != float64(len(recs)) {
		t.Errorf("leads after the upgrade = %v, want %d", got, len(recs))
	}
	left, err := rollups.CountDocuments(f.ctx, bson.D{{Key: "_id", Value: legacy[0].Value}})
	if err != nil || left != 0 {
		t.Errorf("day documents left: %d, %v", left, err)
	}
	if n, err := f.svc.UpgradeLegacy(f.ctx); err != nil || n != 0 {
		t.Errorf("a second UpgradeLegacy = %d, %v; want nothing to do", n, err)
	}
}
