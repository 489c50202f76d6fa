package queue_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/formworkhq/formwork/internal/queue"
)

func TestOpenRefusesEvictingRedis(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			if tg.opts.Addr == "" {
				t.Skip("embedded redis never evicts and has no CONFIG")
			}
			setPolicy(t, tg.opts.Addr, "allkeys-lru")

			q, err := queue.Open(t.Context(), tg.opts, testLogger(t))
			if err == nil {
				_ = q.Close()
				t.Fatal("Open accepted a redis with maxmemory-policy allkeys-lru")
			}
			t.Logf("Open: %v", err)

			if !errors.Is(err, queue.ErrEvictionPolicy) || !errors.Is(err, queue.ErrUnavailable) {
				t.Errorf("error %v does not wrap ErrEvictionPolicy and ErrUnavailable", err)
			}
			for _, s := range []string{tg.opts.Addr, `"allkeys-lru"`,
				"CONFIG SET maxmemory-policy noeviction", "redis.conf"} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

// setPolicy sets the shared Redis's maxmemory-policy for one test and puts
// the original back when it ends, whatever happens.
func setPolicy(t *testing.T, addr, policy string) {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { _ = rdb.Close() })

	orig, err := rdb.ConfigGet(t.Context(), "maxmemory-policy").Result()
	if err != nil || orig["maxmemory-policy"] == "" {
		t.Skipf("cannot read maxmemory-policy: %v", err)
	}
	t.Cleanup(func() {
		err := rdb.ConfigSet(context.Background(), "maxmemory-policy",
			orig["maxmemory-policy"]).Err()
		if err != nil {
			t.Errorf("restoring maxmemory-policy %q: %v", orig["maxmemory-policy"], err)
		}
	})

	if err := rdb.ConfigSet(t.Context(), "maxmemory-policy", policy).Err(); err != nil {
		t.Fatalf("CONFIG SET maxmemory-policy %s: %v", policy, err)
	}
}

// TestEmbeddedHasNoConfig pins down why Open skips the policy check in
// embedded mode: miniredis does not implement CONFIG.
func TestEmbeddedHasNoConfig(t *testing.T) {
	q := open(t, targets()[0])
	_, err := q.Redis().ConfigGet(t.Context(), "maxmemory-policy").Result()
	var reply redis.Error
	if !errors.As(err, &reply) {
		t.Fatalf("CONFIG GET on miniredis = %v, want an error reply", err)
	}
	t.Logf("miniredis answers CONFIG GET with: %v", err)
}
