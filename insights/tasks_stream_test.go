package insights_test

import (
	"context"
	"fmt"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/engine"
)

// taskWidgets are the widgets of tasksDashboard the stream checks.
var taskWidgets = []string{"created_by_owner", "created_by_team", "completed_by_owner",
	"cancelled_by_kind", "cancel_rate", "hours"}

// tasksDashboard counts the tasks created, completed and cancelled by the
// dimensions tasks have.
func tasksDashboard() map[string]any {
	count := func(event string) map[string]any {
		return map[string]any{"kind": "count", "source": "tasks", "event": event}
	}
	by := func(dims ...string) map[string]any {
		return map[string]any{"group_by": dims}
	}
	return map[string]any{"filters": []string{"team"}, "widgets": []any{
		widget("created_by_owner", "leaderboard", count("created"), by("owner")),
		widget("created_by_team", "bar", count("created"), by("team", "kind")),
		widget("completed_by_owner", "bar", count("completed"), by("owner")),
		widget("cancelled_by_kind", "bar", count("cancelled"), by("kind")),
		widget("cancel_rate", "number", map[string]any{"kind": "ratio",
			"numerator": count("cancelled"), "denominator": count("created")}, nil),
		widget("hours", "number", map[string]any{"kind": "avg", "source": "tasks",
			"field": "hours", "filter": "!record.overdue"}, nil),
	}}
}

// workProcess gives a rep a task, to the least loaded; a task still open
// after 5 hours is cancelled by its interrupting SLA edge.
func workProcess() map[string]any {
	node := func(id, kind string, config map[string]any) map[string]any {
		return map[string]any{"id": id, "kind": kind, "name": map[string]string{"en": id},
			"config": config}
	}
	return map[string]any{"graph": map[string]any{
		"nodes": []any{node("start", "trigger", map[string]any{"on": "manual"}),
			node("work", "user_task", map[string]any{
				"assignee": map[string]any{"rule": "least_loaded", "role": "rep"}}),
			node("done", "end", map[string]any{}),
			node("gave_up", "end", map[string]any{})},
		"edges": []any{map[string]any{"id": "e1", "from": "start", "to": "work"},
			map[string]any{"id": "e2", "from": "work", "to": "done"},
			map[string]any{"id": "sla", "from": "work", "to": "gave_up", "kind": "boundary",
				"after": "5h", "interrupting": true}},
	}}
}

// taskWorld is the engine the stream's tasks live in, its hooks wired to
// insights as the runtime wires them, keeping what they were told so the
// stream can tell it again.
type taskWorld struct {
	f       *fixture
	engine  *engine.Service
	timers  *engine.MemTimers
	created []engine.TaskCreation
	closed  []engine.TaskCompletion
	starts  int
}

// withTasks publishes the work process and the tasks dashboard and starts
// the engine; it returns the dashboard id.
func (f *fixture) withTasks() (*taskWorld, string) {
	f.t.Helper()
	dir := engine.MemDirectory{}
	teams := []string{"east", "east", "west"}
	for i, r := range f.reps {
		dir[r.UserID] = engine.Person{ID: r.UserID, Team: teams[i], Roles: r.Roles}
	}
	w := &taskWorld{f: f, timers: engine.NewMemTimers()}
	eng, err := engine.New(f.store, f.clock, testenv.Logger(), engine.Deps{
		Records: engine.NewMemRecords(), Timers: w.timers, Outbox: &engine.MemOutbox{},
		Ledger: &engine.MemLedger{}, Definitions: f.designer, Directory: dir})
	if err != nil {
		f.t.Fatal(err)
	}
	if err := eng.EnsureIndexes(f.ctx); err != nil {
		f.t.Fatal(err)
	}
	eng.OnTaskCreated(func(ctx context.Context, c engine.TaskCreation) error {
		w.created = append(w.created, c)
		return f.svc.OnTaskCreated(ctx, c)
	})
	eng.OnTaskDone(func(ctx context.Context, done engine.TaskCompletion) error {
		w.closed = append(w.closed, done)
		return f.svc.OnTaskDone(ctx, done)
	})
	w.engine = eng
	f.publish(designer.KindProcess, "work", workProcess())
	return w, f.publish(designer.KindDashboard, "work_tasks", tasksDashboard())
}

// start starts the work process: one new task.
func (w *taskWorld) start() {
	w.starts++
	_, err := w.engine.StartManual(w.f.ctx, w.f.admin, "work",
		engine.ManualStart{RequestID: fmt.Sprintf("start-%d", w.starts)})
	w.must(err)
}

// open returns the open tasks, oldest first.
func (w *taskWorld) open() []engine.Task {
	var ts []engine.Task
	w.must(w.f.store.Scope(tenant).C(engine.TasksCollection).FindAll(w.f.ctx,
		bson.D{{Key: "status", Value: engine.TaskOpen}}, &ts))
	return ts
}

// complete completes an open task as its assignee.
func (w *taskWorld) complete(t engine.Task) {
	p := auth.Principal{TenantID: tenant, UserID: t.AssigneeID, Roles: []auth.Role{auth.Rep}}
	_, err := w.engine.Complete(w.f.ctx, p, t.ID, engine.Completion{})
	w.must(err)
}

// reassign hands an open task to rep.
func (w *taskWorld) reassign(t engine.Task, rep auth.Principal) {
	w.must(w.engine.Reassign(w.f.ctx, w.f.admin, t.ID, rep.UserID, nil))
}

// fire fires the SLA timers due by now.
func (w *taskWorld) fire() {
	for _, tm := range w.timers.Due() {
		if tm.Due.After(w.f.clock.Now()) {
			return
		}
		w.timers.Fire(tm.ID)
		w.must(w.engine.OnTimer(w.f.ctx, tenant, tm.Kind, tm.Ref))
	}
}

// replay tells insights again of the i-th thing the hooks heard.
func (w *taskWorld) replay(i int) {
	if n := len(w.created); i < n {
		w.must(w.f.svc.OnTaskCreated(w.f.ctx, w.created[i]))
		return
	}
	if i -= len(w.created); i < len(w.closed) {
		w.must(w.f.svc.OnTaskDone(w.f.ctx, w.closed[i]))
	}
}

func (w *taskWorld) must(err error) {
	w.f.t.Helper()
	if err != nil {
		w.f.t.Fatal(err)
	}
}

// checkTotals compares the counts of the task widgets with the tasks in
// the store: every task created, the done ones completed, the cancelled
// ones cancelled.
func (w *taskWorld) checkTotals(dash string) {
	w.f.t.Helper()
	var all []engine.Task
	w.must(w.f.store.Scope(tenant).C(engine.TasksCollection).FindAll(w.f.ctx, bson.D{}, &all))
	want := map[string]int64{"created_by_owner": int64(len(all))}
	for _, t := range all {
		switch t.Status {
		case engine.TaskDone:
			want["completed_by_owner"]++
		case engine.TaskCancelled:
			want["cancelled_by_kind"]++
		}
	}
	got := map[string]int64{}
	for widget := range want {
		figures, err := w.f.svc.Figures(w.f.ctx, tenant, dash+"."+widget)
		w.must(err)
		for _, day := range figures {
			for _, g := range day {
				got[widget] += g.Main.Count
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		w.f.t.Errorf("task counts (-store +figures):\n%s", diff)
	}
}
