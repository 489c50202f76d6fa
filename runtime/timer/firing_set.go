package timer

import (
	"context"
	"fmt"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

// inFlight are the timers this process is firing, for the fast mark of a
// firing on a store that one process alone can reach (soleProcess).
//
// Marking a timer fired is conditional on the version its claim wrote, so
// that a handler that rescheduled its own timer (a silence watch) keeps
// that change. On FerretDB a conditional update costs a read and a write
// (see internal/mongo, doc_lock.go): half of a firing's timer commands.
// When no other process can write the timers, the only writers a claim can
// meet are this process's own, and they all change a timer through
// Service.change: so change tells inFlight about the timers it changes,
// and a firing that no change met is marked with one update by _id.
var inFlight = firingSet{timers: map[ref]*firingMark{}}

// firingSet is the set of timers being fired, by tenant and id.
type firingSet struct {
	mu     sync.Mutex
	timers map[ref]*firingMark
}

// firingMark says whether a timer changed while it was being fired. Its
// lock orders a change against the mark of the firing.
type firingMark struct {
	mu      sync.Mutex
	changed bool
}

// begin notes that key is being fired and returns its mark.
func (f *firingSet) begin(key ref) *firingMark {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := &firingMark{}
	f.timers[key] = m
	return m
}

// end forgets the firing of key that began with m.
func (f *firingSet) end(key ref, m *firingMark) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.timers[key] == m {
		delete(f.timers, key)
	}
}

// isChanged reports whether a change met the firing of m so far.
func (m *firingMark) isChanged() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.changed
}

// changing is called by a change of key before it writes: it marks a
// firing of key as changed and returns the unlock to call once the change
// is written, so that the firing's mark waits for it.
func (f *firingSet) changing(key ref) func() {
	f.mu.Lock()
	m := f.timers[key]
	f.mu.Unlock()
	if m == nil {
		return func() {}
	}
	m.mu.Lock()
	m.changed = true
	return m.mu.Unlock
}

// markUnchanged marks the claimed t fired with one update by _id, when t
// is being fired under m and nothing changed it meanwhile, and reports
// whether it did; otherwise the caller marks it conditionally.
func (s *Service) markUnchanged(ctx context.Context, t *Timer, m *firingMark,
	now time.Time) (bool, error) {
	if m == nil {
		return false, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.changed {
		return false, nil
	}

	// Unscoped by _id: the claim read this timer through its tenant's scope,
	// and this process alone writes it; a filter with the tenant would be
	// checked by a read again (internal/mongo, doc_lock.go).
	_, err := s.store.Unscoped(Collection).UpdateOne(ctx, bson.D{{Key: "_id", Value: t.ID}},
		firedUpdate(t, now))
	if err != nil {
		return false, fmt.Errorf("recording timer %s fired: %w", t.ID, mongo.Classify(err))
	}
	return true, nil
}

// firedUpdate moves the claimed t to fired at now.
func firedUpdate(t *Timer, now time.Time) bson.D {
	return bson.D{
		{Key: "$set", Value: bson.D{
			{Key: "status", Value: StatusFired},
			{Key: "fired_at", Value: now},
			{Key: "version", Value: t.Version + 1},
		}},
		unsetClaim,
	}
}
