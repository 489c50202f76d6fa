package mongo

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/clock"
)

// This file keeps, per store, the answers to reads that change rarely and
// are asked on every submission: the users of a tenant (by id, by role,
// by team) and the definition keys. Callers opt in read by read with
// Scope.Cached, for reads that may be a few seconds old; every other read,
// and every read before a compare-and-set, goes to the store.
//
// Freshness has two parts. Within the process, a write through any Coll to
// a collection bumps the generation of that collection and tenant, and an
// answer read under an older generation is never served again: a process
// sees its own changes at once. Another process's writes (several
// `formwork serve` behind a load balancer on MongoDB) are seen once the
// answer is older than the cache's time to live, a few seconds, which is
// how stale a user's disabling or a newly published version may look
// there. A version number per tenant would make that exact, at the price
// of one read per lookup, which is what the cache saves.
//
// Documents of a cached collection must therefore be written only through
// Coll; an Unscoped write would be seen only after the time to live.

// DefaultCacheTTL is how long a cached answer is served when
// Options.CacheTTL is zero.
const DefaultCacheTTL = 3 * time.Second

// readCacheSize bounds the answers kept, across tenants and collections.
const readCacheSize = 8192

// maxCachedAnswer bounds the bytes of one answer kept: a query naming
// thousands of users is read each time rather than held.
const maxCachedAnswer = 256 << 10

// readCache holds cached answers and the generations that void them.
type readCache struct {
	ttl     time.Duration
	clock   clock.Clock
	answers *lru.Cache[string, cachedAnswer]
	// marked are the collections some read was cached from; writes to
	// the others need not bump anything.
	marked sync.Map

	mu   sync.Mutex
	gens map[string]uint64 // by collection and tenant
}

// cachedAnswer is the raw documents of one read and when it was made.
type cachedAnswer struct {
	gen  uint64
	at   time.Time
	docs []bson.Raw // empty: nothing matched
}

// newReadCache returns a cache whose answers live ttl, zero meaning
// DefaultCacheTTL; a negative ttl turns caching off (nil).
func newReadCache(ttl time.Duration) *readCache {
	if ttl < 0 {
		return nil
	}
	if ttl == 0 {
		ttl = DefaultCacheTTL
	}
	answers, _ := lru.New[string, cachedAnswer](readCacheSize)
	return &readCache{ttl: ttl, clock: clock.Real{}, answers: answers,
		gens: map[string]uint64{}}
}

func genKey(coll, tenant string) string { return coll + "\x00" + tenant }

// generation marks coll as cached and returns its tenant's generation.
func (rc *readCache) generation(coll, tenant string) uint64 {
	rc.marked.Store(coll, true)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.gens[genKey(coll, tenant)]
}

// bump voids every answer read from coll for tenant. Writers call it once
// their write is done, so that a read racing with it is not kept.
func (rc *readCache) bump(coll, tenant string) {
	if rc == nil {
		return
	}
	if _, ok := rc.marked.Load(coll); !ok {
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.gens[genKey(coll, tenant)]++
}

// get returns the answer under key if it is of generation gen and young.
func (rc *readCache) get(key string, gen uint64) ([]bson.Raw, bool) {
	a, ok := rc.answers.Get(key)
	if !ok || a.gen != gen || rc.clock.Now().Sub(a.at) >= rc.ttl {
		return nil, false
	}
	return a.docs, true
}

// put keeps docs as the answer under key, read under generation gen.
func (rc *readCache) put(key string, gen uint64, docs []bson.Raw) {
	rc.answers.Add(key, cachedAnswer{gen: gen, at: rc.clock.Now(), docs: docs})
}

// CachedColl is one collection seen through one tenant whose reads may be
// answered from the store's read cache (see read_cache.go). It only reads;
// writes go through Coll, and void what it keeps.
type CachedColl struct {
	coll Coll
}

// Cached returns the tenant's cached view of collection name. Without a
// cache (CacheTTL negative) its reads go to the store.
func (sc Scope) Cached(name string) CachedColl {
	return CachedColl{coll: sc.C(name)}
}

// FindByID decodes the document with _id id into out, as Coll.FindByID,
// from the cache while its answer is fresh; ErrNotFound answers are
// cached too.
func (c CachedColl) FindByID(ctx context.Context, id string, out any) error {
	docs, err := c.cachedRead(ctx, "id\x00"+id, func() ([]bson.Raw, error) {
		var raw bson.Raw
		err := c.coll.FindByID(ctx, id, &raw)
		if errors.Is(err, ErrNotFound) {
			return nil, nil
		}
		return []bson.Raw{raw}, err
	})
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return ErrNotFound
	}
	return bson.Unmarshal(docs[0], out)
}

// FindAll decodes every matching document into out, a pointer to a slice,
// as Coll.FindAll without options, from the cache while its answer is
// fresh.
func (c CachedColl) FindAll(ctx context.Context, filter bson.D, out any) error {
	key, err := bson.Marshal(c.coll.scoped(filter))
	if err != nil {
		return fmt.Errorf("caching a read of %s: %w", c.coll.c.Name(), err)
	}
	docs, err := c.cachedRead(ctx, "all\x00"+string(key), func() ([]bson.Raw, error) {
		var raws []bson.Raw
		err := c.coll.FindAll(ctx, filter, &raws)
		return raws, err
	})
	if err != nil {
		return err
	}
	return decodeAll(docs, out)
}

// cachedRead answers key from the cache, or by read, keeping the answer
// unless a write came in between.
func (c CachedColl) cachedRead(ctx context.Context, key string,
	read func() ([]bson.Raw, error)) ([]bson.Raw, error) {
	rc, name, tenant := c.coll.reads, c.coll.c.Name(), c.coll.tenant
	if rc == nil {
		return read()
	}
	key = genKey(name, tenant) + "\x00" + key
	gen := rc.generation(name, tenant)
	if docs, ok := rc.get(key, gen); ok {
		return docs, nil
	}

	docs, err := read()
	if err != nil || ctx.Err() != nil {
		return docs, err
	}
	owned, size := make([]bson.Raw, len(docs)), 0
	for i, d := range docs {
		owned[i], size = slices.Clone(d), size+len(d)
	}
	if size <= maxCachedAnswer {
		rc.put(key, gen, owned)
	}
	return owned, nil
}

// decodeAll decodes docs into out, a pointer to a slice, replacing its
// contents.
func decodeAll(docs []bson.Raw, out any) error {
	ptr := reflect.ValueOf(out)
	if ptr.Kind() != reflect.Pointer || ptr.Elem().Kind() != reflect.Slice {
		return fmt.Errorf("mongo: FindAll wants a pointer to a slice, not %T", out)
	}
	slice := ptr.Elem()
	res := reflect.MakeSlice(slice.Type(), len(docs), len(docs))
	for i, d := range docs {
		if err := bson.Unmarshal(d, res.Index(i).Addr().Interface()); err != nil {
			return fmt.Errorf("decoding a cached document: %w", err)
		}
	}
	slice.Set(res)
	return nil
}
