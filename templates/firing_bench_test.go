package templates_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/runtime/record"
	"github.com/formworkhq/formwork/templates"
)

// shiftedClock is the wall clock moved on by an offset that a benchmark
// sets: timers scheduled "2 hours from now" become overdue at once, and
// the timer service still runs as on the real clock (parallel firing, the
// releaser), which a clock.Manual would not.
type shiftedClock struct {
	mu  sync.Mutex
	off time.Duration
}

var _ clock.Alarmer = (*shiftedClock)(nil)

func (c *shiftedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return clock.Real{}.Now().Add(c.off)
}

// AtFunc calls fn when the shifted clock reaches at.
func (c *shiftedClock) AtFunc(at time.Time, fn func()) clock.Alarm {
	return time.AfterFunc(at.Sub(c.Now()), fn)
}

func (c *shiftedClock) shift(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.off += d
}

// firingEnv is a tenant with the lead pack on a fresh embedded store whose
// commands are counted.
type firingEnv struct {
	rt       *fwruntime.Runtime
	store    *mongo.Store
	p        auth.Principal
	clk      *shiftedClock
	commands atomic.Int64
	kinds    *commandKinds
}

func newFiringEnv(b *testing.B) *firingEnv {
	ctx := context.Background()
	e := &firingEnv{clk: &shiftedClock{}, kinds: &commandKinds{n: map[string]int64{}}}
	monitor := &event.CommandMonitor{Started: func(_ context.Context,
		ev *event.CommandStartedEvent) {
		e.commands.Add(1)
		e.kinds.add(ev)
	}}
	store, err := mongo.Open(ctx, mongo.Options{DataDir: b.TempDir(), Monitor: monitor},
		testenv.Logger())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = store.Close(context.Background()) })
	e.store = store
	e.build(b)
	return e
}

// build wires the runtime as `formwork serve` does and installs the pack.
func (e *firingEnv) build(b *testing.B) {
	ctx, log := context.Background(), testenv.Logger()
	defs := designer.New(e.store, e.clk, log)
	rt, err := fwruntime.New(e.store, testenv.Queue(b), defs, e.clk, fwruntime.Config{}, log)
	if err != nil {
		b.Fatal(err)
	}
	accounts := auth.NewAccounts(e.store, e.clk, auth.Config{}, log)
	for _, ensure := range []func(context.Context) error{accounts.EnsureIndexes,
		defs.EnsureIndexes, rt.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			b.Fatal(err)
		}
	}
	tn, u, err := accounts.Signup(ctx, auth.SignupInput{Tenant: "Firing", Name: "Owner",
		Email: "firing@example.com", Password: "correct-horse"})
	if err != nil {
		b.Fatal(err)
	}
	e.p = auth.Principal{TenantID: tn.ID, UserID: u.ID, Roles: u.Roles, Locale: i18n.Chinese}
	lib := templates.New(catalog(b), templates.Deps{Designer: defs, Records: rt.Records,
		Store: e.store})
	if _, err := lib.Install(ctx, e.p, "lead_followup", templates.InstallOptions{}); err != nil {
		b.Fatal(err)
	}
	e.rt = rt
}

// submit submits n leads, each starting the response SLA (a task and its
// 2-hour boundary timer) and the silence breaker (a 48-hour watch).
func (e *firingEnv) submit(b *testing.B, n int) {
	for i := range n {
		data, _ := json.Marshal(map[string]any{"company": fmt.Sprintf("杭州联信科技 %d", i),
			"contact_name": "王磊", "mobile": "13800138000", "decision_role": "decision_maker",
			"budget_cycle": "quarterly", "pain_level": "high", "stage": "new"})
		in := record.SubmitInput{Form: "lead", Data: data}
		if _, err := e.rt.Records.Submit(context.Background(), e.p, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLeadTimersOverdue is the restart after an outage: b.N leads are
// submitted, the clock moves three days on, and one reconcile fires every
// overdue timer — each lead's SLA reminder (two outbox messages) and its
// silence watch (a warning ticket, its task and an intervention task) —
// beside raw single updates by _id on the same store:
//
//	go test ./templates/ -run XXX -bench LeadTimersOverdue -benchtime 200x
func BenchmarkLeadTimersOverdue(b *testing.B) {
	e := newFiringEnv(b)
	b.Run("raw_update", func(b *testing.B) { e.rawUpdates(b) })
	b.Run("reconcile", func(b *testing.B) {
		e.submit(b, b.N)
		e.clk.shift(72 * time.Hour)
		e.kinds.take(1)
		from, cpu := e.commands.Load(), cpuTime()
		b.ResetTimer()
		res, err := e.rt.Timers.Reconcile(context.Background())
		b.StopTimer()
		cpu = cpuTime() - cpu
		if err != nil {
			b.Fatal(err)
		}
		if res.Fired != 2*b.N {
			b.Fatalf("fired %d timers, want %d", res.Fired, 2*b.N)
		}
		b.ReportMetric(float64(res.Fired)/b.Elapsed().Seconds(), "fired/s")
		b.ReportMetric(float64(e.commands.Load()-from)/float64(res.Fired), "store_cmds/firing")
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(res.Fired), "cpu_ms/firing")
		b.Logf("store commands per firing: %s", e.kinds.take(res.Fired))
	})
}

// rawUpdates is the baseline: one UpdateOne by _id per op.
func (e *firingEnv) rawUpdates(b *testing.B) {
	ctx := context.Background()
	if err := e.store.EnsureCollection(ctx, "bench_raw", nil); err != nil {
		b.Fatal(err)
	}
	raws := e.store.Scope(e.p.TenantID).C("bench_raw")
	doc := &rawLead{ID: "raw-update", Data: map[string]any{"n": 0}}
	if err := raws.InsertOne(ctx, doc); err != nil && !mongo.IsDuplicate(err) {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		_, err := raws.UpdateOne(ctx, bson.D{{Key: "_id", Value: doc.ID}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "data.n", Value: i}}}})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}
