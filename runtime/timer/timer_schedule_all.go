package timer

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/formworkhq/formwork/internal/mongo"
)

// ScheduleAll is Schedule for several timers of one tenant with a single
// insert: every timer is validated first (a bad one refuses the whole
// batch and writes nothing), the documents are inserted in one unordered
// command, and only then is each one planned (enqueued when due within the
// horizon), so the documents still come before their tasks (DESIGN.md
// invariant 2). An id that exists already is handled as Schedule handles
// it. If the insert fails part-way, the timers that were written are whole
// pending documents that the loader and the reconciler plan; retrying the
// batch is harmless.
func (s *Service) ScheduleAll(ctx context.Context, tenantID string, ts []*Timer) error {
	for _, t := range ts {
		if err := validate(t); err != nil {
			return err
		}
	}

	docs := make([]mongo.TenantDoc, len(ts))
	for i, t := range ts {
		s.prepare(t)
		docs[i] = t
	}
	dup, err := s.coll(tenantID).InsertMany(ctx, docs)
	if err != nil {
		return fmt.Errorf("scheduling %d timers: %w", len(ts), err)
	}

	var errs []error
	for i, t := range ts {
		if slices.Contains(dup, i) {
			errs = append(errs, s.scheduleExisting(ctx, tenantID, t))
			continue
		}
		errs = append(errs, s.plan(ctx, t))
	}
	return errors.Join(errs...)
}
