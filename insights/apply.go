package insights

import (
	"context"
	"fmt"
	"slices"

	"github.com/formworkhq/formwork/runtime/record"
)

// OnRecordEvent folds one stored write into the rollups of the metrics it
// feeds: a record's creation, change, assignment or deletion moves it
// from its previous state (the event's Previous) to its new one in the
// documents of the months they count in (datefield.go); an activity adds
// to the document of its month. Applying an event twice counts it once.
func (s *Service) OnRecordEvent(ctx context.Context, ev record.Event) error {
	if ev.Record == nil {
		return nil
	}
	switch ev.Kind {
	case record.EventActivity:
		if ev.Activity == nil {
			return nil
		}
		return s.applyActivity(ctx, ev)
	default:
		return s.applyRecord(ctx, ev)
	}
}

// applyRecord moves record ev.Record from ev.Previous in its family.
func (s *Service) applyRecord(ctx context.Context, ev record.Event) error {
	r := ev.Record
	family := SourceRecords + ":" + r.Form
	ms, err := s.familyMetrics(ctx, ev.TenantID, family)
	if err != nil || len(ms) == 0 {
		return err
	}
	nw, err := s.recordItemOf(ctx, ev.TenantID, ms, r)
	if err != nil {
		return err
	}
	var old *item
	if p := ev.Previous; p != nil && p.ID == r.ID {
		if old, err = s.recordItemOf(ctx, ev.TenantID, ms, p); err != nil {
			return err
		}
	}

	return s.moveRecord(ctx, ev.TenantID, family, eventHash(ev.ID), old, nw, ms)
}

// recordItemOf is the item of r, with its owner's team when ms need it.
func (s *Service) recordItemOf(ctx context.Context, tenantID string, ms []*Metric,
	r *record.Record) (*item, error) {
	team, err := s.teamFor(ctx, tenantID, ms, r.OwnerID)
	if err != nil {
		return nil, err
	}
	it := recordItem(r, team)
	return &it, nil
}

// applyActivity adds the activity of ev, logged on its record, to its
// family.
func (s *Service) applyActivity(ctx context.Context, ev record.Event) error {
	a, r := ev.Activity, ev.Record
	family := SourceActivities + ":" + r.Form
	ms, err := s.familyMetrics(ctx, ev.TenantID, family)
	if err != nil || len(ms) == 0 {
		return err
	}
	team, err := s.teamFor(ctx, ev.TenantID, ms, a.ActorID)
	if err != nil {
		return err
	}

	it := activityItem(a, r, team)
	day := dayOf(it.at, s.cfg.Zone)
	err = s.change(ctx, ev.TenantID, family, monthOfDay(day), day, func(e *edit) bool {
		return e.applyActivity(eventHash(a.ID), day, &it, ms)
	})
	if err != nil {
		return fmt.Errorf("rolling up activity %s: %w", a.ID, err)
	}
	return nil
}

// teamFor returns user's team when one of ms is kept by team.
func (s *Service) teamFor(ctx context.Context, tenantID string, ms []*Metric,
	user string) (string, error) {
	for _, m := range ms {
		if slices.Contains(m.Dims, "team") {
			p, err := s.person(ctx, tenantID, user)
			return p.Team, err
		}
	}
	return "", nil
}
