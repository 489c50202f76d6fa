package templates_test

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/formworkhq/formwork/internal/auth"
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

// leadBenchSizes are the numbers of leads already stored when each round
// of BenchmarkLeadSubmit starts: a submission whose store commands scan a
// collection slows down from one to the next. Another list is given after
// -args: -leads 20,200.
var leadBenchSizes = flag.String("leads", "200,2000",
	"BenchmarkLeadSubmit: leads stored before each round, comma-separated")

// leadBenchReps is the size of the sales team the pack routes campaign
// leads over ("least loaded" among the reps).
const leadBenchReps = 8

// BenchmarkLeadSubmit submits leads, typed in by a rep, into a tenant with
// the lead pack installed and a supervisor with eight reps — validation,
// the record, least-loaded routing, the response-SLA instance, its task,
// the silence watch and their timers — beside the raw insert of the same
// data into the same store, once with 200 leads stored and once with
// 2,000. Every round prints the store commands one submission sends, with
// their collection, the keys of their filters and whether those are `_id`
// alone or make the embedded store scan:
//
//	go test ./templates/ -run XXX -bench LeadSubmit -benchtime 200x
func BenchmarkLeadSubmit(b *testing.B) {
	s := newLeadBench(b)
	for _, n := range leadSizes(b) {
		b.Run(fmt.Sprintf("leads_%d", n), func(b *testing.B) {
			s.seed(b, n)
			b.Run("raw_insert", s.rawInserts)
			b.Run("submit", s.submits)
		})
	}
}

// leadSizes parses -leads.
func leadSizes(b *testing.B) []int {
	var out []int
	for _, f := range strings.Split(*leadBenchSizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			b.Fatalf("-leads %q: want comma-separated counts", *leadBenchSizes)
		}
		out = append(out, n)
	}
	return out
}

// leadBench is the tenant BenchmarkLeadSubmit submits into, on its own
// embedded store whose commands it logs.
type leadBench struct {
	e         *env
	p         auth.Principal // the rep who types the leads in
	log       *mongo.CommandLog
	submitted int
	raws      mongo.Coll
	gen       *ids.Generator
}

// newLeadBench opens the store, installs the pack and adds the team.
func newLeadBench(b *testing.B) *leadBench {
	ctx := context.Background()
	log := mongo.NewCommandLog()
	store, err := mongo.Open(ctx, mongo.Options{DataDir: b.TempDir(),
		Monitor: log.Monitor()}, testenv.Logger())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = store.Close(context.Background()) })
	e := newEnvOn(b, store, nil)
	owner := e.tenant(b, i18n.Chinese)
	if _, err := e.lib.Install(ctx, owner, "lead_followup",
		templates.InstallOptions{}); err != nil {
		b.Fatal(err)
	}
	if err := store.EnsureCollection(ctx, "bench_raw", nil); err != nil {
		b.Fatal(err)
	}
	s := &leadBench{e: e, log: log, raws: store.Scope(owner.TenantID).C("bench_raw"),
		gen: ids.NewGenerator(clock.Real{})}
	s.p = s.addTeam(b, owner)
	return s
}

// addTeam adds a supervisor and the reps reporting to them, and returns
// the first rep.
func (s *leadBench) addTeam(b *testing.B, owner auth.Principal) auth.Principal {
	ctx := context.Background()
	add := func(name string, role auth.Role, manager string) *auth.User {
		u, err := s.e.accounts.CreateUser(ctx, owner, auth.UserInput{
			Email: name + "@bench.example.com", Name: name, Password: "correct-horse",
			Roles: []auth.Role{role}, ManagerID: manager})
		if err != nil {
			b.Fatal(err)
		}
		return u
	}
	sup := add("supervisor", auth.Supervisor, "")
	var first *auth.User
	for i := range leadBenchReps {
		if u := add(fmt.Sprintf("rep%d", i), auth.Rep, sup.ID); first == nil {
			first = u
		}
	}
	return auth.Principal{TenantID: owner.TenantID, UserID: first.ID, Roles: first.Roles,
		Locale: i18n.Chinese}
}

// campaignLead is a valid lead from a campaign, unique per i, as the load
// tool sends it.
func campaignLead(i int) map[string]any {
	return map[string]any{"company": fmt.Sprintf("杭州联信科技 %d", i),
		"contact_name": "王磊", "mobile": "13800138000", "decision_role": "decision_maker",
		"budget_cycle": "quarterly", "pain_level": "high", "stage": "new",
		"utm_source": "baidu", "landing_page": "https://example.com/demo"}
}

// submit submits the next lead.
func (s *leadBench) submit(b *testing.B) {
	s.submitted++
	data, err := json.Marshal(campaignLead(s.submitted))
	if err != nil {
		b.Fatal(err)
	}
	in := record.SubmitInput{Form: "lead", Data: data}
	if _, err := s.e.rt.Records.Submit(context.Background(), s.p, in); err != nil {
		b.Fatal(err)
	}
}

// seed submits leads until n are stored.
func (s *leadBench) seed(b *testing.B, n int) {
	for s.submitted < n {
		s.submit(b)
	}
}

// rawInserts is the baseline: one InsertOne of the lead's data per op.
func (s *leadBench) rawInserts(b *testing.B) {
	ctx := context.Background()
	lead := campaignLead(0)
	s.measure(b, func() {
		if err := s.raws.InsertOne(ctx, &rawLead{ID: s.gen.New(), Data: lead}); err != nil {
			b.Fatal(err)
		}
	})
}

// submits is one lead submission per op.
func (s *leadBench) submits(b *testing.B) {
	s.measure(b, func() { s.submit(b) })
}

// measure runs op b.N times and reports its rate, its store commands and
// its CPU per op, and prints the commands: to standard output rather than
// the benchmark's log, which go test cuts at ten lines without -v.
func (s *leadBench) measure(b *testing.B, op func()) {
	s.log.Take()
	from, cpu := s.log.Total(), cpuTime()
	for b.Loop() {
		op()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
	b.ReportMetric(float64(s.log.Total()-from)/float64(b.N), "store_cmds/op")
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu_ms/op")
	fmt.Printf("%s: store commands per op\n%s", b.Name(),
		mongo.FormatCommands(s.log.Take(), b.N))
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
