package form_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/formworkhq/formwork/designer/form"
)

func TestCacheCompilesOncePerVersion(t *testing.T) {
	cache, err := form.NewCache(2)
	if err != nil {
		t.Fatal(err)
	}
	def := loadLead(t)
	var loads atomic.Int32
	load := func() (form.Definition, error) {
		loads.Add(1)
		return def, nil
	}

	key := form.CacheKey{FormID: "f_lead", Version: 3}
	var wg sync.WaitGroup
	results := make([]*form.Compiled, 16)
	for i := range results {
		wg.Go(func() {
			c, err := cache.GetOrCompile(key, load)
			if err != nil {
				t.Error(err)
			}
			results[i] = c
		})
	}
	wg.Wait()

	if n := loads.Load(); n != 1 {
		t.Errorf("definition loaded %d times, want 1", n)
	}
	for _, c := range results {
		if c != results[0] {
			t.Fatal("concurrent callers got different compiled forms")
		}
	}
	if c, ok := cache.Get(key); !ok || c != results[0] {
		t.Error("Get does not return the cached form")
	}
}

func TestCacheEvictsAndKeepsFailuresOut(t *testing.T) {
	cache, err := form.NewCache(1)
	if err != nil {
		t.Fatal(err)
	}
	def := loadLead(t)
	ok := func() (form.Definition, error) { return def, nil }

	v1, v2 := form.CacheKey{FormID: "f", Version: 1}, form.CacheKey{FormID: "f", Version: 2}
	if _, err := cache.GetOrCompile(v1, ok); err != nil {
		t.Fatal(err)
	}
	if _, err := cache.GetOrCompile(v2, ok); err != nil {
		t.Fatal(err)
	}
	if _, found := cache.Get(v1); found || cache.Len() != 1 {
		t.Errorf("version 1 still cached (len %d); the cache holds 1", cache.Len())
	}

	boom := errors.New("store down")
	v3 := form.CacheKey{FormID: "f", Version: 3}
	_, err = cache.GetOrCompile(v3, func() (form.Definition, error) { return def, boom })
	if !errors.Is(err, boom) {
		t.Errorf("load failure = %v, want it wrapped", err)
	}
	broken := def
	broken.Key = ""
	if _, err := cache.GetOrCompile(v3, func() (form.Definition, error) {
		return broken, nil
	}); err == nil {
		t.Error("a broken definition compiled")
	}
	if _, found := cache.Get(v3); found {
		t.Error("a failure was cached")
	}
}

func TestNewCacheRefusesZeroSize(t *testing.T) {
	if _, err := form.NewCache(0); err == nil {
		t.Error("NewCache(0) succeeded")
	}
}
