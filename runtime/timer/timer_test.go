package timer_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/timer"
)

func TestScheduleFiresOnceOnDuplicateDelivery(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	tm := e.schedule(t, svc, "a", 10*time.Minute)

	if !e.inRedis(t, "a") {
		t.Fatal("timer due within the horizon is not in Redis")
	}
	e.deliver(t, svc, "a") // early delivery: not due yet, nothing fires
	if got := e.rec.got(); len(got) != 0 {
		t.Fatalf("fired %v before the due time", got)
	}

	e.clk.Advance(10 * time.Minute)
	e.deliver(t, svc, "a")
	e.deliver(t, svc, "a")
	if diff := cmp.Diff([]string{"a"}, e.rec.got()); diff != "" {
		t.Errorf("fired (-want +got):\n%s", diff)
	}

	want := timer.Timer{ID: "a", Kind: "sla", Ref: tm.Ref, DueAt: tm.DueAt,
		Status: timer.StatusFired, Version: 3, Attempts: 1, CreatedAt: start,
		FiredAt: tm.DueAt}
	want.TenantID = tenant
	if diff := cmp.Diff(want, *get(t, svc, "a")); diff != "" {
		t.Errorf("stored timer (-want +got):\n%s", diff)
	}
}

func TestScheduleTwiceKeepsTheFirst(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	first := e.schedule(t, svc, "a", 10*time.Minute)

	again := &timer.Timer{ID: "a", Kind: "sla", DueAt: start.Add(time.Hour)}
	if err := svc.Schedule(context.Background(), tenant, again); err != nil {
		t.Fatalf("Schedule again: %v", err)
	}

	if diff := cmp.Diff(first.DueAt, again.DueAt); diff != "" {
		t.Errorf("second Schedule changed the due time (-want +got):\n%s", diff)
	}
	err := svc.Schedule(context.Background(), "t2", &timer.Timer{ID: "a", Kind: "sla",
		DueAt: start})
	if code := problemCode(err); code != "timer.id_taken" {
		t.Errorf("another tenant's id: code %q (%v), want timer.id_taken", code, err)
	}
}

func TestScheduleRefusesIncompleteTimers(t *testing.T) {
	tests := []struct {
		name  string
		timer timer.Timer
		want  []string
	}{
		{name: "no kind", timer: timer.Timer{DueAt: start}, want: []string{"/kind"}},
		{name: "no due time", timer: timer.Timer{Kind: "sla"}, want: []string{"/due_at"}},
		{name: "nothing", want: []string{"/kind", "/due_at"}},
	}
	e := newEnv(t)
	svc := e.service(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := svc.Schedule(context.Background(), tenant, &tt.timer)
			pe, ok := problem.As(err)
			if !ok || pe.Kind != problem.Invalid {
				t.Fatalf("Schedule: %v, want an Invalid problem", err)
			}
			var got []string
			for _, f := range pe.Fields {
				got = append(got, f.Pointer)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("field pointers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCancel(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	e.schedule(t, svc, "a", 10*time.Minute)
	ctx := context.Background()

	if err := svc.Cancel(ctx, tenant, "a"); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	if e.inRedis(t, "a") {
		t.Error("cancelled timer still in Redis")
	}
	e.clk.Advance(time.Hour)
	if n := e.fireDue(t, svc); n != 0 || len(e.rec.got()) != 0 {
		t.Errorf("FireDue fired %d (%v) after Cancel, want none", n, e.rec.got())
	}

	if err := svc.Cancel(ctx, tenant, "a"); err != nil {
		t.Errorf("second Cancel: %v, want nil", err)
	}
	err := svc.Reschedule(ctx, tenant, "a", e.clk.Now().Add(time.Hour))
	if code := problemCode(err); code != "timer.already_cancelled" {
		t.Errorf("Reschedule after Cancel: code %q (%v)", code, err)
	}
	if code := problemCode(svc.Cancel(ctx, "t2", "a")); code != "timer.not_found" {
		t.Errorf("Cancel from another tenant: code %q, want timer.not_found", code)
	}
}

func TestReschedule(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	e.schedule(t, svc, "a", 10*time.Minute)
	ctx := context.Background()

	if err := svc.Reschedule(ctx, tenant, "a", start.Add(20*time.Minute)); err != nil {
		t.Fatalf("Reschedule: %v", err)
	}
	e.clk.Advance(10 * time.Minute)
	e.deliver(t, svc, "a")
	if n := e.fireDue(t, svc); n != 0 {
		t.Fatalf("fired %d at the old due time", n)
	}

	e.clk.Advance(10 * time.Minute)
	if n := e.fireDue(t, svc); n != 1 {
		t.Fatalf("fired %d at the new due time, want 1", n)
	}
	got := get(t, svc, "a")
	if !got.DueAt.Equal(start.Add(20*time.Minute)) || got.Status != timer.StatusFired {
		t.Errorf("timer after firing: due %v status %s", got.DueAt, got.Status)
	}
	err := svc.Reschedule(ctx, tenant, "a", e.clk.Now().Add(time.Hour))
	if code := problemCode(err); code != "timer.already_fired" {
		t.Errorf("Reschedule after firing: code %q (%v)", code, err)
	}
}

func TestHorizonKeepsFarTimersOutOfRedis(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	e.schedule(t, svc, "far", 30*24*time.Hour)
	e.schedule(t, svc, "near", 30*time.Minute)

	if e.inRedis(t, "far") || !e.inRedis(t, "near") {
		t.Fatalf("in Redis: far %v near %v, want only near", e.inRedis(t, "far"),
			e.inRedis(t, "near"))
	}
	if _, err := svc.Load(context.Background()); err != nil {
		t.Fatalf("Load: %v", err)
	}
	if e.inRedis(t, "far") {
		t.Fatal("the loader brought a timer 30 days away into Redis")
	}

	e.clk.Advance(30*24*time.Hour - 30*time.Minute)
	if _, err := svc.Load(context.Background()); err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !e.inRedis(t, "far") {
		t.Error("the loader did not bring the timer once it came within the horizon")
	}
}

func TestFlushedRedisIsReconciled(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	ctx := context.Background()
	e.schedule(t, svc, "a", 10*time.Minute)
	e.schedule(t, svc, "b", 20*time.Minute)
	e.schedule(t, svc, "far", 48*time.Hour)

	flush(t, e)
	got, err := svc.Reconcile(ctx)
	if err != nil {
		t.Fatalf("Reconcile: %v", err)
	}
	want := timer.Reconciled{Restored: 2, Pending: 3}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Reconcile (-want +got):\n%s", diff)
	}
	if !e.inRedis(t, "a") || !e.inRedis(t, "b") || e.inRedis(t, "far") {
		t.Error("Reconcile did not restore exactly the timers within the horizon")
	}

	flush(t, e)
	e.clk.Advance(15 * time.Minute)
	if got, err = svc.Reconcile(ctx); err != nil {
		t.Fatalf("Reconcile: %v", err)
	}
	want = timer.Reconciled{Fired: 1, Restored: 1, Pending: 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Reconcile after the clock moved (-want +got):\n%s", diff)
	}
}

func flush(t *testing.T, e *env) {
	t.Helper()
	if err := e.q.Redis().FlushDB(context.Background()).Err(); err != nil {
		t.Fatalf("FLUSHDB: %v", err)
	}
}

func problemCode(err error) string {
	if pe, ok := problem.As(err); ok {
		return pe.Code
	}
	return ""
}

// expireClaim makes timer id look claimed by a process that died.
func expireClaim(t *testing.T, e *env, id string) {
	t.Helper()
	_, err := e.store.Scope(tenant).C(timer.Collection).UpdateOne(context.Background(),
		bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{
			{Key: "status", Value: timer.StatusFiring},
			{Key: "lease_until", Value: e.clk.Now().Add(-time.Second)},
		}}})
	if err != nil {
		t.Fatalf("faking a dead claim: %v", err)
	}
}
