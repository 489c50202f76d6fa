package mongo

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"
)

// This file is the only way domain code reaches tenant-owned documents
// (DESIGN.md invariant 1). A Scope is made from a tenant id that comes from
// the authenticated principal; every filter it runs starts with that
// tenant_id and every document it inserts is stamped with it, so another
// tenant's id simply matches nothing and answers "not found".

// ErrNotFound is returned when no document of the caller's tenant matches.
var ErrNotFound = errors.New("document not found")

// TenantField is the key every tenant-owned document carries.
const TenantField = "tenant_id"

// Tenanted is embedded in every tenant-owned document type. Its tenant id is
// set by Coll.InsertOne, never by callers.
type Tenanted struct {
	TenantID string `bson:"tenant_id" json:"tenant_id"`
}

func (t *Tenanted) setTenant(id string) { t.TenantID = id }

// TenantDoc is a document that embeds Tenanted.
type TenantDoc interface{ setTenant(id string) }

// Scope reaches the documents of one tenant.
type Scope struct {
	db     *driver.Database
	tenant string
	locks  *docLocks // embedded store only
	reads  *readCache
}

// Scope returns the accessor for tenantID. An empty tenant id is a
// programming error and panics rather than reading across tenants.
func (s *Store) Scope(tenantID string) Scope {
	if tenantID == "" {
		panic("mongo: Scope with empty tenant id")
	}
	return Scope{db: s.DB, tenant: tenantID, locks: s.locks, reads: s.reads}
}

// Unscoped returns a collection without tenant scoping. It is reserved for
// the few cross-tenant lookups that happen before a tenant is known (the
// tenant list itself, sign-in by e-mail, bearer-token lookup); every use
// must say why next to it.
func (s *Store) Unscoped(name string) *driver.Collection { return s.DB.Collection(name) }

// TenantID returns the scope's tenant.
func (sc Scope) TenantID() string { return sc.tenant }

// C returns the tenant's view of a collection.
func (sc Scope) C(name string) Coll {
	return Coll{c: sc.db.Collection(name), tenant: sc.tenant, locks: sc.locks,
		reads: sc.reads}
}

// Coll is one collection seen through one tenant.
type Coll struct {
	c      *driver.Collection
	tenant string
	locks  *docLocks  // embedded store only; see doc_lock.go
	reads  *readCache // voided by every write; see read_cache.go
}

// written voids the cached reads of the collection for the tenant; every
// write calls it once done (deferred), whatever its outcome.
func (c Coll) written() { c.reads.bump(c.c.Name(), c.tenant) }

func (c Coll) scoped(filter bson.D) bson.D {
	out := make(bson.D, 0, len(filter)+1)
	out = append(out, bson.E{Key: TenantField, Value: c.tenant})
	for _, e := range filter {
		if e.Key != TenantField {
			out = append(out, e)
		}
	}
	return out
}

// FindOne decodes the first matching document into out.
func (c Coll) FindOne(ctx context.Context, filter bson.D, out any,
	opts ...options.Lister[options.FindOneOptions]) error {
	err := c.c.FindOne(ctx, c.scoped(filter), opts...).Decode(out)
	return Classify(err)
}

// FindByID decodes the document with _id id into out.
//
// It asks the store for the _id alone and checks the tenant on the answer:
// FerretDB pushes a filter down to SQL only when `_id` is its single key,
// so {tenant_id, _id} would scan the collection, while {_id} is one index
// lookup. The tenant check still happens here, before anything is decoded.
func (c Coll) FindByID(ctx context.Context, id string, out any) error {
	raw, err := c.c.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Raw()
	if err = Classify(err); err != nil {
		return err
	}
	if t, ok := raw.Lookup(TenantField).StringValueOK(); !ok || t != c.tenant {
		return ErrNotFound
	}
	return bson.Unmarshal(raw, out)
}

// Find returns a cursor over the matching documents.
func (c Coll) Find(ctx context.Context, filter bson.D,
	opts ...options.Lister[options.FindOptions]) (*driver.Cursor, error) {
	cur, err := c.c.Find(ctx, c.scoped(filter), opts...)
	return cur, Classify(err)
}

// FindAll decodes every matching document into out (a pointer to a slice).
func (c Coll) FindAll(ctx context.Context, filter bson.D, out any,
	opts ...options.Lister[options.FindOptions]) error {
	cur, err := c.Find(ctx, filter, opts...)
	if err != nil {
		return err
	}
	return Classify(cur.All(ctx, out))
}

// InsertOne stamps doc with the scope's tenant and inserts it.
func (c Coll) InsertOne(ctx context.Context, doc TenantDoc) error {
	defer c.written()
	doc.setTenant(c.tenant)
	_, err := c.c.InsertOne(ctx, doc)
	return Classify(err)
}

// UpdateOne applies update to the first match and reports whether one
// matched. A conditional update (a version or status in filter) is how every
// state change claims its document.
func (c Coll) UpdateOne(ctx context.Context, filter bson.D, update any) (bool, error) {
	defer c.written()
	scoped := c.scoped(filter)
	if id, _, _ := idEquality(scoped); id != "" && c.locks != nil {
		defer c.locks.lock(c.c.Name(), id)()
		if matched, ok, err := c.byIDUpdate(ctx, scoped, update); ok {
			return matched, err
		}
	}
	res, err := c.c.UpdateOne(ctx, scoped, update)
	if err != nil {
		return false, Classify(err)
	}
	return res.MatchedCount > 0, nil
}

// FindOneAndUpdate applies update to the first match and decodes the
// document after the update into out; ErrNotFound when nothing matched.
func (c Coll) FindOneAndUpdate(ctx context.Context, filter bson.D, update, out any) error {
	defer c.written()
	opts := options.FindOneAndUpdate().SetReturnDocument(options.After)
	scoped := c.scoped(filter)
	if id, rest, simple := idEquality(scoped); id != "" && c.locks != nil {
		defer c.locks.lock(c.c.Name(), id)()
		if simple {
			match, err := c.matchesByID(ctx, id, rest)
			if err != nil {
				return err
			}
			if !match {
				return ErrNotFound
			}
			scoped = bson.D{{Key: "_id", Value: id}}
		}
	}
	err := c.c.FindOneAndUpdate(ctx, scoped, update, opts).Decode(out)
	return Classify(err)
}

// DeleteOne deletes the first match and reports whether one was deleted.
func (c Coll) DeleteOne(ctx context.Context, filter bson.D) (bool, error) {
	defer c.written()
	scoped := c.scoped(filter)
	if id, _, _ := idEquality(scoped); id != "" && c.locks != nil {
		defer c.locks.lock(c.c.Name(), id)()
	}
	res, err := c.c.DeleteOne(ctx, scoped)
	if err != nil {
		return false, Classify(err)
	}
	return res.DeletedCount > 0, nil
}

// Count counts the matching documents.
func (c Coll) Count(ctx context.Context, filter bson.D) (int64, error) {
	n, err := c.c.CountDocuments(ctx, c.scoped(filter))
	return n, Classify(err)
}

// Aggregate runs pipeline after a leading $match on the tenant.
func (c Coll) Aggregate(ctx context.Context, pipeline []bson.D) (*driver.Cursor, error) {
	stages := make([]bson.D, 0, len(pipeline)+1)
	match := bson.D{{Key: TenantField, Value: c.tenant}}
	stages = append(stages, bson.D{{Key: "$match", Value: match}})
	stages = append(stages, pipeline...)
	cur, err := c.c.Aggregate(ctx, stages)
	return cur, Classify(err)
}

// IsDuplicate reports whether err is a unique-index violation.
func IsDuplicate(err error) bool { return driver.IsDuplicateKeyError(err) }

// Classify maps driver errors onto the package's sentinels: no document
// becomes ErrNotFound, and a store that cannot be reached becomes
// ErrUnavailable, which the HTTP layer answers with 503 and a retry hint.
func Classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, driver.ErrNoDocuments):
		return ErrNotFound
	case IsUnavailable(err):
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	default:
		return err
	}
}

// IsUnavailable reports whether err means the store could not be reached.
func IsUnavailable(err error) bool {
	if errors.Is(err, ErrUnavailable) || driver.IsNetworkError(err) {
		return true
	}
	var sel topology.ServerSelectionError
	if errors.As(err, &sel) {
		return true
	}
	return driver.IsTimeout(err) && !errors.Is(err, context.Canceled)
}
