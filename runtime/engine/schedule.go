package engine

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
)

// TimerSchedule is the timer of a scheduled process's next run.
const TimerSchedule TimerKind = "engine.schedule"

// maxSkippedRuns bounds the search for a working day when a schedule runs
// on working days only.
const maxSkippedRuns = 400

// EnsureSchedules books, as a durable timer, the next run of every live
// process whose trigger is a schedule, in every tenant. Booking is
// idempotent (the timer id is the process version and the run time), so
// every worker may call it at start-up and periodically; a process
// published with a new version gets its own timers and the old version's
// runs are skipped when they fire.
func (s *Service) EnsureSchedules(ctx context.Context) (int, error) {
	// Unscoped: the sweep serves every tenant; each process is then read
	// through its own tenant's scope.
	cur, err := s.store.Unscoped(designer.DefinitionsCollection).Find(ctx,
		bson.D{{Key: "kind", Value: designer.KindProcess},
			{Key: "published", Value: bson.D{{Key: "$gt", Value: 0}}}},
		options.Find().SetProjection(bson.D{{Key: "_id", Value: 1},
			{Key: "tenant_id", Value: 1}, {Key: "published", Value: 1},
			{Key: "status", Value: 1}}))
	if err != nil {
		return 0, fmt.Errorf("listing processes: %w", err)
	}
	var defs []struct {
		ID        string          `bson:"_id"`
		TenantID  string          `bson:"tenant_id"`
		Published int             `bson:"published"`
		Status    designer.Status `bson:"status"`
	}
	if err := cur.All(ctx, &defs); err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, d := range defs {
		if d.Status == designer.StatusArchived {
			continue
		}
		booked, err := s.bookNextRun(ctx, d.TenantID, d.ID, d.Published, s.clock.Now())
		errs = append(errs, err)
		if booked {
			n++
		}
	}
	return n, errors.Join(errs...)
}

// OnProcessPublished books the first run of a newly published process
// version whose trigger is a schedule, without waiting for the next sweep
// of EnsureSchedules.
func (s *Service) OnProcessPublished(ctx context.Context, tenantID, defID string,
	version int) error {
	_, err := s.bookNextRun(ctx, tenantID, defID, version, s.clock.Now())
	return err
}

// bookNextRun books the first run of a process version after `after`,
// when its trigger is a schedule.
func (s *Service) bookNextRun(ctx context.Context, tenantID, defID string, version int,
	after time.Time) (bool, error) {
	v, err := s.deps.Definitions.Version(ctx, system(tenantID), designer.KindProcess, defID,
		version)
	if err != nil {
		return false, err
	}
	m, err := s.model(ctx, tenantID, defID, version)
	if err != nil {
		return false, err
	}
	c, _ := process.ConfigAs[*process.TriggerConfig](m.Trigger())
	if c.On != process.OnSchedule {
		return false, nil
	}
	next, err := s.nextRun(ctx, tenantID, c, after)
	if err != nil || next.IsZero() {
		return false, err
	}
	unix := strconv.FormatInt(next.Unix(), 10)
	t := Timer{ID: "sched." + v.ID + "." + unix, Kind: TimerSchedule,
		Ref: strings.Join([]string{defID, strconv.Itoa(version), unix}, "/"), Due: next}
	return true, s.deps.Timers.Schedule(ctx, tenantID, t)
}

// nextRun is the first time after `after` the cron fires, in the zone of
// the trigger's calendar, on a working day when it asks for one.
func (s *Service) nextRun(ctx context.Context, tenantID string, c *process.TriggerConfig,
	after time.Time) (time.Time, error) {
	cron, err := process.ParseCron(c.Cron)
	if err != nil {
		return time.Time{}, err
	}
	cal, err := s.deps.Calendars.Calendar(ctx, tenantID, c.Calendar)
	if err != nil || cal == nil {
		cal = calendar.Default()
	}
	sched := cal.Schedule()
	t := after.In(sched.Location())
	for range maxSkippedRuns {
		t = cron.Next(t)
		if t.IsZero() || !c.WorkingDaysOnly || sched.IsWorkingDay(t) {
			return t, nil
		}
	}
	return time.Time{}, nil
}

// startRun starts the scheduled run at unix of v: one instance without a
// record, or one per record of the trigger's form (fanOut).
func (s *Service) startRun(ctx context.Context, v *designer.Version, tenantID,
	unix string) error {
	m, err := s.model(ctx, tenantID, v.DefinitionID, v.Number)
	if err != nil {
		return err
	}
	if c, _ := process.ConfigAs[*process.TriggerConfig](m.Trigger()); c.Form != "" {
		return s.fanOut(ctx, v, m, c, tenantID, unix)
	}
	id := instanceID(v.ID, "schedule", unix)
	ev := RecordEvent{ID: "schedule/" + unix, TenantID: tenantID}
	return s.startWith(ctx, v, id, ev, nil, nil)
}

// onSchedule starts the scheduled run ref names, if its version is still
// the latest published one, and books the next run.
func (s *Service) onSchedule(ctx context.Context, tenantID, ref string) error {
	parts := strings.Split(ref, "/")
	if len(parts) != 3 {
		return fmt.Errorf("schedule ref %q is not the engine's", ref)
	}
	defID, unix := parts[0], parts[2]
	version, err := strconv.Atoi(parts[1])
	if err != nil {
		return fmt.Errorf("schedule ref %q: %w", ref, err)
	}
	v, err := s.deps.Definitions.Version(ctx, system(tenantID), designer.KindProcess, defID,
		version)
	if err != nil {
		return err
	}
	latest, err := s.deps.Definitions.Latest(ctx, system(tenantID), designer.KindProcess, v.Key)
	if err != nil || latest.Number != version {
		return nil // archived or superseded: the new version books its own runs
	}

	started := s.startRun(ctx, v, tenantID, unix)
	at, _ := strconv.ParseInt(unix, 10, 64)
	_, err = s.bookNextRun(ctx, tenantID, defID, version, time.Unix(at, 0))
	return errors.Join(started, err)
}
