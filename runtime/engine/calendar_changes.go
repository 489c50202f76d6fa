package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// OnCalendarChanged plans again the business-time deadlines counted in the
// tenant's calendar key, in every running instance whose process names that
// calendar or counts in team calendars (calendar_teams.go): a new holiday
// or changed opening hours move the SLAs that are already running, not
// only the next ones, and so does a team added to or taken off the
// calendar. It returns how many instances changed. Each instance moves
// with its own conditional update, so running it twice, or beside the
// instances' own work, is harmless.
func (s *Service) OnCalendarChanged(ctx context.Context, tenantID, key string) (int, error) {
	if key == "" {
		return 0, nil
	}
	ctx = withCalendarMemo(ctx)
	opts := options.Find().SetProjection(bson.D{{Key: "_id", Value: 1},
		{Key: "process_id", Value: 1}, {Key: "process_version", Value: 1}})
	cur, err := s.instances(tenantID).Find(ctx, bson.D{{Key: "status", Value: StatusRunning}},
		opts)
	if err != nil {
		return 0, fmt.Errorf("listing running instances: %w", err)
	}
	defer cur.Close(ctx)

	var changed int
	var errs []error
	for cur.Next(ctx) {
		var inst Instance
		if err := cur.Decode(&inst); err != nil {
			return changed, fmt.Errorf("reading an instance: %w", err)
		}
		m, err := s.model(ctx, tenantID, inst.ProcessID, inst.ProcessVersion)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !slices.Contains(calendarKeys(m.def.Graph), key) && !teamResolvable(m.def.Graph) {
			continue
		}
		moved, err := s.advanceCounted(ctx, tenantID, inst.ID,
			Event{Kind: EventCalendarChanged, Calendar: key})
		if moved {
			changed++
		}
		errs = append(errs, err)
	}
	errs = append(errs, cur.Err())
	return changed, errors.Join(errs...)
}
