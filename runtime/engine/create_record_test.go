package engine_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/runtime/engine"
)

// lossReview opens a review record linked to the lead, owned by whoever's
// turn it is in team east, with a date stamped by the engine's clock.
const lossReview = `{"nodes": [
	{"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
	{"id": "review", "kind": "create_record", "config": {"form": "loss_review",
		"fields": {"reason": "'lost: ' + record.company", "lost_amount": "record.amount * 2.0",
			"reviewed_on": "now"},
		"link_field": "lead", "owner": {"rule": "round_robin", "team": "east"}}},
	{"id": "done", "kind": "end"}],
  "edges": [{"id": "e0", "from": "start", "to": "review"},
	{"id": "e1", "from": "review", "to": "done"}]}`

func TestCreateRecordGoesThroughTheOutbox(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, graphOf(t, lossReview))
	f.records.Records["r1"].Data["amount"] = 1200.0

	for range 2 {
		if err := f.svc.OnRecordEvent(ctx, f.created("ev1")); err != nil {
			t.Fatalf("record event: %v", err)
		}
	}

	msgs := f.outbox.All()
	if len(msgs) != 1 {
		t.Fatalf("outbox has %d messages, want 1", len(msgs))
	}
	got := msgs[0]
	if got.Kind != engine.MessageCreateRecord || got.RecordID != "r1" || got.DedupeKey == "" {
		t.Errorf("message = %+v, want a create_record about r1 with a dedupe key", got)
	}
	want := map[string]any{
		engine.PayloadForm: "loss_review", engine.PayloadLinkField: "lead",
		engine.PayloadOwnerID: "u_other", // first in turn of team east, by id
		engine.PayloadData: map[string]any{"reason": "lost: Acme", "lost_amount": 2400.0,
			"reviewed_on": "2025-01-06T10:00:00+08:00"},
	}
	if diff := cmp.Diff(want, got.Payload); diff != "" {
		t.Errorf("payload (-want +got):\n%s", diff)
	}
	source := map[string]any{"company": "Acme", "amount": 1200.0}
	if diff := cmp.Diff(source, f.records.Records["r1"].Data); diff != "" {
		t.Errorf("the source record changed (-want +got):\n%s", diff)
	}
}

func TestSimulateCreateRecord(t *testing.T) {
	g := graphOf(t, lossReview)
	config := g.Nodes[1].Config.(*process.CreateRecordConfig)
	config.Owner = process.Assignee{}
	def := engine.Definition{Key: "loss", Version: 1, Graph: g,
		RecordFields: []process.Field{{Name: "company", Type: expr.String},
			{Name: "amount", Type: expr.Number}}}

	tl, err := simulator.Run(context.Background(), "t1", def, engine.Script{Start: monday10,
		Owner: "u_owner", Record: map[string]any{"company": "Acme", "amount": 10.0},
		Events: []engine.ScriptEvent{{Kind: engine.ScriptSubmit}}})
	if err != nil {
		t.Fatal(err)
	}
	var entry engine.TimelineEntry
	for _, e := range tl.Entries {
		if e.Kind == "create_record" {
			entry = e
		}
	}
	fields := "lead = simulated, lost_amount = 20, reason = lost: Acme, " +
		"reviewed_on = 2025-01-06T10:00:00+08:00"
	want := process.Text{
		"en":    "A “loss_review” record is created for Wang Lei: " + fields + ".",
		"zh-CN": "为Wang Lei创建一条“loss_review”记录：" + fields + "。",
	}
	if diff := cmp.Diff(want, entry.Detail); diff != "" {
		t.Errorf("create_record entry (-want +got):\n%s", diff)
	}
}
