package timer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
)

// fireDueRounds bounds how often FireDue looks again for timers that the
// handlers it called made due, so that a handler re-arming its own timer
// at "now" cannot loop forever.
const fireDueRounds = 100

// FireDue fires, one after another in due order across tenants, every timer
// due by now, and then those that the handlers scheduled due by now too,
// and reports how many handler calls succeeded. It is what a manual clock
// calls on every Advance (Start hooks it up) and what the reconciler does
// with overdue timers; a failing handler is retried after its backoff, so
// it does not fire again within the same call unless that backoff is
// already over.
func (s *Service) FireDue(ctx context.Context, now time.Time) (int, error) {
	s.fireMu.Lock()
	defer s.fireMu.Unlock()
	return s.fireDue(ctx, now)
}

// fireDue is FireDue for callers holding fireMu.
func (s *Service) fireDue(ctx context.Context, now time.Time) (int, error) {
	fired := 0
	for range fireDueRounds {
		timers, err := s.findAll(ctx, dueBy(now))
		if err != nil {
			return fired, fmt.Errorf("firing timers due by %s: %w", now.Format(time.RFC3339), err)
		}

		n, progressed, err := s.fireAll(ctx, timers)
		fired += n
		if err != nil || !progressed {
			return fired, err
		}
	}
	return fired, nil
}

// dueBy selects the timers that may fire at now: pending ones due by
// then, and claims that may have outlived their lease.
func dueBy(now time.Time) bson.D {
	return bson.D{
		{Key: "status", Value: bson.D{{Key: "$in", Value: []Status{StatusPending, StatusFiring}}}},
		{Key: "due_at", Value: bson.D{{Key: "$lte", Value: now}}},
	}
}

// fireAll fires timers one after another, in order, and reports how many
// succeeded and whether any handler ran at all (a reason to look again);
// it stops at a store failure. It serves the manual clock, whose firings
// keep a strict due order; on a real clock the reconciler drains overdue
// timers through the backlog's pool instead.
func (s *Service) fireAll(ctx context.Context, timers []Timer) (int, bool, error) {
	fired, ran := 0, false
	for i := range timers {
		out, _, err := s.fire(ctx, ref{tenantID: timers[i].TenantID, id: timers[i].ID})
		if err != nil {
			return fired, ran, err
		}

		switch out {
		case outcomeFired:
			fired, ran = fired+1, true
		case outcomeFailed:
			ran = true
		}
	}
	return fired, ran, nil
}

// advanceSteps bounds the due times AdvanceManual steps through in one call.
const advanceSteps = 10_000

// AdvanceManual moves the manual clock m forward by d the way real time
// would pass: it sets m to each pending timer's due time in turn, earliest
// first, and fires what is due there, so that handlers see Now equal to
// their timer's due time and timers they schedule on the way fire in their
// place in the order. It returns the new time. m must be the service's
// clock. A plain m.Advance, by contrast, fires everything due at the new
// time in one go (see Start).
func (s *Service) AdvanceManual(ctx context.Context, m *clock.Manual,
	d time.Duration) (time.Time, error) {
	s.fireMu.Lock()
	defer s.fireMu.Unlock()
	s.stepping.Store(true)
	defer s.stepping.Store(false)

	target := m.Now().Add(max(d, 0))

	for range advanceSteps {
		next, ok, err := s.nextDue(ctx, m.Now(), target)
		if err != nil {
			return m.Now(), fmt.Errorf("advancing the manual clock: %w", err)
		}
		if !ok {
			break
		}

		if _, err := s.fireDue(ctx, m.Set(next)); err != nil {
			return m.Now(), fmt.Errorf("advancing the manual clock: %w", err)
		}
	}

	now := m.Set(target)
	_, err := s.fireDue(ctx, now)
	return now, err
}

// nextDue returns the earliest due time of a pending timer after from and
// by until, across tenants.
func (s *Service) nextDue(ctx context.Context, from, until time.Time) (time.Time, bool, error) {
	filter := bson.D{
		{Key: "status", Value: StatusPending},
		{Key: "due_at", Value: bson.D{{Key: "$gt", Value: from}, {Key: "$lte", Value: until}}},
	}
	opts := options.FindOne().SetSort(bson.D{{Key: "due_at", Value: 1}})

	var t Timer
	err := s.allTenants().FindOne(ctx, filter, opts).Decode(&t)
	switch err = mongo.Classify(err); {
	case errors.Is(err, mongo.ErrNotFound):
		return time.Time{}, false, nil
	case err != nil:
		return time.Time{}, false, err
	}
	return t.DueAt, true, nil
}
