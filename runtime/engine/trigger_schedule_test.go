package engine_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/runtime/engine"
)

// perLead gives the owner of every lead over 1,000 a review task on the
// 1st of each month.
const perLead = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "schedule", "cron": "0 9 1 * *",
  "form": "lead", "where": "record.amount > 1000"}},
 {"id": "review", "kind": "user_task", "name": {"en": "Review {{record.company}}",
  "zh-CN": "复核 {{record.company}}"}, "config": {"assignee": {"rule": "owner"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "review"},
 {"id": "e2", "from": "review", "to": "end"}]}`

// addLeads stores n leads, every other one over 1,000, owned in turn by
// u_owner and u_other, one without an amount and one of another form.
func addLeads(f *fixture, n int) {
	for i := range n {
		owner := []string{"u_owner", "u_other"}[i/2%2]
		f.records.Records[fmt.Sprintf("r%03d", i)] = &engine.Record{ID: fmt.Sprintf("r%03d", i),
			Form: "lead", OwnerID: owner, Data: map[string]any{
				"company": fmt.Sprintf("Lead %d", i), "amount": float64(500 + 1000*(i%2))}}
	}
	f.records.Records["r_blank"] = &engine.Record{ID: "r_blank", Form: "lead",
		OwnerID: "u_owner", Data: map[string]any{"company": "No amount"}}
	f.records.Records["r_other"] = &engine.Record{ID: "r_other", Form: "follow_up",
		OwnerID: "u_owner", Data: map[string]any{"amount": 9000.0}}
}

// taskDoc is what the tests read of a stored task.
type taskDoc struct {
	RecordID string `bson:"record_id"`
	Assignee string `bson:"assignee_id"`
}

func TestScheduleStartsOnePerMatchingRecord(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, graphOf(t, perLead))
	delete(f.records.Records, "r1")
	addLeads(f, 230) // three pages

	if err := f.svc.OnProcessPublished(ctx, f.tenant, "process_lead_response", 1); err != nil {
		t.Fatal(err)
	}
	first := time.Date(2025, 2, 1, 1, 0, 0, 0, time.UTC) // 09:00 in Shanghai
	due := f.timers.Due()
	if len(due) != 1 || due[0].Kind != engine.TimerSchedule || !due[0].Due.Equal(first) {
		t.Fatalf("timers = %+v, want the run on 1 February", due)
	}
	f.timers.Fire(due[0].ID)
	f.clock.Set(first)
	for range 2 { // a redelivered run starts nothing twice
		if err := f.svc.OnTimer(ctx, f.tenant, due[0].Kind, due[0].Ref); err != nil {
			t.Fatal(err)
		}
	}

	tasks := f.store.Scope(f.tenant).C(engine.TasksCollection)
	var got []taskDoc
	if err := tasks.FindAll(ctx, bson.D{}, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 115 {
		t.Fatalf("%d tasks, want 115 (one per lead over 1,000)", len(got))
	}
	for _, task := range got {
		rec := f.records.Records[task.RecordID]
		if rec == nil || rec.Data["amount"] != 1500.0 || task.Assignee != rec.OwnerID {
			t.Errorf("task on %s for %s: want leads over 1,000, for their owner",
				task.RecordID, task.Assignee)
		}
	}
	if !slices.ContainsFunc(got, func(t taskDoc) bool { return t.RecordID == "r229" }) {
		t.Errorf("the last page's lead has no task")
	}

	next := f.timers.Due()
	march := time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)
	if len(next) != 1 || next[0].Kind != engine.TimerSchedule || !next[0].Due.Equal(march) {
		t.Errorf("timers after the run = %+v, want the run on 1 March", next)
	}
}

// TestSimulateScheduleOverRecords simulates a scheduled run on the
// script's record: the instance works on it as a run over its form would.
func TestSimulateScheduleOverRecords(t *testing.T) {
	def := engine.Definition{Key: "per_lead", Version: 1, Graph: graphOf(t, perLead),
		RecordFields: []process.Field{{Name: "company", Type: expr.String},
			{Name: "amount", Type: expr.Number}}}
	tl, err := simulator.Run(context.Background(), "t1", def, engine.Script{Start: monday10,
		Owner: "u_owner", Record: map[string]any{"company": "Acme", "amount": 5000.0},
		Events: []engine.ScriptEvent{{Kind: engine.ScriptSubmit}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Entries) == 0 || tl.Entries[0].Kind != "task_created" ||
		tl.Entries[0].Detail["en"] == "" {
		t.Fatalf("timeline = %+v, want the owner's review task", tl.Entries)
	}
}

// TestSimulateScheduleFilter shows that a record the filter leaves out
// starts nothing, and says why.
func TestSimulateScheduleFilter(t *testing.T) {
	def := engine.Definition{Key: "per_lead", Version: 1, Graph: graphOf(t, perLead),
		RecordFields: []process.Field{{Name: "company", Type: expr.String},
			{Name: "amount", Type: expr.Number}}}
	tl, err := simulator.Run(context.Background(), "t1", def, engine.Script{Start: monday10,
		Owner: "u_owner", Record: map[string]any{"company": "Acme", "amount": 300.0},
		Events: []engine.ScriptEvent{{Kind: engine.ScriptSubmit}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.Entries) != 1 || tl.Entries[0].Kind != "not_started" ||
		!strings.Contains(tl.Entries[0].Detail["en"], "record.amount > 1000") {
		t.Fatalf("timeline = %+v, want only why nothing starts", tl.Entries)
	}
}
