package record

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// viewWindow is how long one counted view of a record by one user covers:
// opening the record again within it logs nothing, so reads do not become
// a storm of writes.
const viewWindow = 10 * time.Minute

// Log validates in and logs it on the record: one insert of the activity
// and one single-document update that moves the record's last_activity_at
// forward (never back). It never touches Redis: the silence watch reads
// last_activity_at when its own timer fires (invariant 6).
//
// Invalid input is refused with every field error at once; a deleted
// record with a Conflict; an absent one with NotFound; nothing is written
// in any of these cases. A view by the same user within ten minutes of a
// counted one, and an activity whose source and external id were posted
// before, log nothing new and return the activity already counted.
func (s *Service) Log(ctx context.Context, p auth.Principal, recordID string,
	in ActivityInput) (*Activity, error) {
	if err := validateActivity(in, s.now()); err != nil {
		return nil, err
	}
	r, err := s.load(ctx, p, recordID)
	if err != nil {
		return nil, err
	}
	if r.Deleted {
		return nil, deleted()
	}

	return s.logOn(ctx, p, r, in)
}

func deleted() error { return problem.New(problem.Conflict, "record.deleted", nil) }

// logOn logs valid input on the live record r.
func (s *Service) logOn(ctx context.Context, p auth.Principal, r *Record,
	in ActivityInput) (*Activity, error) {
	a := s.newActivity(p, r.ID, in)
	if in.Kind == Viewed {
		if prev, ok := s.views.Get(viewKey(p, r.ID)); ok && a.At.Sub(prev.At) < viewWindow {
			return prev, nil
		}
	}

	if err := s.activities(p).InsertOne(ctx, a); err != nil {
		if mongo.IsDuplicate(err) {
			return s.counted(ctx, p, a)
		}
		return nil, fmt.Errorf("logging activity: %w", err)
	}
	if err := s.touch(ctx, p, r, a); err != nil {
		return nil, err
	}

	if a.Kind == Viewed {
		s.views.Add(viewKey(p, r.ID), a)
	}
	s.emit(ctx, Event{ID: a.ID, Kind: EventActivity, TenantID: p.TenantID, ActorID: p.UserID,
		At: a.At, Record: r.clone(), Activity: a})
	return a, nil
}

// touch moves r's last_activity_at to a.At if that is later, with one
// update that also checks the record is still live. A record deleted since
// it was read loses the activity just inserted, so that nothing stays
// written for it.
func (s *Service) touch(ctx context.Context, p auth.Principal, r *Record, a *Activity) error {
	filter := bson.D{{Key: "_id", Value: r.ID}, {Key: "deleted", Value: false}}
	update := bson.D{{Key: "$max", Value: bson.D{{Key: "last_activity_at", Value: a.At}}}}

	ok, err := s.records(p).UpdateOne(ctx, filter, update)
	if err == nil && ok {
		r.LastActivityAt = later(r.LastActivityAt, a.At)
		return nil
	}

	if _, derr := s.activities(p).DeleteOne(ctx, bson.D{{Key: "_id", Value: a.ID}}); derr != nil {
		s.log.ErrorContext(ctx, "activity of a failed log not removed",
			slog.String("tenant_id", p.TenantID), slog.String("activity_id", a.ID),
			slog.Any("error", derr))
	}
	if err != nil {
		return fmt.Errorf("moving last activity of record %s: %w", r.ID, err)
	}
	return deleted()
}

// counted returns the stored activity a duplicates.
func (s *Service) counted(ctx context.Context, p auth.Principal, a *Activity) (*Activity,
	error) {
	var prev Activity
	err := s.activities(p).FindByID(ctx, a.ID, &prev)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, notFound() // the same id in another tenant cannot happen: ids hash it
	}
	if err != nil {
		return nil, fmt.Errorf("reading activity %s: %w", a.ID, err)
	}

	return &prev, nil
}

// newActivity builds the activity for valid input. Its id is derived from
// what makes it a duplicate, when something does: the source and external
// id, or the user, record and ten-minute window of a view. The unique _id
// then refuses the duplicate in every store, across processes.
func (s *Service) newActivity(p auth.Principal, recordID string, in ActivityInput) *Activity {
	now := s.now()
	at := in.At.UTC().Truncate(time.Millisecond)
	if in.At.IsZero() {
		at = now
	}

	a := &Activity{RecordID: recordID, Kind: in.Kind, ActorID: p.UserID, At: at,
		RecordedAt: now, DurationS: in.DurationS, Note: in.Note, Source: in.Source,
		Name: in.Name, ExternalID: in.ExternalID}
	switch {
	case in.ExternalID != "":
		a.ID = derivedID("x", p.TenantID, in.Source, in.ExternalID)
	case in.Kind == Viewed:
		window := at.UnixMilli() / viewWindow.Milliseconds()
		a.ID = derivedID("v", p.TenantID, recordID, p.UserID, fmt.Sprint(window))
	default:
		a.ID = s.ids.New()
	}

	return a
}

// derivedID hashes parts into an activity id with the given prefix.
func derivedID(prefix string, parts ...string) string {
	h := sha256.New()
	for _, part := range parts {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}

	return prefix + "_" + hex.EncodeToString(h.Sum(nil))[:30]
}

func viewKey(p auth.Principal, recordID string) string {
	return p.TenantID + "\x00" + p.UserID + "\x00" + recordID
}
