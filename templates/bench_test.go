package templates_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

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
	kinds := &commandKinds{n: map[string]int64{}}
	monitor := &event.CommandMonitor{Started: func(_ context.Context,
		e *event.CommandStartedEvent) {
		commands.Add(1)
		kinds.add(e)
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

	perOp := func(b *testing.B, from int64, cpu time.Duration) {
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
		b.ReportMetric(float64(commands.Load()-from)/float64(b.N), "store_cmds/op")
		b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu_ms/op")
		b.Logf("store commands by kind and collection, per op: %s", kinds.take(b.N))
	}
	kinds.take(1)
	b.Run("raw_insert", func(b *testing.B) {
		from, cpu := commands.Load(), cpuTime()
		for b.Loop() {
			if err := raws.InsertOne(ctx, &rawLead{ID: gen.New(), Data: lead}); err != nil {
				b.Fatal(err)
			}
		}
		perOp(b, from, cpu)
	})
	b.Run("submit", func(b *testing.B) {
		in := record.SubmitInput{Form: "lead", Data: data}
		kinds.take(1)
		from, cpu := commands.Load(), cpuTime()
		for b.Loop() {
			if _, err := e.rt.Records.Submit(ctx, p, in); err != nil {
				b.Fatal(err)
			}
		}
		perOp(b, from, cpu)
	})
}

// cpuTime is the CPU time this process has used, user and system: the
// embedded store runs in it too, so per op it is a cost that a busy,
// shared machine disturbs less than the wall-clock rate.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// commandKinds counts store commands by name and collection, so that a
// benchmark run with -v shows which writes and reads an operation costs.
type commandKinds struct {
	mu sync.Mutex
	n  map[string]int64
}

func (k *commandKinds) add(e *event.CommandStartedEvent) {
	coll, _ := e.Command.Lookup(e.CommandName).StringValueOK()
	k.mu.Lock()
	defer k.mu.Unlock()
	k.n[e.CommandName+":"+coll]++
}

// take returns the counts divided by ops, most frequent first, and resets
// them.
func (k *commandKinds) take(ops int) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	keys := slices.SortedFunc(maps.Keys(k.n), func(a, b string) int {
		return cmp.Or(cmp.Compare(k.n[b], k.n[a]), cmp.Compare(a, b))
	})
	var sb strings.Builder
	for _, key := range keys {
		fmt.Fprintf(&sb, "%s=%.2f ", key, float64(k.n[key])/float64(ops))
	}
	clear(k.n)
	return sb.String()
}
