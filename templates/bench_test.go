package templates_test

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/record"
	"github.com/formworkhq/formwork/templates"
)

// rawLead is the document of the baseline insert.
type rawLead struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	Data           map[string]any `bson:"data"`
}

// BenchmarkLeadSubmit submits leads into a tenant with the lead pack
// installed — validation, the record, the response-SLA instance, its task,
// its timers — beside the raw insert of the same data into the same store:
//
//	go test ./templates/ -run XXX -bench LeadSubmit -benchtime 200x
func BenchmarkLeadSubmit(b *testing.B) {
	ctx := context.Background()
	var commands atomic.Int64
	monitor := &event.CommandMonitor{Started: func(context.Context, *event.CommandStartedEvent) {
		commands.Add(1)
	}}
	store, err := mongo.Open(ctx, mongo.Options{DataDir: b.TempDir(), Monitor: monitor},
		testenv.Logger())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = store.Close(context.Background()) })
	e := newEnvOn(b, store, nil)
	p := e.tenant(b, i18n.Chinese)
	if _, err := e.lib.Install(ctx, p, "lead_followup", templates.InstallOptions{}); err != nil {
		b.Fatal(err)
	}
	lead := map[string]any{"company": "杭州联信科技", "contact_name": "王磊",
		"mobile": "13800138000", "decision_role": "decision_maker",
		"budget_cycle": "quarterly", "pain_level": "high", "stage": "new",
		"utm_source": "baidu", "landing_page": "https://example.com/demo"}
	data, err := json.Marshal(lead)
	if err != nil {
		b.Fatal(err)
	}
	if err := e.store.EnsureCollection(ctx, "bench_raw", nil); err != nil {
		b.Fatal(err)
	}
	raws := e.store.Scope(p.TenantID).C("bench_raw")
	gen := ids.NewGenerator(clock.Real{})

	perOp := func(b *testing.B, from int64) {
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
		b.ReportMetric(float64(commands.Load()-from)/float64(b.N), "store_cmds/op")
	}
	b.Run("raw_insert", func(b *testing.B) {
		from := commands.Load()
		for b.Loop() {
			if err := raws.InsertOne(ctx, &rawLead{ID: gen.New(), Data: lead}); err != nil {
				b.Fatal(err)
			}
		}
		perOp(b, from)
	})
	b.Run("submit", func(b *testing.B) {
		in := record.SubmitInput{Form: "lead", Data: data}
		from := commands.Load()
		for b.Loop() {
			if _, err := e.rt.Records.Submit(ctx, p, in); err != nil {
				b.Fatal(err)
			}
		}
		perOp(b, from)
	})
}
