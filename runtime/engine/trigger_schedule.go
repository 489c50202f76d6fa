package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
)

// RecordPager lists a form's records page by page, for a schedule that
// starts one instance per record. The RecordAccess in Deps implements it
// when the wiring can list records; a schedule over a form fails its runs
// otherwise.
type RecordPager interface {
	// RecordsPage returns up to limit live records of form following
	// cursor ("" for the first page), in an order that does not change
	// while records are added, and the cursor of the next page ("" after
	// the last).
	RecordsPage(ctx context.Context, tenantID, form, cursor string, limit int) ([]*Record,
		string, error)
}

// fanOutPage is how many records a scheduled run reads at a time, so a
// run over a large form never holds all of it.
const fanOutPage = 100

// ErrNoRecordPager is the failure of a scheduled run over a form when the
// records cannot be listed.
var ErrNoRecordPager = errors.New("the records of a form cannot be listed here")

// fanOut starts, for the scheduled run at unix, one instance of v per
// record of the trigger's form that its where keeps, working on that
// record. The instance id is the version, the run and the record, so a
// run delivered twice starts nothing twice and a run cut short by a crash
// starts, when redelivered, only what it had not. A record whose filter
// cannot be evaluated is skipped and logged; the others still start.
func (s *Service) fanOut(ctx context.Context, v *designer.Version, m *Model,
	c *process.TriggerConfig, tenantID, unix string) error {
	pager, ok := s.deps.Records.(RecordPager)
	if !ok {
		return ErrNoRecordPager
	}

	var errs []error
	cursor := ""
	for {
		recs, next, err := pager.RecordsPage(ctx, tenantID, c.Form, cursor, fanOutPage)
		if err != nil {
			return errors.Join(append(errs, fmt.Errorf("listing %s records: %w", c.Form,
				err))...)
		}
		for _, rec := range recs {
			errs = append(errs, s.startOn(ctx, v, m, c, tenantID, unix, rec))
		}
		if next == "" || len(recs) == 0 {
			return errors.Join(errs...)
		}
		cursor = next
	}
}

// startOn starts the scheduled run's instance on rec, when where keeps it.
func (s *Service) startOn(ctx context.Context, v *designer.Version, m *Model,
	c *process.TriggerConfig, tenantID, unix string, rec *Record) error {
	keep, err := keeps(m, c.Where, rec, s.clock.Now())
	if err != nil {
		// A record the filter cannot read (a value of another type) is
		// skipped, not retried: retrying would not change it.
		s.log.WarnContext(ctx, "scheduled run skips a record", slog.String("tenant_id",
			tenantID), slog.String("record_id", rec.ID), slog.Any("error", err))
		return nil
	}
	if !keep {
		return nil
	}
	id := instanceID(v.ID, "schedule", unix, rec.ID)
	ev := RecordEvent{ID: "schedule/" + unix, TenantID: tenantID, RecordID: rec.ID,
		Form: c.Form, Record: rec}
	return s.startWith(ctx, v, id, ev, nil, nil)
}

// keeps evaluates a schedule's where on rec; an empty where keeps every
// record.
func keeps(m *Model, where string, rec *Record, now time.Time) (bool, error) {
	if where == "" {
		return true, nil
	}
	r := &run{m: m, st: &State{}, in: Input{Now: now, Record: rec}}
	v, err := r.eval(&Token{}, where, expr.Bool)
	if err != nil {
		return false, fmt.Errorf("filtering record %s: %w", rec.ID, err)
	}
	b, _ := v.(bool)
	return b, nil
}

func init() { i18n.Register(scheduleMessages) }

// scheduleMessages are the simulator's texts for a schedule over records.
var scheduleMessages = map[string]map[i18n.Locale]string{
	"engine.sim.not_kept": {
		i18n.English: "A scheduled run would start nothing for this record: {where} does not " +
			"hold for it.",
		i18n.Chinese: "定时运行不会为这条记录启动流程：记录不满足条件 {where}。",
	},
}

// keptBySchedule reports whether a scheduled run over the trigger's form
// would start an instance on the simulated record; a trigger of another
// kind always starts.
func (w *world) keptBySchedule() bool {
	c, _ := process.ConfigAs[*process.TriggerConfig](w.m.Trigger())
	if c == nil || c.On != process.OnSchedule || c.Form == "" {
		return true
	}
	keep, err := keeps(w.m, c.Where, w.rec, w.now)
	if err == nil && keep {
		return true
	}
	w.add(w.m.Trigger().ID, "not_started", "engine.sim.not_kept",
		i18n.Params{"where": c.Where})
	return false
}

var _ RecordPager = (*MemRecords)(nil)

// RecordsPage implements RecordPager, in id order; the cursor is the last
// id of the page.
func (m *MemRecords) RecordsPage(_ context.Context, _, form, cursor string,
	limit int) ([]*Record, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var ids []string
	for id, r := range m.Records {
		if r.Form == form && id > cursor {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)

	next := ""
	if len(ids) > limit {
		ids, next = ids[:limit], ids[limit-1]
	}
	out := make([]*Record, len(ids))
	for i, id := range ids {
		c := *m.Records[id]
		out[i] = &c
	}
	return out, next, nil
}
