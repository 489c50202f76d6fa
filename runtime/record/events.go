package record

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// EventKind says what happened to a record.
type EventKind string

// The kinds of event.
const (
	EventCreated  EventKind = "created"
	EventChanged  EventKind = "changed"
	EventDeleted  EventKind = "deleted"
	EventActivity EventKind = "activity"
	EventAssigned EventKind = "assigned"
)

// Event tells subscribers about one stored write.
type Event struct {
	// ID is stable for the write it describes ("<record id>/v<version>",
	// "<record id>/deleted", or the activity id), so a subscriber that
	// starts work from events can make that work idempotent.
	ID       string
	Kind     EventKind
	TenantID string
	// ActorID is the user who made the write.
	ActorID string
	At      time.Time
	// Record is the record after the write. Subscribers must not modify it.
	Record *Record
	// Previous is the record as it was before the write, for EventChanged,
	// EventAssigned and EventDeleted; nil for EventCreated and
	// EventActivity. A subscriber that keeps figures per record state (the
	// rollups) moves the record from Previous to Record with it, without a
	// copy of its own. Subscribers must not modify it.
	Previous *Record
	// Changed names the data fields an update changed (EventChanged), or
	// "owner_id" for EventAssigned.
	Changed []string
	// Activity is the logged activity (EventActivity).
	Activity *Activity
}

// Subscriber is told about every stored write. It runs after the write,
// cannot fail it, and should hand long work to a job of its own.
type Subscriber func(ctx context.Context, e Event)

// Subscribe adds fn to the subscribers, which are called in the order they
// subscribed.
func (s *Service) Subscribe(fn Subscriber) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.subs = append(s.subs, fn)
}

// emit tells every subscriber about e. The context keeps the request's
// values but not its cancellation: the write is stored, so what follows
// from it should not stop because the client went away.
func (s *Service) emit(ctx context.Context, e Event) {
	s.mu.RLock()
	subs := append([]Subscriber(nil), s.subs...)
	s.mu.RUnlock()

	ctx = withKnown(context.WithoutCancel(ctx), e.Record)
	for _, fn := range subs {
		s.deliver(ctx, fn, e)
	}
}

// deliver calls one subscriber, containing a panic so that neither the
// write nor the other subscribers suffer from it.
func (s *Service) deliver(ctx context.Context, fn Subscriber, e Event) {
	defer func() {
		if v := recover(); v != nil {
			s.log.ErrorContext(ctx, "record subscriber panicked",
				slog.String("tenant_id", e.TenantID), slog.String("event", string(e.Kind)),
				slog.String("event_id", e.ID), slog.Any("error", fmt.Errorf("panic: %v", v)))
		}
	}()

	fn(ctx, e)
}

// versionEvent returns the event of a write that produced r's version.
func versionEvent(kind EventKind, r *Record, actor string, changed []string) Event {
	return Event{ID: fmt.Sprintf("%s/v%d", r.ID, r.Version), Kind: kind, TenantID: r.TenantID,
		ActorID: actor, At: r.UpdatedAt, Record: r.clone(), Changed: changed}
}

// after returns e with previous, the record before the write, as its
// Previous.
func (e Event) after(previous *Record) Event {
	e.Previous = previous
	return e
}
