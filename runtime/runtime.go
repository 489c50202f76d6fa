package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/intake"
	"github.com/formworkhq/formwork/runtime/ledger"
	"github.com/formworkhq/formwork/runtime/outbox"
	"github.com/formworkhq/formwork/runtime/record"
	"github.com/formworkhq/formwork/runtime/timer"
)

// Config tunes the runtime; the zero value means each part's defaults.
type Config struct {
	Timers timer.Config
	Outbox outbox.Config
	// PublicURL is where people reach the web app (FORMWORK_PUBLIC_URL);
	// messages about a record link to its page under it. Empty: no links.
	PublicURL string
}

// Runtime is the composed run-time of one process.
type Runtime struct {
	Records *record.Service
	Engine  *engine.Service
	Timers  *timer.Service
	Outbox  *outbox.Service
	Ledger  *ledger.Service
	// Intake serves the public intake links of forms.
	Intake *intake.Service
	// Insights keeps the metric rollups from the record events.
	Insights *insights.Service

	clock     clock.Clock
	sweeper   *outbox.Sweeper
	recoverer *engine.Recoverer
	recounter *engine.Recounter
	log       *slog.Logger
	// background runs one-off start-up work (the rollup upgrade) that
	// Shutdown cancels and waits for.
	background     sync.WaitGroup
	stopBackground context.CancelFunc
}

// New builds and connects every part of the runtime.
func New(store *mongo.Store, q *queue.Queue, definitions *designer.Service, clk clock.Clock,
	cfg Config, log *slog.Logger) (*Runtime, error) {
	rt := &Runtime{clock: clk, log: log.With("component", "runtime")}
	rt.Records = record.New(store, definitions, clk, log)
	rt.Timers = timer.New(store, q, clk, cfg.Timers, log)
	rt.Outbox = outbox.New(store, q, clk, cfg.Outbox, log)
	rt.Ledger = ledger.New(store, clk, log)
	rt.Intake = intake.New(store, rt.Records, clk, intake.Config{}, log)
	rt.Insights = insights.New(store, definitions, clk, insights.Config{}, log)
	rt.Insights.SetAlerter(insights.OutboxAlerter{Outbox: rt.Outbox, Store: store})

	eng, err := engine.New(store, clk, log, engine.Deps{
		Records:     recordAccess{svc: rt.Records},
		Timers:      timerAccess{svc: rt.Timers},
		Outbox:      outboxAccess{svc: rt.Outbox, publicURL: cfg.PublicURL},
		Ledger:      ledgerAccess{svc: rt.Ledger},
		Definitions: definitions,
		Calendars:   engine.DesignerCalendars{Definitions: definitions},
		Directory:   directory{store: store},
	})
	if err != nil {
		return nil, fmt.Errorf("building the engine: %w", err)
	}
	rt.Engine = eng
	rt.Outbox.RegisterSender(CreateRecordChannel, recordCreator{records: rt.Records})
	rt.Engine.OnTaskDone(cardUpdateHook(rt.Outbox))
	rt.connect()
	definitions.OnPublish(rt.onPublished)
	return rt, nil
}

// connect routes record events to the engine and the rollups, fired
// timers to the engine, and done tasks, fired timers and ledger entries
// to the rollups.
func (rt *Runtime) connect() {
	// The rollups hear of a write before the engine acts on it: a process
	// step that changes the record (assigning its owner, setting fields)
	// emits its own event, which must reach the rollups after the one it
	// follows, or a new record would be counted twice.
	rt.Records.Subscribe(rt.Insights.Enqueue)
	rt.Records.Subscribe(func(ctx context.Context, ev record.Event) {
		if err := rt.Engine.OnRecordEvent(ctx, recordEvent(ev)); err != nil {
			rt.log.ErrorContext(ctx, "record event not handled", "event", ev.ID,
				"tenant_id", ev.TenantID, "err", err)
		}
	})
	rt.Engine.OnTaskDone(rt.Insights.OnTaskDone)
	rt.Engine.OnTaskCreated(rt.Insights.OnTaskCreated)
	rt.Timers.OnFired(rt.Insights.OnTimerFired)
	rt.Ledger.OnEntry(rt.Insights.OnLedgerEntry)
	for _, kind := range []engine.TimerKind{engine.TimerBoundary, engine.TimerWait,
		engine.TimerSilence, engine.TimerSchedule} {
		rt.Timers.Handle(string(kind), func(ctx context.Context, t *timer.Timer) error {
			return rt.Engine.OnTimer(ctx, t.TenantID, engine.TimerKind(t.Kind), t.Ref.InstanceID)
		})
	}
}

// onPublished books the first run of a scheduled process and moves the
// running deadlines counted in a calendar, as soon as a new version of
// either is published.
func (rt *Runtime) onPublished(ctx context.Context, p auth.Principal, v *designer.Version) {
	ctx = context.WithoutCancel(ctx)
	switch v.Kind {
	case designer.KindProcess:
		err := rt.Engine.OnProcessPublished(ctx, p.TenantID, v.DefinitionID, v.Number)
		if err != nil {
			rt.log.ErrorContext(ctx, "booking the first run of a scheduled process",
				"tenant_id", p.TenantID, "process", v.Key, "err", err)
		}
	case designer.KindCalendar:
		rt.replanOnCalendar(ctx, p, v)
	}
}

// replanOnCalendar moves the running deadlines counted in a calendar
// whose new version was just published.
func (rt *Runtime) replanOnCalendar(ctx context.Context, p auth.Principal,
	v *designer.Version) {
	n, err := rt.Engine.OnCalendarChanged(ctx, p.TenantID, v.Key)
	if err != nil {
		rt.log.ErrorContext(ctx, "re-planning deadlines after a calendar change",
			"tenant_id", p.TenantID, "calendar", v.Key, "replanned", n, "err", err)
		return
	}
	rt.log.InfoContext(ctx, "deadlines re-planned after a calendar change",
		"tenant_id", p.TenantID, "calendar", v.Key, "instances", n)
}

// EnsureIndexes prepares every part's collections.
func (rt *Runtime) EnsureIndexes(ctx context.Context) error {
	for _, ensure := range []func(context.Context) error{rt.Records.EnsureIndexes,
		rt.Engine.EnsureIndexes, rt.Timers.EnsureIndexes, rt.Outbox.EnsureIndexes,
		rt.Ledger.EnsureIndexes, rt.Intake.EnsureIndexes, rt.Insights.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Register adds the runtime's job handlers to mux.
func (rt *Runtime) Register(mux *asynq.ServeMux) {
	rt.Timers.Register(mux)
	rt.Outbox.Register(mux)
}

// Start runs the background workers: the timer loader, reconciler and
// releaser, the outbox sweeper and the engine's recoverer and recounter.
func (rt *Runtime) Start(ctx context.Context) {
	rt.Timers.Start(ctx)
	rt.sweeper = rt.Outbox.NewSweeper()
	rt.sweeper.Start(ctx)
	rt.recoverer = rt.Engine.NewRecoverer(0)
	rt.recoverer.Start(ctx)
	rt.recounter = rt.Engine.NewRecounter(engine.RecountConfig{})
	rt.recounter.Start(ctx)
	bg, stop := context.WithCancel(ctx)
	rt.stopBackground = stop
	rt.background.Go(func() { rt.upgradeRollups(bg) })
}

// upgradeRollups rebuilds the dashboards of tenants whose rollups an
// older Formwork wrote, off the start-up path.
func (rt *Runtime) upgradeRollups(ctx context.Context) {
	n, err := rt.Insights.UpgradeLegacy(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		rt.log.ErrorContext(ctx, "upgrading dashboard rollups; restart to try again",
			"err", err)
	case n > 0:
		rt.log.InfoContext(ctx, "dashboard rollups upgraded", "tenants", n)
	}
}

// Shutdown stops the background workers.
func (rt *Runtime) Shutdown() {
	if rt.stopBackground != nil {
		rt.stopBackground()
		rt.background.Wait()
	}
	if rt.recoverer != nil {
		rt.recoverer.Shutdown()
	}
	if rt.recounter != nil {
		rt.recounter.Shutdown()
	}
	rt.Timers.Shutdown()
	if rt.sweeper != nil {
		rt.sweeper.Shutdown()
	}
	rt.Insights.Close()
}

// Collectors are the runtime's Prometheus metrics.
func (rt *Runtime) Collectors() []prometheus.Collector {
	return []prometheus.Collector{rt.Timers.Collector()}
}

// AdvanceClock moves a manual clock by d and fires every timer due by
// then, in order; it refuses on a real clock.
func (rt *Runtime) AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error) {
	m, ok := rt.clock.(*clock.Manual)
	if !ok {
		return time.Time{}, errors.New("the clock is not manual")
	}
	return rt.Timers.AdvanceManual(ctx, m, d)
}
