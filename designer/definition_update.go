package designer

import (
	"context"
	"encoding/json"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Patch changes a draft. Nil fields stay as they are; Content replaces the
// named top-level members of the content ("schema", "layout" …) and keeps
// the others.
type Patch struct {
	Name        Text
	Description Text
	Content     map[string]json.RawMessage
}

// Update changes the draft of a definition whose revision is still
// revision; another save in between answers 409 Conflict.
func (s *Service) Update(ctx context.Context, p auth.Principal, kind Kind, id string,
	revision int64, patch Patch) (*Definition, []problem.FieldError, error) {
	d, err := s.Get(ctx, p, kind, id)
	if err != nil {
		return nil, nil, err
	}
	if d.Status == StatusArchived {
		return nil, nil, problem.New(problem.Conflict, "definition.archived", nil)
	}
	if revision != 0 && revision != d.Revision {
		return nil, nil, staleRevision(d.Revision)
	}

	var c problem.Collector
	checkMeta(&c, Meta{Name: patch.Name, Description: patch.Description}, false)
	merged, err := mergeContent(d.DraftJSON(), patch.Content)
	if err != nil {
		return nil, nil, err
	}
	sp, err := s.spec(kind)
	if err != nil {
		return nil, nil, err
	}
	meta := Meta{Key: d.Key, Name: nameOr(patch.Name, d.Name)}
	canonical, warnings, err := sp.check(ctx, meta, merged, s.refs(p))
	if err = mergeRefusals(&c, err); err != nil {
		return nil, nil, err
	}

	applyPatch(d, patch, canonical)
	d.Status = s.statusOf(ctx, p, d)
	if err := s.saveDraft(ctx, p, d); err != nil {
		return nil, nil, err
	}
	return d, warnings, nil
}

func staleRevision(current int64) error {
	return problem.New(problem.Conflict, "definition.stale_revision",
		i18n.Params{"revision": current})
}

// mergeContent replaces the members of content named in patch.
func mergeContent(content json.RawMessage, patch map[string]json.RawMessage) (
	json.RawMessage, error) {
	if len(patch) == 0 {
		return content, nil
	}
	members := map[string]json.RawMessage{}
	if err := json.Unmarshal(content, &members); err != nil {
		return nil, fmt.Errorf("reading stored draft: %w", err)
	}
	for k, v := range patch {
		members[k] = v
	}
	return json.Marshal(members)
}

func applyPatch(d *Definition, patch Patch, canonical json.RawMessage) {
	if patch.Name != nil {
		d.Name = patch.Name
	}
	if patch.Description != nil {
		d.Description = patch.Description
	}
	d.Draft = string(canonical)
}

// statusOf says whether d's draft equals its latest version.
func (s *Service) statusOf(ctx context.Context, p auth.Principal, d *Definition) Status {
	if d.Published == 0 {
		return StatusDraft
	}
	var v Version
	if err := s.versions(p).FindByID(ctx, versionID(d.ID, d.Published), &v); err != nil {
		return StatusModified
	}
	if v.Content == d.Draft && textEqual(v.Name, d.Name) {
		return StatusPublished
	}
	return StatusModified
}

func textEqual(a, b Text) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// saveDraft writes d back if nobody saved in between, and bumps its
// revision: one conditional update.
func (s *Service) saveDraft(ctx context.Context, p auth.Principal, d *Definition) error {
	d.UpdatedAt, d.UpdatedBy = s.now(), p.UserID
	filter := bson.D{{Key: "_id", Value: d.ID}, {Key: "revision", Value: d.Revision}}
	update := bson.D{{Key: "$set", Value: bson.D{
		{Key: "name", Value: d.Name}, {Key: "description", Value: d.Description},
		{Key: "draft", Value: d.Draft}, {Key: "status", Value: d.Status},
		{Key: "published", Value: d.Published},
		{Key: "updated_at", Value: d.UpdatedAt}, {Key: "updated_by", Value: d.UpdatedBy},
		{Key: "revision", Value: d.Revision + 1},
	}}}
	ok, err := s.definitions(p).UpdateOne(ctx, filter, update)
	if err != nil {
		return fmt.Errorf("saving %s: %w", d.Kind, err)
	}
	if !ok {
		return staleRevision(d.Revision)
	}
	d.Revision++
	return nil
}

// Archive retires a definition: it leaves lists and cannot be edited or
// published, but its versions stay readable for the work that pins them.
func (s *Service) Archive(ctx context.Context, p auth.Principal, kind Kind, id string) error {
	d, err := s.Get(ctx, p, kind, id)
	if err != nil {
		return err
	}
	if d.Status == StatusArchived {
		return nil
	}
	d.Status = StatusArchived
	if err := s.saveDraft(ctx, p, d); err != nil {
		return err
	}
	if err := s.syncKey(ctx, p, d); err != nil {
		return err
	}
	return s.unindexPublished(ctx, p, kind, d.ID)
}

// nameOr returns name unless it is nil.
func nameOr(name, fallback Text) Text {
	if name != nil {
		return name
	}
	return fallback
}
