package insights_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/record"
)

var widgets = []string{"leads", "by_rep", "win_rate", "amount", "avg_amount", "companies",
	"funnel", "calls"}

// TestIncrementalEqualsRebuild drives a random stream of creations,
// updates that move stage, region and amount, reassignments, activities,
// deletions and replayed (duplicate or late) events, and beside them the
// tasks of a process (started, completed, handed on, cancelled by their
// SLA, their hooks' news told again), then checks that every metric's
// stored figures equal a rebuild from the raw data, group by group and day
// by day.
func TestIncrementalEqualsRebuild(t *testing.T) {
	f := newFixture(t)
	dash := f.setup()
	tasks, taskDash := f.withTasks()
	rng := rand.New(rand.NewPCG(8, 8))
	s := &stream{f: f, rng: rng, tasks: tasks}
	for range 160 {
		s.step()
	}
	t.Logf("stream: %v", s.counts)
	tasks.checkTotals(taskDash)

	refs := map[string]string{}
	for _, w := range widgets {
		refs[w] = dash + "." + w
	}
	for _, w := range taskWidgets {
		refs[w] = taskDash + "." + w
	}
	for w, ref := range refs {
		before, err := f.svc.Figures(f.ctx, tenant, ref)
		if err != nil {
			t.Fatal(err)
		}
		if len(before) == 0 && w != "calls" {
			t.Errorf("%s: no figures kept", w)
		}
		if _, err := f.svc.Rebuild(f.ctx, tenant, ref); err != nil {
			t.Fatalf("rebuilding %s: %v", w, err)
		}
		after, err := f.svc.Figures(f.ctx, tenant, ref)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(after, before, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: incremental figures differ from the rebuild (-rebuild +incremental):\n%s",
				w, d)
		}
	}
}

// stream makes random writes through the records service and the
// engine.
type stream struct {
	f      *fixture
	rng    *rand.Rand
	live   []*record.Record
	tasks  *taskWorld
	counts map[string]int
}

func (s *stream) rep() auth.Principal { return s.f.reps[s.rng.IntN(len(s.f.reps))] }

func (s *stream) pick() (int, *record.Record) {
	i := s.rng.IntN(len(s.live))
	return i, s.live[i]
}

func (s *stream) step() {
	if s.counts == nil {
		s.counts = map[string]int{}
	}
	s.f.clock.Advance(time.Duration(s.rng.IntN(7)) * time.Hour)
	s.tasks.fire()
	names := []string{"create", "create", "create", "update", "update", "assign", "activity",
		"activity", "delete", "replay", "task", "task", "task", "complete", "complete",
		"hand_on", "replay_task"}
	op := names[s.rng.IntN(len(names))]
	if len(s.live) == 0 && op != "task" {
		op = "create"
	}
	if s.taskStep(op) {
		return
	}
	s.counts[op]++
	switch op {
	case "create":
		s.live = append(s.live, s.f.submit(s.rep(), s.data()))
	case "update":
		s.update()
	case "assign":
		i, r := s.pick()
		got, err := s.f.records.Assign(s.f.ctx, s.f.admin, r.ID, s.rep().UserID)
		s.must(err)
		s.live[i] = got
	case "activity":
		_, r := s.pick()
		_, err := s.f.records.Log(s.f.ctx, s.rep(), r.ID, record.ActivityInput{Kind: record.Call})
		s.must(err)
	case "delete":
		i, r := s.pick()
		s.must(s.f.records.Delete(s.f.ctx, s.f.admin, r.ID))
		s.live = append(s.live[:i], s.live[i+1:]...)
	case "replay":
		s.f.events.mu.Lock()
		e := s.f.events.list[s.rng.IntN(len(s.f.events.list))]
		s.f.events.mu.Unlock()
		s.must(s.f.svc.OnRecordEvent(s.f.ctx, e))
	}
}

// taskStep runs op if it is about tasks, and reports whether it was.
func (s *stream) taskStep(op string) bool {
	open := s.tasks.open()
	switch {
	case op == "complete" && len(open) > 0:
		s.tasks.complete(open[s.rng.IntN(len(open))])
	case op == "hand_on" && len(open) > 0:
		s.tasks.reassign(open[s.rng.IntN(len(open))], s.rep())
	case op == "replay_task" && len(s.tasks.created) > 0:
		s.tasks.replay(s.rng.IntN(len(s.tasks.created) + len(s.tasks.closed)))
	case op == "task" || op == "complete" || op == "hand_on" || op == "replay_task":
		op = "task"
		s.tasks.start()
	default:
		return false
	}
	s.counts[op]++
	return true
}

func (s *stream) update() {
	i, r := s.pick()
	patch := map[string]any{}
	switch s.rng.IntN(3) {
	case 0:
		patch["stage"] = []string{"new", "contacted", "won", "lost"}[s.rng.IntN(4)]
	case 1:
		patch["region"] = []string{"east", "west"}[s.rng.IntN(2)]
	default:
		patch["amount"] = float64(s.rng.IntN(100000)) / 100
	}
	got, err := s.f.records.Update(s.f.ctx, s.f.admin, r.ID, r.Version, patch)
	s.must(err)
	s.live[i] = got
}

func (s *stream) data() map[string]any {
	d := map[string]any{
		"company": []string{"Acme", "联信科技", "Brightway", "明途"}[s.rng.IntN(4)],
		"stage":   []string{"new", "contacted", "won", "lost"}[s.rng.IntN(4)],
		"region":  []string{"east", "west"}[s.rng.IntN(2)],
	}
	if s.rng.IntN(4) > 0 {
		d["amount"] = float64(s.rng.IntN(100000)) / 100
	}
	return d
}

func (s *stream) must(err error) {
	s.f.t.Helper()
	if err != nil {
		s.f.t.Fatal(err)
	}
}
