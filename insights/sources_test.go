package insights_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/ledger"
	"github.com/formworkhq/formwork/runtime/timer"
)

// sourcesDashboard measures done tasks, fired timers and ledger points.
func sourcesDashboard() map[string]any {
	tasks := map[string]any{"kind": "count", "source": "tasks"}
	overdue := map[string]any{"kind": "count", "source": "tasks", "filter": "record.overdue"}
	return map[string]any{"filters": []string{"owner"}, "widgets": []any{
		widget("done", "leaderboard", tasks,
			map[string]any{"group_by": []string{"owner"}, "top": 10}),
		widget("by_process", "bar", tasks, map[string]any{"group_by": []string{"process"}}),
		widget("overdue_rate", "number", map[string]any{"kind": "ratio",
			"numerator": overdue, "denominator": tasks}, nil),
		widget("late", "number", map[string]any{"kind": "count", "source": "timers",
			"filter": "record.late"}, map[string]any{"group_by": []string{"kind"}}),
		widget("awarded", "leaderboard", map[string]any{"kind": "sum", "source": "ledger",
			"field": "points", "filter": "record.kind == 'award'"},
			map[string]any{"group_by": []string{"owner", "reason"}}),
		widget("redeemed", "number", map[string]any{"kind": "sum", "source": "ledger",
			"field": "amount", "filter": "record.kind == 'redemption'"}, nil),
	}}
}

// TestTasksTimersAndLedgerEntries feeds done tasks, fired timers and
// ledger entries (each twice) through the hooks the runtime wires, and
// checks the figures and that a rebuild from the raw data agrees.
func TestTasksTimersAndLedgerEntries(t *testing.T) {
	f := newFixture(t)
	dash := f.publish(designer.KindDashboard, "work", sourcesDashboard())
	now := f.clock.Now()
	f.doneTasks(now)
	f.firedTimers(now)
	f.ledgerEntries()

	d, err := f.svc.Dashboard(f.ctx, f.admin, dash, insights.Query{})
	if err != nil {
		t.Fatal(err)
	}
	w := byID(d)
	got := map[string]*float64{}
	for id, x := range w {
		if x.Unsupported != "" {
			t.Errorf("%s: unsupported: %s", id, x.Unsupported)
		}
		got[id] = x.Value
	}
	want := map[string]*float64{"done": ptr(3), "by_process": ptr(3),
		"overdue_rate": ptr(1.0 / 3), "late": ptr(1), "awarded": ptr(15), "redeemed": ptr(4)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	procs := map[string]float64{}
	for _, g := range w["by_process"].Groups {
		procs[g.Keys["process"]] = *g.Value
	}
	if diff := cmp.Diff(map[string]float64{"onboarding": 2, "renewal": 1}, procs); diff != "" {
		t.Errorf("done tasks by process (-want +got):\n%s", diff)
	}

	for _, id := range []string{"done", "overdue_rate", "late", "awarded", "redeemed"} {
		f.checkRebuild(dash + "." + id)
	}
}

// checkRebuild compares a metric's stored figures with a rebuild's.
func (f *fixture) checkRebuild(ref string) {
	f.t.Helper()
	before, err := f.svc.Figures(f.ctx, tenant, ref)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.svc.Rebuild(f.ctx, tenant, ref); err != nil {
		f.t.Fatalf("rebuilding %s: %v", ref, err)
	}
	after, err := f.svc.Figures(f.ctx, tenant, ref)
	if err != nil {
		f.t.Fatal(err)
	}
	if d := cmp.Diff(after, before, cmpopts.EquateEmpty()); d != "" {
		f.t.Errorf("%s: incremental differs from the rebuild (-rebuild +incremental):\n%s",
			ref, d)
	}
}

// doneTasks stores three done tasks (one overdue) of two processes and an
// open one, and tells insights about the done ones twice.
func (f *fixture) doneTasks(now time.Time) {
	f.t.Helper()
	for id, proc := range map[string]string{"i1": "onboarding", "i2": "renewal"} {
		doc := &engine.Instance{ID: id, ProcessKey: proc}
		if err := f.store.Scope(tenant).C(engine.InstancesCollection).InsertOne(f.ctx,
			doc); err != nil {
			f.t.Fatal(err)
		}
	}
	tasks := []*engine.Task{
		{ID: "t1", InstanceID: "i1", AssigneeID: f.reps[0].UserID, Status: engine.TaskDone},
		{ID: "t2", InstanceID: "i1", AssigneeID: f.reps[0].UserID, Status: engine.TaskDone,
			DueAt: now.Add(-time.Hour)},
		{ID: "t3", InstanceID: "i2", AssigneeID: f.reps[1].UserID, Status: engine.TaskDone},
		{ID: "t4", InstanceID: "i2", AssigneeID: f.reps[1].UserID, Status: engine.TaskOpen},
	}
	for _, task := range tasks {
		task.TenantID, task.Kind, task.Version = tenant, engine.TaskUser, 2
		task.CreatedAt = now.Add(-2 * time.Hour)
		if task.Status == engine.TaskDone {
			task.CompletedAt, task.CompletedBy = now, task.AssigneeID
		}
		if err := f.store.Scope(tenant).C(engine.TasksCollection).InsertOne(f.ctx,
			task); err != nil {
			f.t.Fatal(err)
		}
		for range 2 {
			done := engine.TaskCompletion{TenantID: tenant, TaskID: task.ID, At: now}
			if err := f.svc.OnTaskDone(f.ctx, done); err != nil {
				f.t.Fatal(err)
			}
		}
	}
}

// firedTimers stores a timer fired on time, one fired late and a pending
// one, and tells insights about the fired ones twice.
func (f *fixture) firedTimers(now time.Time) {
	f.t.Helper()
	timers := []*timer.Timer{
		{ID: "on_time", Kind: "sla", DueAt: now, FiredAt: now.Add(time.Second),
			Status: timer.StatusFired},
		{ID: "late", Kind: "sla", DueAt: now.Add(-time.Hour), FiredAt: now,
			Status: timer.StatusFired},
		{ID: "pending", Kind: "sla", DueAt: now.Add(time.Hour), Status: timer.StatusPending},
	}
	for _, tm := range timers {
		tm.TenantID, tm.Version = tenant, 1
		if err := f.store.Scope(tenant).C(timer.Collection).InsertOne(f.ctx, tm); err != nil {
			f.t.Fatal(err)
		}
		if tm.Status == timer.StatusFired {
			f.svc.OnTimerFired(f.ctx, tm)
			f.svc.OnTimerFired(f.ctx, tm)
		}
	}
}

// ledgerEntries books awards and a redemption through the ledger, whose
// hook tells insights; each award is also told a second time.
func (f *fixture) ledgerEntries() {
	f.t.Helper()
	l := ledger.New(f.store, f.clock, testenv.Logger())
	if err := l.EnsureIndexes(f.ctx); err != nil {
		f.t.Fatal(err)
	}
	l.OnEntry(f.svc.OnLedgerEntry)
	l.OnEntry(f.svc.OnLedgerEntry)
	for i, a := range []struct {
		user   int
		points int64
		reason string
	}{{0, 10, "won deal"}, {0, 2, "follow-up"}, {1, 3, "won deal"}} {
		_, _, err := l.Award(f.ctx, tenant, ledger.Award{UserID: f.reps[a.user].UserID,
			Points: a.points, Reason: ledger.Text{i18n.English: a.reason},
			Source: "test", DedupeKey: string(rune('a' + i))})
		if err != nil {
			f.t.Fatal(err)
		}
	}
	redemption := &ledger.Entry{ID: "e-redeem", Ledger: ledger.DefaultLedger,
		UserID: f.reps[0].UserID, Kind: ledger.KindRedemption, Points: -4,
		Source: ledger.SourceRedemption, RewardKey: "mug", DedupeKey: "redemption:1",
		At: f.clock.Now()}
	redemption.TenantID = tenant
	if err := f.store.Scope(tenant).C(ledger.EntriesCollection).InsertOne(f.ctx,
		redemption); err != nil {
		f.t.Fatal(err)
	}
	f.svc.OnLedgerEntry(f.ctx, tenant, redemption)
}
