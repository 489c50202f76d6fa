package designer

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
)

// The published index is one document per tenant and kind, kept in the
// keys collection, that maps every published, unarchived definition to its
// latest version number. The runtime asks "which processes are live?" on
// every record event; answering from this document is one read by _id
// (and versions, being immutable, come from memory), where listing the
// definitions would be a query the embedded store answers by scanning.
//
// Like the key documents, the index is written after the definition's own
// write, which stays the truth: a missing index is rebuilt from the
// definitions on first read.

// publishedIndexKey names the index among the keys; definition keys match
// ^[a-z][a-z0-9_]*$, so it cannot collide with one.
const publishedIndexKey = "*published"

// versionCacheSize bounds the versions kept in memory. Versions never
// change once written, so a cached one is never stale.
const versionCacheSize = 4096

// publishedIndex is the stored index of one tenant and kind.
type publishedIndex struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	// Versions maps a definition id to its latest published version.
	Versions map[string]int `bson:"versions"`
}

func indexID(tenantID string, kind Kind) string {
	return keyID(tenantID, kind, publishedIndexKey)
}

// indexPublished records that version n of definition id is the live one.
// Without an index yet it builds a whole one from the definitions, which
// already show this publish, rather than a one-entry index that would hide
// the others.
func (s *Service) indexPublished(ctx context.Context, p auth.Principal, kind Kind,
	id string, n int) error {
	set := func() (bool, error) {
		return s.keys(p).UpdateOne(ctx, bson.D{{Key: "_id", Value: indexID(p.TenantID, kind)}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "versions." + id, Value: n}}}})
	}
	matched, err := set()
	if err == nil && !matched {
		var created bool
		if created, err = s.storePublished(ctx, p, kind); err == nil && !created {
			_, err = set() // another writer stored an index first
		}
	}
	if err != nil {
		return fmt.Errorf("indexing published %s %s: %w", kind, id, err)
	}
	return nil
}

// unindexPublished takes definition id out of the index (archived or
// removed). A missing index is left missing: it is rebuilt when read.
func (s *Service) unindexPublished(ctx context.Context, p auth.Principal, kind Kind,
	id string) error {
	_, err := s.keys(p).UpdateOne(ctx, bson.D{{Key: "_id", Value: indexID(p.TenantID, kind)}},
		bson.D{{Key: "$unset", Value: bson.D{{Key: "versions." + id, Value: ""}}}})
	if err != nil {
		return fmt.Errorf("unindexing %s %s: %w", kind, id, err)
	}
	return nil
}

// PublishedAll returns the latest published version of every definition
// of a kind that is not archived, oldest definition first. The index is
// read through the cache of cachedKeys.
func (s *Service) PublishedAll(ctx context.Context, p auth.Principal,
	kind Kind) ([]Version, error) {
	var idx publishedIndex
	err := s.cachedKeys(p).FindByID(ctx, indexID(p.TenantID, kind), &idx)
	if errors.Is(err, mongo.ErrNotFound) {
		return s.rebuildPublished(ctx, p, kind)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the published %s: %w", kind, err)
	}
	defs := make([]string, 0, len(idx.Versions))
	for id := range idx.Versions {
		defs = append(defs, id)
	}
	slices.Sort(defs) // ids are time-ordered: oldest first, like List
	out := make([]Version, 0, len(defs))
	for _, id := range defs {
		v, err := s.cachedVersion(ctx, p, versionID(id, idx.Versions[id]))
		if errors.Is(err, mongo.ErrNotFound) {
			continue // removed by an import's rollback after it was indexed
		}
		if err != nil {
			return nil, err
		}
		if v.Kind == kind {
			out = append(out, *v)
		}
	}
	return out, nil
}

// rebuildPublished answers PublishedAll when there is no index yet, and
// stores one for the next reader.
func (s *Service) rebuildPublished(ctx context.Context, p auth.Principal,
	kind Kind) ([]Version, error) {
	idx, out, err := s.scanPublished(ctx, p, kind)
	if err != nil {
		return nil, err
	}
	// A concurrent publish may have stored an index meanwhile; its view
	// is at least as new as this one, so it stays.
	if err := s.keys(p).InsertOne(ctx, idx); err != nil && !mongo.IsDuplicate(err) {
		return nil, fmt.Errorf("storing the published %s: %w", kind, err)
	}
	return out, nil
}

// storePublished builds the index from the definitions and stores it,
// reporting false when an index already existed.
func (s *Service) storePublished(ctx context.Context, p auth.Principal,
	kind Kind) (bool, error) {
	idx, _, err := s.scanPublished(ctx, p, kind)
	if err != nil {
		return false, err
	}
	err = s.keys(p).InsertOne(ctx, idx)
	if mongo.IsDuplicate(err) {
		return false, nil
	}
	return err == nil, err
}

// scanPublished lists the published definitions the slow way: a query on
// the definitions and a read of each one's latest version.
func (s *Service) scanPublished(ctx context.Context, p auth.Principal,
	kind Kind) (*publishedIndex, []Version, error) {
	defs, _, err := s.List(ctx, p, kind, ListQuery{Page: auth.Page{Limit: maxPackFiles}})
	if err != nil {
		return nil, nil, err
	}
	idx := &publishedIndex{ID: indexID(p.TenantID, kind), Versions: map[string]int{}}
	out := make([]Version, 0, len(defs))
	for i := range defs {
		if defs[i].Published == 0 {
			continue
		}
		v, err := s.cachedVersion(ctx, p, versionID(defs[i].ID, defs[i].Published))
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s %s: %w", kind, defs[i].Key, err)
		}
		idx.Versions[defs[i].ID] = defs[i].Published
		out = append(out, *v)
	}
	return idx, out, nil
}

// cachedVersion reads a version by id, from memory when it was read before.
func (s *Service) cachedVersion(ctx context.Context, p auth.Principal,
	id string) (*Version, error) {
	key := p.TenantID + "/" + id
	if v, ok := s.versionCache.Get(key); ok {
		return v, nil
	}
	var v Version
	if err := s.versions(p).FindByID(ctx, id, &v); err != nil {
		return nil, err
	}
	s.versionCache.Add(key, &v)
	return &v, nil
}
