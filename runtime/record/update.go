package record

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Update merges patch into the record's data (a null value clears a field),
// re-validates the result against the record's pinned form version, and
// stores it with one update conditional on version. A version other than
// the stored one is a Conflict that changes nothing; so is a race lost to
// another writer. An update that changes no value writes nothing.
func (s *Service) Update(ctx context.Context, p auth.Principal, id string, version int64,
	patch map[string]any) (*Record, error) {
	return s.update(ctx, p, id, version, patch, nil)
}

// update is Update; mark, when set, gives the import mark the write stores
// beside the data (upsert_mark.go).
func (s *Service) update(ctx context.Context, p auth.Principal, id string, version int64,
	patch map[string]any, mark marker) (*Record, error) {
	r, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if r.Version != version {
		return nil, stale(r.Version)
	}

	cf, err := s.compiled(ctx, p, pinned{id: r.FormID, key: r.Form, version: r.FormVersion})
	if err != nil {
		return nil, err
	}
	clean, err := cf.ValidateMap(ctx, merge(r.Data, patch),
		resolver{s: s, p: p, kept: cf.FileIDs(r.Data)})
	if err != nil {
		return nil, err
	}
	changed := changedFields(r.Data, clean)
	if len(changed) == 0 {
		return r, nil
	}

	before := r.clone()
	if err := s.storeData(ctx, p, r, clean, mark.set(r, changed)...); err != nil {
		return nil, err
	}
	s.logChanges(ctx, p, before, r, changed)
	s.logFiles(ctx, p, r, cf.FileIDs(clean), cf.FileIDs(before.Data))
	s.emit(ctx, versionEvent(EventChanged, r, p.UserID, changed).after(before))

	return r, nil
}

// stale is the refusal of a write based on an old version.
func stale(current int64) error {
	return problem.New(problem.Conflict, "record.stale_version", i18n.Params{"version": current})
}

// merge returns data with patch applied on top; nil values remove fields.
func merge(data, patch map[string]any) map[string]any {
	out := make(map[string]any, len(data)+len(patch))
	for k, v := range data {
		out[k] = v
	}
	for k, v := range patch {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = v
	}

	return out
}

// changedFields lists, sorted, the fields whose values differ between old
// and new, comparing JSON encodings so that 3 and 3.0 are the same value.
func changedFields(old, new map[string]any) []string {
	var out []string
	for k, v := range new {
		if w, ok := old[k]; !ok || !sameJSON(v, w) {
			out = append(out, k)
		}
	}
	for k := range old {
		if _, ok := new[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)

	return out
}

func sameJSON(a, b any) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)

	return errA == nil && errB == nil && bytes.Equal(x, y)
}

// storeData writes new data to r with one update conditional on r's
// version, and brings r up to date.
func (s *Service) storeData(ctx context.Context, p auth.Principal, r *Record,
	data map[string]any, extra ...bson.E) error {
	now := s.now()
	set := append(bson.D{{Key: "data", Value: data}, {Key: "stage", Value: stageOf(data)}},
		extra...)
	if err := s.bump(ctx, p, r, set, now); err != nil {
		return err
	}

	r.Data, r.Stage = data, stageOf(data)
	return nil
}

// bump applies set to the live record r at its current version, stamps the
// change, counts it as activity and increments the version: one
// conditional single-document update. A lost race is a Conflict.
func (s *Service) bump(ctx context.Context, p auth.Principal, r *Record, set bson.D,
	now time.Time) error {
	set = append(set, bson.E{Key: "updated_at", Value: now},
		bson.E{Key: "updated_by", Value: p.UserID})
	update := bson.D{{Key: "$set", Value: set},
		{Key: "$max", Value: bson.D{{Key: "last_activity_at", Value: now}}},
		{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}}

	ok, err := s.records(p).UpdateOne(ctx, liveAt(r.ID, r.Version), update)
	if err != nil {
		return fmt.Errorf("updating record %s: %w", r.ID, err)
	}
	if !ok {
		return s.lostRace(ctx, p, r.ID)
	}

	r.Version++
	r.UpdatedAt, r.UpdatedBy = now, p.UserID
	r.LastActivityAt = later(r.LastActivityAt, now)
	return nil
}

// liveAt matches the live record id at version.
func liveAt(id string, version int64) bson.D {
	return bson.D{{Key: "_id", Value: id}, {Key: "version", Value: version},
		{Key: "deleted", Value: false}}
}

// lostRace explains why a conditional update matched nothing: the record
// was deleted meanwhile (not found) or changed (stale).
func (s *Service) lostRace(ctx context.Context, p auth.Principal, id string) error {
	r, err := s.Get(ctx, p, id)
	if err != nil {
		return err
	}

	return stale(r.Version)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// logChanges records an edited activity, and a stage_moved one when the
// stage changed. The record is already stored, so failing to write them is
// logged rather than refused: the client must not retry a stored update.
func (s *Service) logChanges(ctx context.Context, p auth.Principal, before, after *Record,
	changed []string) {
	s.system(ctx, p, after, &Activity{Kind: Edited, Fields: changed})
	if before.Stage != after.Stage {
		s.system(ctx, p, after, &Activity{Kind: StageMoved, From: before.Stage, To: after.Stage})
	}
}

// system stores an activity the service itself records about r.
func (s *Service) system(ctx context.Context, p auth.Principal, r *Record, a *Activity) {
	a.ID, a.RecordID, a.ActorID = s.ids.New(), r.ID, p.UserID
	a.At, a.RecordedAt = r.UpdatedAt, r.UpdatedAt
	if err := s.activities(p).InsertOne(ctx, a); err != nil {
		s.log.ErrorContext(ctx, "system activity not stored",
			slog.String("tenant_id", p.TenantID), slog.String("record_id", r.ID),
			slog.String("kind", string(a.Kind)), slog.Any("error", err))
	}
}
