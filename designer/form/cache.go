package form

import (
	"errors"
	"fmt"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"
)

// CacheKey names one version of one form.
type CacheKey struct {
	// FormID is the form's id in the store.
	FormID string
	// Version is the form's version number.
	Version int
}

// Cache keeps compiled forms per (form id, version), least recently used
// first out. Published versions never change, so an entry never goes stale;
// drafts should be cached under a version that changes with every save.
// It is safe for concurrent use, and concurrent requests for a form that is
// not cached yet compile it once.
type Cache struct {
	lru *lru.Cache[CacheKey, *Compiled]

	mu       sync.Mutex
	inflight map[CacheKey]*compileCall
}

// compileCall is one compilation that other callers wait for.
type compileCall struct {
	done chan struct{}
	c    *Compiled
	err  error
}

// NewCache returns a cache holding at most size compiled forms.
func NewCache(size int) (*Cache, error) {
	l, err := lru.New[CacheKey, *Compiled](size)
	if err != nil {
		return nil, fmt.Errorf("creating form cache: %w", err)
	}
	return &Cache{lru: l, inflight: map[CacheKey]*compileCall{}}, nil
}

// Get returns the cached compiled form for key.
func (c *Cache) Get(key CacheKey) (*Compiled, bool) { return c.lru.Get(key) }

// Add caches a compiled form under key.
func (c *Cache) Add(key CacheKey, cf *Compiled) { c.lru.Add(key, cf) }

// Remove drops key from the cache (a draft that was saved again).
func (c *Cache) Remove(key CacheKey) { c.lru.Remove(key) }

// Len returns how many compiled forms are cached.
func (c *Cache) Len() int { return c.lru.Len() }

// GetOrCompile returns the cached form for key, or loads its definition
// with load, compiles and caches it. Concurrent calls for the same key load
// and compile once; failures are returned to every waiting caller and not
// cached.
func (c *Cache) GetOrCompile(key CacheKey, load func() (Definition, error)) (*Compiled, error) {
	if cf, ok := c.lru.Get(key); ok {
		return cf, nil
	}

	c.mu.Lock()
	if call, ok := c.inflight[key]; ok {
		c.mu.Unlock()
		<-call.done
		return call.c, call.err
	}
	call := &compileCall{done: make(chan struct{})}
	c.inflight[key] = call
	c.mu.Unlock()

	defer func() {
		c.mu.Lock()
		delete(c.inflight, key)
		c.mu.Unlock()
		close(call.done)
	}()
	call.err = errCompileAborted // what waiters see if load or Compile panics
	call.c, call.err = c.compile(key, load)
	return call.c, call.err
}

// errCompileAborted is returned to waiters whose compilation panicked.
var errCompileAborted = errors.New("compiling form: aborted")

// compile loads and compiles one form and caches the result.
func (c *Cache) compile(key CacheKey, load func() (Definition, error)) (*Compiled, error) {
	if cf, ok := c.lru.Get(key); ok {
		return cf, nil // compiled by a call that finished meanwhile
	}

	def, err := load()
	if err != nil {
		return nil, fmt.Errorf("loading form %s version %d: %w", key.FormID, key.Version, err)
	}

	cf, err := Compile(def)
	if err != nil {
		return nil, err
	}
	c.lru.Add(key, cf)
	return cf, nil
}
