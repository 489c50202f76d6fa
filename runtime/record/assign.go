package record

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
)

// maxAssignAttempts bounds the retries of an assignment that keeps losing
// races with other writers.
const maxAssignAttempts = 3

// Assign makes ownerID, an active user of the tenant, the record's owner
// with one conditional update, and logs an assigned activity. Assigning the
// current owner changes nothing. Assignment does not take a version from
// the caller: the last assignment wins, and a race with a data update is
// retried on the fresh version.
func (s *Service) Assign(ctx context.Context, p auth.Principal, id, ownerID string) (*Record,
	error) {
	ok, err := s.userActive(ctx, p, ownerID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, problem.Fields(fieldErr("/owner_id", "unknown_user", nil))
	}

	for attempt := 1; ; attempt++ {
		r, err := s.current(ctx, p, id, attempt)
		if err != nil || r.OwnerID == ownerID {
			return r, err
		}
		previous, before := r.OwnerID, r.clone()

		err = s.bump(ctx, p, r, bson.D{{Key: "owner_id", Value: ownerID}}, s.now())
		if isConflict(err) && attempt < maxAssignAttempts {
			continue
		}
		if err != nil {
			return nil, err
		}

		r.OwnerID = ownerID
		s.system(ctx, p, r, &Activity{Kind: Assigned, From: previous, To: ownerID})
		s.emit(ctx, versionEvent(EventAssigned, r, p.UserID, []string{"owner_id"}).after(before))
		return r, nil
	}
}

// current is the live record id for a write conditional on its version:
// on the first attempt the one the event being handled carries (see
// known.go), else the stored one.
func (s *Service) current(ctx context.Context, p auth.Principal, id string,
	attempt int) (*Record, error) {
	if r := known(ctx, p.TenantID, id); r != nil && attempt == 1 {
		return r, nil
	}
	return s.Get(ctx, p, id)
}

// Delete soft-deletes a live record with one update: it disappears from
// reads and lists and refuses activity, while its history stays stored.
func (s *Service) Delete(ctx context.Context, p auth.Principal, id string) error {
	r, err := s.Get(ctx, p, id)
	if err != nil {
		return err
	}

	before, now := r.clone(), s.now()
	set := bson.D{{Key: "$set", Value: bson.D{{Key: "deleted", Value: true},
		{Key: "deleted_at", Value: now}, {Key: "updated_at", Value: now},
		{Key: "updated_by", Value: p.UserID}}},
		{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}}
	filter := bson.D{{Key: "_id", Value: id}, {Key: "deleted", Value: false}}
	ok, err := s.records(p).UpdateOne(ctx, filter, set)
	if err != nil {
		return fmt.Errorf("deleting record %s: %w", id, err)
	}
	if !ok {
		return notFound() // deleted by someone else meanwhile
	}

	r.Deleted, r.DeletedAt, r.UpdatedAt, r.UpdatedBy = true, &now, now, p.UserID
	r.Version++
	s.emit(ctx, Event{ID: r.ID + "/deleted", Kind: EventDeleted, TenantID: p.TenantID,
		ActorID: p.UserID, At: now, Record: r.clone(), Previous: before})
	return nil
}

func isConflict(err error) bool {
	pe, ok := problem.As(err)
	return ok && pe.Kind == problem.Conflict
}

func isNotFound(err error) bool {
	pe, ok := problem.As(err)
	return ok && pe.Kind == problem.NotFound
}
