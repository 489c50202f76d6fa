package insights

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
)

// monthCacheSize bounds the month documents kept; each is the encoded
// state of one tenant, family and month, the recent-event hashes included
// (up to 32 KiB).
const monthCacheSize = 128

// monthCacheTTL bounds how long a kept document is trusted without a read.
const monthCacheTTL = mongo.DefaultCacheTTL

// monthCache keeps the month documents this process wrote last, encoded
// exactly as stored, so that the next change to one starts from memory
// instead of a read: a record's creation, its assignment and its task
// each fold into the same document one after the other.
//
// Nothing is lost to a stale copy: the write that follows is still
// conditional on the revision, so a document another writer changed
// meanwhile refuses it, and change reads it from the store again. The
// applied-event hashes travel with the document, so an event applied
// twice still counts once. The time to live covers the one case the
// revision cannot tell, a document deleted and written again up to the
// same revision by another process (a rollup upgrade).
type monthCache struct {
	docs  *lru.Cache[string, keptMonth]
	clock clock.Clock
}

// keptMonth is a stored month document and when it was kept.
type keptMonth struct {
	doc monthDoc // encoded fields only
	at  time.Time
}

func newMonthCache() *monthCache {
	docs, _ := lru.New[string, keptMonth](monthCacheSize)
	return &monthCache{docs: docs, clock: clock.Real{}}
}

// take returns a copy of the kept document id, safe to edit.
func (c *monthCache) take(id string) (monthDoc, bool) {
	k, ok := c.docs.Get(id)
	if !ok || c.clock.Now().Sub(k.at) >= monthCacheTTL {
		return monthDoc{}, false
	}
	return k.doc.encodedCopy(), true
}

// keep remembers d, as it now is in the store.
func (c *monthCache) keep(d *monthDoc) {
	c.docs.Add(d.ID, keptMonth{doc: d.encodedCopy(), at: c.clock.Now()})
}

// drop forgets document id.
func (c *monthCache) drop(id string) { c.docs.Remove(id) }

// encodedCopy is d without its decoded figures, sharing nothing that an
// edit changes in place.
func (d *monthDoc) encodedCopy() monthDoc {
	return monthDoc{ID: d.ID, Tenanted: d.Tenanted, Family: d.Family, Month: d.Month,
		Rev: d.Rev, Dicts: maps.Clone(d.Dicts), Cells: maps.Clone(d.Cells),
		Since: maps.Clone(d.Since), Recent: slices.Clip(d.Recent)}
}

// readMonth returns the document id as last written by this process, or
// as stored; fresh is true when there is none yet.
func (s *Service) readMonth(ctx context.Context, tenantID, id string) (d monthDoc,
	fresh bool, err error) {
	if d, ok := s.months.take(id); ok {
		return d, false, nil
	}
	err = s.rollups(tenantID).FindByID(ctx, id, &d)
	if errors.Is(err, mongo.ErrNotFound) {
		return monthDoc{}, true, nil
	}
	if err != nil {
		return monthDoc{}, false, fmt.Errorf("reading rollup %s: %w", id, err)
	}
	return d, false, nil
}

// written records the outcome of a write of e: the document as stored
// after it, or nothing when another writer came first or the update holds
// a field this file does not know how to follow.
func (s *Service) written(e *edit, update bson.D, ok bool) {
	if ok && update != nil {
		ok = applyUpdate(e.doc, update)
		e.doc.Rev++
	}
	if !ok {
		s.months.drop(e.doc.ID)
		return
	}
	s.months.keep(e.doc)
}

// applyUpdate applies to d's encoded fields what update, made by
// edit.update, sets and unsets in the store, reporting false for anything
// else.
func applyUpdate(d *monthDoc, update bson.D) bool {
	for _, op := range update {
		fields, ok := op.Value.(bson.D)
		if !ok {
			return false
		}
		for _, f := range fields {
			if !applyField(d, op.Key, f) {
				return false
			}
		}
	}
	return true
}

// applyField applies one field of an update operator to d.
func applyField(d *monthDoc, op string, f bson.E) bool {
	switch op {
	case "$inc":
		return f.Key == "rev" // the caller counts it
	case "$unset":
		key, ok := strings.CutPrefix(f.Key, "m.")
		delete(d.Cells, key)
		return ok
	case "$set":
		return setField(d, f.Key, f.Value)
	}
	return false
}

// setField sets one field of an edit's $set in d.
func setField(d *monthDoc, key string, v any) bool {
	var ok bool
	switch {
	case key == "s":
		d.Since, ok = v.(map[string]int64)
	case key == "a":
		d.Recent, ok = v.([]byte)
	case strings.HasPrefix(key, "m."):
		d.Cells, ok = setBytes(d.Cells, key[2:], v)
	case strings.HasPrefix(key, "g."):
		d.Dicts, ok = setBytes(d.Dicts, key[2:], v)
	}
	return ok
}

func setBytes(m map[string][]byte, key string, v any) (map[string][]byte, bool) {
	b, ok := v.([]byte)
	if m == nil {
		m = map[string][]byte{}
	}
	m[key] = b
	return m, ok
}
