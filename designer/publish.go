package designer

import (
	"context"
	"encoding/json"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

func versionID(definitionID string, n int) string {
	return fmt.Sprintf("%s-v%d", definitionID, n)
}

// Published is the outcome of publishing: the new version, what changed
// against the previous one, and the lint warnings that did not stop it.
type Published struct {
	Version  *Version
	Warnings []problem.FieldError
}

// Publish turns the draft into the next immutable version after the same
// lint as on save. The version document is written first; a concurrent
// publish of the same number loses on the unique index and answers 409.
func (s *Service) Publish(ctx context.Context, p auth.Principal, kind Kind,
	id string) (*Published, error) {
	d, err := s.Get(ctx, p, kind, id)
	if err != nil {
		return nil, err
	}
	if d.Status == StatusArchived {
		return nil, problem.New(problem.Conflict, "definition.archived", nil)
	}
	sp, err := s.spec(kind)
	if err != nil {
		return nil, err
	}
	meta := Meta{Key: d.Key, Name: d.Name}
	canonical, warnings, err := sp.check(ctx, meta, d.DraftJSON(), s.refs(p))
	if err != nil {
		return nil, err
	}

	prev, err := s.latestVersion(ctx, p, d.ID)
	if err != nil {
		return nil, err
	}
	v, err := s.insertVersion(ctx, p, d, canonical, prev, sp)
	if err != nil {
		return nil, err
	}

	d.Draft, d.Published, d.Status = string(canonical), v.Number, StatusPublished
	if err := s.saveDraft(ctx, p, d); err != nil {
		return nil, err
	}
	if err := s.syncKey(ctx, p, d); err != nil {
		return nil, err
	}
	if err := s.indexPublished(ctx, p, kind, d.ID, v.Number); err != nil {
		return nil, err
	}
	s.published(ctx, p, v)
	return &Published{Version: v, Warnings: warnings}, nil
}

func (s *Service) insertVersion(ctx context.Context, p auth.Principal, d *Definition,
	content json.RawMessage, prev *Version, sp kindSpec) (*Version, error) {
	n, changes := 1, []Change{}
	if prev != nil {
		n = prev.Number + 1
		changes = sp.diff(prev.ContentJSON(), content)
	}
	v := &Version{ID: versionID(d.ID, n), DefinitionID: d.ID, Kind: d.Kind, Key: d.Key,
		Number: n, Name: d.Name, Content: string(content), Changes: changes,
		PublishedAt: s.now(), PublishedBy: p.UserID}
	if err := s.versions(p).InsertOne(ctx, v); err != nil {
		if mongo.IsDuplicate(err) {
			return nil, problem.New(problem.Conflict, "definition.publish_race", nil)
		}
		return nil, fmt.Errorf("publishing %s: %w", d.Kind, err)
	}
	return v, nil
}

// latestVersion reads the newest version from the versions themselves, so
// a publish interrupted between its two writes is picked up by the next.
func (s *Service) latestVersion(ctx context.Context, p auth.Principal,
	definitionID string) (*Version, error) {
	var v Version
	opts := options.FindOne().SetSort(bson.D{{Key: "number", Value: -1}})
	err := s.versions(p).FindOne(ctx, bson.D{{Key: "definition_id", Value: definitionID}},
		&v, opts)
	if err == mongo.ErrNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading versions: %w", err)
	}
	return &v, nil
}

// Versions lists every published version of a definition, oldest first.
func (s *Service) Versions(ctx context.Context, p auth.Principal, kind Kind,
	id string) ([]Version, error) {
	if _, err := s.Get(ctx, p, kind, id); err != nil {
		return nil, err
	}
	var out []Version
	opts := options.Find().SetSort(bson.D{{Key: "number", Value: 1}})
	if err := s.versions(p).FindAll(ctx, bson.D{{Key: "definition_id", Value: id}}, &out,
		opts); err != nil {
		return nil, fmt.Errorf("listing versions: %w", err)
	}
	return out, nil
}

// Version returns version n of a definition.
func (s *Service) Version(ctx context.Context, p auth.Principal, kind Kind, id string,
	n int) (*Version, error) {
	if _, err := s.Get(ctx, p, kind, id); err != nil {
		return nil, err
	}
	var v Version
	err := s.versions(p).FindByID(ctx, versionID(id, n), &v)
	if err == mongo.ErrNotFound {
		return nil, problem.NotFoundf("definition.version_not_found")
	}
	if err != nil {
		return nil, fmt.Errorf("reading version: %w", err)
	}
	return &v, nil
}

// Diff lists the changes from version from to version to of a definition;
// to 0 means the current draft.
func (s *Service) Diff(ctx context.Context, p auth.Principal, kind Kind, id string,
	from, to int) ([]Change, error) {
	d, err := s.Get(ctx, p, kind, id)
	if err != nil {
		return nil, err
	}
	old, err := s.Version(ctx, p, kind, id, from)
	if err != nil {
		return nil, err
	}
	target := d.DraftJSON()
	if to > 0 {
		v, err := s.Version(ctx, p, kind, id, to)
		if err != nil {
			return nil, err
		}
		target = v.ContentJSON()
	}
	sp, err := s.spec(kind)
	if err != nil {
		return nil, err
	}
	return sp.diff(old.ContentJSON(), target), nil
}

// Lint checks content without storing anything: the same function as save
// and publish, for live feedback in the designer. It returns the findings
// that refuse the content and those that only warn; err is only for a
// request it could not check at all.
func (s *Service) Lint(ctx context.Context, p auth.Principal, kind Kind, meta Meta,
	content json.RawMessage) (errs, warnings []problem.FieldError, err error) {
	sp, err := s.spec(kind)
	if err != nil {
		return nil, nil, err
	}
	if meta.Key == "" {
		meta.Key = "draft"
	}
	_, warnings, err = sp.check(ctx, meta, content, s.refs(p))
	if err == nil {
		return nil, warnings, nil
	}
	pe, ok := problem.As(err)
	if !ok || pe.Kind != problem.Invalid {
		return nil, nil, err
	}
	return pe.Fields, warnings, nil
}

// Latest returns the newest published version of the definition of a kind
// with key, for the runtime: records and instances pin what it returns.
func (s *Service) Latest(ctx context.Context, p auth.Principal, kind Kind,
	key string) (*Version, error) {
	ref, err := s.Resolve(ctx, p, kind, key)
	if err != nil {
		return nil, err
	}
	if ref == nil || ref.Published == 0 || ref.Status == StatusArchived {
		return nil, problem.NotFoundf(string(kind) + ".not_published")
	}
	v, err := s.cachedVersion(ctx, p, versionID(ref.DefinitionID, ref.Published))
	if err != nil {
		return nil, fmt.Errorf("reading %s %q version %d: %w", kind, key, ref.Published, err)
	}
	out := *v // the cached one is shared
	return &out, nil
}
