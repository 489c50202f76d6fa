package insights

import (
	"context"
	"fmt"
	"slices"

	"github.com/formworkhq/formwork/runtime/record"
)

// OnRecordEvent folds one stored write into the rollups of the metrics it
// feeds: a record's creation, change, assignment or deletion moves its
// contribution in the document of its creation day; an activity adds to
// the document of its day. Applying an event twice counts it once.
func (s *Service) OnRecordEvent(ctx context.Context, ev record.Event) error {
	if ev.Record == nil {
		return nil
	}
	switch ev.Kind {
	case record.EventActivity:
		if ev.Activity == nil {
			return nil
		}
		return s.applyActivity(ctx, ev.TenantID, ev.Activity, ev.Record)
	default:
		return s.applyRecord(ctx, ev.TenantID, ev.Record)
	}
}

// applyRecord folds record r's current state into its family.
func (s *Service) applyRecord(ctx context.Context, tenantID string, r *record.Record) error {
	family := SourceRecords + ":" + r.Form
	ms, err := s.familyMetrics(ctx, tenantID, family)
	if err != nil || len(ms) == 0 {
		return err
	}
	team, err := s.teamFor(ctx, tenantID, ms, r.OwnerID)
	if err != nil {
		return err
	}

	it := recordItem(r, team)
	err = s.change(ctx, tenantID, family, dayOf(it.at, s.cfg.Zone), func(e *edit) bool {
		return e.applyRecord(&it, ms)
	})
	if err != nil {
		return fmt.Errorf("rolling up record %s: %w", r.ID, err)
	}
	return nil
}

// applyActivity adds activity a, logged on r, to its family.
func (s *Service) applyActivity(ctx context.Context, tenantID string, a *record.Activity,
	r *record.Record) error {
	family := SourceActivities + ":" + r.Form
	ms, err := s.familyMetrics(ctx, tenantID, family)
	if err != nil || len(ms) == 0 {
		return err
	}
	team, err := s.teamFor(ctx, tenantID, ms, a.ActorID)
	if err != nil {
		return err
	}

	it := activityItem(a, r, team)
	err = s.change(ctx, tenantID, family, dayOf(it.at, s.cfg.Zone), func(e *edit) bool {
		return e.applyActivity(&it, ms)
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
