package timer_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/formworkhq/formwork/runtime/timer"
)

func TestRestartLosesNothingAndFiresNothingTwice(t *testing.T) {
	e := newEnv(t)
	first := e.service(t)
	first.Start(context.Background())
	e.schedule(t, first, "soon", 5*time.Minute)
	e.schedule(t, first, "later", 2*time.Hour)
	e.schedule(t, first, "dying", 10*time.Minute)

	e.clk.Advance(5 * time.Minute)
	first.Shutdown()
	expireClaim(t, e, "dying") // its process died while firing it
	flush(t, e)                // and Redis restarted empty

	second := e.service(t)
	second.Start(context.Background())
	e.clk.Advance(2 * time.Hour)
	if _, err := second.Reconcile(context.Background()); err != nil {
		t.Fatalf("Reconcile: %v", err)
	}

	if diff := cmp.Diff([]string{"soon", "dying", "later"}, e.rec.got()); diff != "" {
		t.Errorf("fired across the restart (-want +got):\n%s", diff)
	}
}

func TestManualAdvanceFiresInDueOrder(t *testing.T) {
	tests := []struct {
		name    string
		chain   time.Duration // the 2h timer schedules one this much later
		advance func(*testing.T, *env, *timer.Service)
		want    []string
		seen    []time.Duration // the clock as each handler saw it, from start
	}{
		{
			name: "clock advance fires all at the new time", chain: 90 * time.Minute,
			advance: func(_ *testing.T, e *env, _ *timer.Service) { e.clk.Advance(4 * time.Hour) },
			want:    []string{"1h", "2h", "3h", "2h+"},
			seen:    []time.Duration{4 * time.Hour, 4 * time.Hour, 4 * time.Hour, 4 * time.Hour},
		},
		{
			name: "stepping fires each at its time", chain: 30 * time.Minute,
			advance: func(t *testing.T, e *env, svc *timer.Service) {
				if _, err := svc.AdvanceManual(context.Background(), e.clk, 4*time.Hour); err != nil {
					t.Fatalf("AdvanceManual: %v", err)
				}
			},
			want: []string{"1h", "2h", "2h+", "3h"},
			seen: []time.Duration{time.Hour, 2 * time.Hour, 150 * time.Minute, 3 * time.Hour},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			svc := e.service(t)
			var seen []time.Duration
			record := func(ctx context.Context, tm *timer.Timer) error {
				seen = append(seen, e.clk.Now().Sub(start))
				return e.rec.handle(ctx, tm)
			}
			svc.Handle("sla", record)
			svc.Handle("chain", func(ctx context.Context, tm *timer.Timer) error {
				next := &timer.Timer{ID: tm.ID + "+", Kind: "sla", DueAt: tm.DueAt.Add(tt.chain)}
				if err := svc.Schedule(ctx, tenant, next); err != nil {
					return err
				}
				return record(ctx, tm)
			})
			svc.Start(context.Background())

			e.schedule(t, svc, "3h", 3*time.Hour)
			e.schedule(t, svc, "1h", time.Hour)
			e.schedule(t, svc, "5h", 5*time.Hour)
			chain := &timer.Timer{ID: "2h", Kind: "chain", DueAt: start.Add(2 * time.Hour)}
			if err := svc.Schedule(context.Background(), tenant, chain); err != nil {
				t.Fatalf("Schedule: %v", err)
			}

			tt.advance(t, e, svc)
			if diff := cmp.Diff(tt.want, e.rec.got()); diff != "" {
				t.Errorf("fired (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.seen, seen); diff != "" {
				t.Errorf("clock seen by the handlers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHandlerErrorIsRecordedAndRetried(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	svc.Start(context.Background())
	e.rec.fail["a"] = 2
	e.schedule(t, svc, "a", time.Minute)

	e.clk.Advance(time.Minute)
	got := get(t, svc, "a")
	want := []any{timer.StatusPending, 1, "boom 1", start.Add(time.Minute + time.Second)}
	if diff := cmp.Diff(want, []any{got.Status, got.Attempts, got.LastError, got.DueAt}); diff != "" {
		t.Errorf("after a failure: status, attempts, error, due (-want +got):\n%s", diff)
	}

	e.clk.Advance(time.Second) // second failure, next retry 2 s later
	e.clk.Advance(2 * time.Second)
	got = get(t, svc, "a")
	if got.Status != timer.StatusFired || got.Attempts != 3 || got.LastError != "boom 2" {
		t.Errorf("after retries: status %s attempts %d error %q", got.Status, got.Attempts,
			got.LastError)
	}
	if diff := cmp.Diff(map[string]float64{"error": 2, "ok": 1}, firedCounts(t, svc)); diff != "" {
		t.Errorf("formwork_timer_fired_total by result (-want +got):\n%s", diff)
	}
}

func TestHandlerMayRescheduleItsOwnTimer(t *testing.T) {
	e := newEnv(t)
	svc := e.service(t)
	rearmed := false
	svc.Handle("silence", func(ctx context.Context, tm *timer.Timer) error {
		e.rec.handle(ctx, tm)
		if rearmed {
			return nil
		}
		rearmed = true
		return svc.Reschedule(ctx, tenant, tm.ID, tm.DueAt.Add(time.Hour))
	})
	svc.Start(context.Background())
	watch := &timer.Timer{ID: "w", Kind: "silence", DueAt: start.Add(time.Hour)}
	if err := svc.Schedule(context.Background(), tenant, watch); err != nil {
		t.Fatalf("Schedule: %v", err)
	}

	e.clk.Advance(time.Hour)
	if got := get(t, svc, "w"); got.Status != timer.StatusPending ||
		!got.DueAt.Equal(start.Add(2*time.Hour)) {
		t.Fatalf("re-armed watch: status %s due %v", got.Status, got.DueAt)
	}
	e.clk.Advance(time.Hour)
	if diff := cmp.Diff([]string{"w", "w"}, e.rec.got()); diff != "" {
		t.Errorf("fired (-want +got):\n%s", diff)
	}
	if got := get(t, svc, "w"); got.Status != timer.StatusFired {
		t.Errorf("status %s after the second firing, want fired", got.Status)
	}
}

// firedCounts sums formwork_timer_fired_total by result.
func firedCounts(t *testing.T, svc *timer.Service) map[string]float64 {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(svc.Collector())
	families, err := reg.Gather()
	if err != nil {
		t.Fatalf("Gather: %v", err)
	}

	out := map[string]float64{}
	for _, f := range families {
		if f.GetName() != "formwork_timer_fired_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "result" {
					out[l.GetValue()] += m.GetCounter().GetValue()
				}
			}
		}
	}
	return out
}
