package reliability_test

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/queue"
)

// evictingPolicies are every maxmemory-policy of Redis 7 but noeviction.
var evictingPolicies = []string{"allkeys-lru", "allkeys-lfu", "allkeys-random",
	"volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl"}

// TestFault9RefusesEvictingRedis starts a redis-server of its own and sets
// each evicting maxmemory-policy in turn: the queue, which is what
// `formwork serve` and `formwork worker` open at start-up, refuses every
// one with a message saying why and how to fix it, and accepts noeviction.
// (The embedded miniredis has no policy and no CONFIG: nothing to check.)
func TestFault9RefusesEvictingRedis(t *testing.T) {
	r := startRedis(t)
	rdb := r.client()
	log := slog.New(slog.DiscardHandler)

	refused := 0
	for _, policy := range evictingPolicies {
		if err := rdb.ConfigSet(t.Context(), "maxmemory-policy", policy).Err(); err != nil {
			t.Fatalf("CONFIG SET maxmemory-policy %s: %v", policy, err)
		}
		q, err := queue.Open(t.Context(), queue.Options{Addr: r.addr}, log)
		if err == nil {
			_ = q.Close()
			t.Errorf("Open accepted maxmemory-policy %s", policy)
			continue
		}
		if checkRefusal(t, policy, r.addr, err) {
			refused++
		}
	}

	if err := rdb.ConfigSet(t.Context(), "maxmemory-policy", "noeviction").Err(); err != nil {
		t.Fatal(err)
	}
	q, err := queue.Open(t.Context(), queue.Options{Addr: r.addr}, log)
	if err != nil {
		t.Fatalf("Open refused noeviction: %v", err)
	}
	_ = q.Close()

	report(t, figure{fault: "fault 9", what: "evicting maxmemory-policies refused at start-up",
		value:  fmt.Sprintf("%d of %d, noeviction accepted", refused, len(evictingPolicies)),
		target: fmt.Sprintf("%d of %d", len(evictingPolicies), len(evictingPolicies)),
		met:    refused == len(evictingPolicies)})
}

// checkRefusal checks that err names the store, the policy and the fix.
func checkRefusal(t *testing.T, policy, addr string, err error) bool {
	t.Helper()
	ok := errors.Is(err, queue.ErrEvictionPolicy) && errors.Is(err, queue.ErrUnavailable)
	if !ok {
		t.Errorf("%s: error %v does not wrap ErrEvictionPolicy", policy, err)
	}
	for _, want := range []string{addr, `"` + policy + `"`, "evicts keys",
		"CONFIG SET maxmemory-policy noeviction", "redis.conf"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %q does not say %q", policy, err, want)
			ok = false
		}
	}
	if policy == evictingPolicies[0] {
		t.Logf("start-up refusal: %v", err)
	}
	return ok
}

// TestFault9BinaryRefusesEvictingRedis starts the real binary against a
// redis-server with maxmemory-policy allkeys-lru: `formwork serve` stops
// at start-up with a non-zero status and says why and how to fix it. A
// long suite (it builds the binary).
func TestFault9BinaryRefusesEvictingRedis(t *testing.T) {
	long(t)
	r := startRedis(t, "--maxmemory-policy", "allkeys-lru")
	bin := buildBinary(t)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "FORMWORK_ADDR=127.0.0.1:"+strconv.Itoa(freePort(t)),
		"FORMWORK_DATA_DIR="+t.TempDir(), "FORMWORK_MONGO_URI=", "FORMWORK_REDIS_ADDR="+r.addr)
	done := make(chan error, 1)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()

	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("formwork serve kept running on an evicting redis:\n%s", out.String())
	}
	said := strings.Contains(out.String(), "CONFIG SET maxmemory-policy noeviction") &&
		strings.Contains(out.String(), "allkeys-lru")
	if err == nil || !said {
		t.Errorf("formwork serve exited with %v, output:\n%s", err, out.String())
	}
	report(t, figure{fault: "fault 9", what: "formwork serve on an allkeys-lru redis-server",
		value:  fmt.Sprintf("exited (%v), message names the policy and the fix: %v", err, said),
		target: "refuses to start, says why and how", met: err != nil && said})
}
