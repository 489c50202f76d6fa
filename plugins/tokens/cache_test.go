package tokens

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
)

var start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// vendor hands out numbered tokens living ttl, failing when fail is set.
type vendor struct {
	mu    sync.Mutex
	n     int
	ttl   time.Duration
	fail  bool
	calls int
}

func (v *vendor) fetch(context.Context) (Token, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.calls++
	if v.fail {
		return Token{}, errors.New("vendor down")
	}
	v.n++

	return Token{Value: fmt.Sprintf("tok-%d", v.n), TTL: v.ttl}, nil
}

func TestGetRefreshesAtEightyPercent(t *testing.T) {
	clk := clock.NewManual(start)
	c, v := New(), &vendor{ttl: 7200 * time.Second}
	k := KeyOf("t1", "i1", "https://qyapi.example/corp", "s3cret")

	steps := []struct {
		name    string
		advance time.Duration
		fail    bool
		want    string
		wantErr bool
	}{
		{"first fetch", 0, false, "tok-1", false},
		{"cached", 5759 * time.Second, false, "tok-1", false},
		{"refreshed at 80 %", time.Second, false, "tok-2", false},
		{"cached again", 5000 * time.Second, false, "tok-2", false},
		{"refresh fails, old token still valid", 1000 * time.Second, true, "tok-2", false},
		{"refresh fails after expiry", 1500 * time.Second, true, "", true},
		{"vendor back", 0, false, "tok-3", false},
	}
	for _, st := range steps {
		clk.Advance(st.advance)
		v.fail = st.fail
		got, err := c.Get(context.Background(), k, clk.Now(), v.fetch)
		if got != st.want || (err != nil) != st.wantErr {
			t.Errorf("%s: Get = %q, %v; want %q, error %v", st.name, got, err, st.want,
				st.wantErr)
		}
	}
}

func TestKeysSeparateTenantsInstancesAndSecrets(t *testing.T) {
	c, v := New(), &vendor{ttl: time.Hour}
	keys := []Key{KeyOf("t1", "i1", "app", "s1"), KeyOf("t2", "i1", "app", "s1"),
		KeyOf("t1", "i2", "app", "s1"), KeyOf("t1", "i1", "app", "s2"),
		KeyOf("t1", "i1", "app2", "s1")}
	seen := map[string]bool{}
	for _, k := range keys {
		tok, err := c.Get(context.Background(), k, start, v.fetch)
		if err != nil || seen[tok] {
			t.Errorf("Get(%v) = %q, %v; want a token of its own", k, tok, err)
		}
		seen[tok] = true
	}
	if k := KeyOf("t1", "i1", "app", "s1"); k.Secret == "s1" || len(k.Secret) != 16 {
		t.Errorf("key keeps %q, want a fingerprint", k.Secret)
	}
}

func TestConcurrentCallersFetchOnce(t *testing.T) {
	c := New()
	release := make(chan struct{})
	var calls int
	fetch := func(context.Context) (Token, error) {
		calls++
		<-release
		return Token{Value: "tok", TTL: time.Hour}, nil
	}
	k := KeyOf("t1", "i1", "app", "s")

	const n = 10
	got := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = c.Get(context.Background(), k, start, fetch)
		}()
	}
	waitForWaiters(c, k, n-1)
	close(release)
	wg.Wait()

	if calls != 1 || c.Fetches() != 1 {
		t.Errorf("fetched %d times (cache counted %d), want once", calls, c.Fetches())
	}
	for i, tok := range got {
		if tok != "tok" {
			t.Errorf("caller %d got %q", i, tok)
		}
	}
}

// waitForWaiters yields until n callers wait on k's flight.
func waitForWaiters(c *Cache, k Key, n int) {
	for {
		c.mu.Lock()
		f := c.flights[k]
		ready := f != nil && f.waiters == n
		c.mu.Unlock()
		if ready {
			return
		}
		runtime.Gosched()
	}
}

func TestDoRetriesOnceOnInvalidToken(t *testing.T) {
	invalid := fmt.Errorf("errcode 42001: %w", ErrInvalid)
	cases := []struct {
		name      string
		answers   []error
		wantCalls []string
		wantErr   error
	}{
		{"ok", []error{nil}, []string{"tok-1"}, nil},
		{"expired then ok", []error{invalid, nil}, []string{"tok-1", "tok-2"}, nil},
		{"invalid twice", []error{invalid, invalid}, []string{"tok-1", "tok-2"}, ErrInvalid},
		{"other error, no retry", []error{errBusy}, []string{"tok-1"}, errBusy},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, v := New(), &vendor{ttl: time.Hour}
			k := KeyOf("t1", "i1", "app", "s")
			var calls []string
			err := c.Do(context.Background(), k, start, v.fetch, func(tok string) error {
				calls = append(calls, tok)
				return tc.answers[len(calls)-1]
			})
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Errorf("Do = %v, want %v", err, tc.wantErr)
			}
			if fmt.Sprint(calls) != fmt.Sprint(tc.wantCalls) {
				t.Errorf("calls = %v, want %v", calls, tc.wantCalls)
			}
		})
	}
}

var errBusy = errors.New("busy")

func TestInvalidateKeepsANewerToken(t *testing.T) {
	c, v := New(), &vendor{ttl: time.Hour}
	k := KeyOf("t1", "i1", "app", "s")
	old, _ := c.Get(context.Background(), k, start, v.fetch)
	c.Invalidate(k, old)
	fresh, _ := c.Get(context.Background(), k, start, v.fetch)
	c.Invalidate(k, old)
	if got, _ := c.Get(context.Background(), k, start, v.fetch); got != fresh {
		t.Errorf("after a stale invalidation Get = %q, want %q", got, fresh)
	}
}

func TestUseOnceTokensAreNotCached(t *testing.T) {
	c, v := New(), &vendor{ttl: 0}
	k := KeyOf("t1", "i1", "app", "s")
	a, _ := c.Get(context.Background(), k, start, v.fetch)
	b, _ := c.Get(context.Background(), k, start, v.fetch)
	if a == b {
		t.Errorf("a token without expires_in was reused: %q", a)
	}
}
