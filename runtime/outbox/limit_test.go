package outbox_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// perTenantLimiter lets one message a tenant through, recording who asked.
type perTenantLimiter struct {
	mu    sync.Mutex
	taken map[string]bool
}

func (l *perTenantLimiter) Take(time.Time) time.Duration { return time.Hour }

func (l *perTenantLimiter) TakeMessage(_ context.Context, _ time.Time,
	m *outbox.Message) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.taken[m.TenantID] {
		return 5 * time.Second
	}
	l.taken[m.TenantID] = true

	return 0
}

func TestMessageLimiterSeesTheMessage(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	snd := &fakeSender{}
	e.svc.RegisterSender(outbox.ChannelWeCom, snd,
		outbox.WithLimiter(&perTenantLimiter{taken: map[string]bool{}}))
	first, second := e.add(t, outbox.ChannelWeCom, "a"), e.add(t, outbox.ChannelWeCom, "b")

	e.deliver(t, first.ID)
	e.deliver(t, second.ID)

	got := []outbox.Status{e.get(t, first.ID).Status, e.get(t, second.ID).Status}
	want := []outbox.Status{outbox.StatusDelivered, outbox.StatusPending}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if wait := e.get(t, second.ID).NextAttemptAt.Sub(start); wait != 5*time.Second {
		t.Errorf("second message held for %v, want 5s", wait)
	}
}

func TestRetryAfterIsHonouredWhenLongerThanBackoff(t *testing.T) {
	cases := []struct {
		name     string
		after    time.Duration
		wantWait time.Duration
	}{
		{"longer than the backoff", 10 * time.Minute, 10 * time.Minute},
		{"shorter than the backoff", time.Second, 45 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, outbox.Config{MaxAttempts: 5, BaseDelay: time.Minute,
				MaxDelay: time.Hour})
			e.svc.RegisterSender(outbox.ChannelWeCom,
				&fakeSender{err: outbox.RetryAfter(errVendorDown, tc.after)})
			m := e.add(t, outbox.ChannelWeCom, "k")

			e.deliver(t, m.ID)
			got := e.get(t, m.ID)
			if got.Status != outbox.StatusFailed || got.NextAttemptAt.Sub(start) != tc.wantWait {
				t.Errorf("status %s, next attempt after %v; want failed after %v", got.Status,
					got.NextAttemptAt.Sub(start), tc.wantWait)
			}
		})
	}
}

func TestRetryDelay(t *testing.T) {
	if d := outbox.RetryDelay(outbox.RetryAfter(errVendorDown, time.Minute)); d != time.Minute {
		t.Errorf("RetryDelay = %v, want 1m", d)
	}
	if d := outbox.RetryDelay(outbox.Permanent(errVendorDown)); d != 0 {
		t.Errorf("RetryDelay of a permanent error = %v, want 0", d)
	}
	if outbox.IsPermanent(outbox.RetryAfter(errVendorDown, time.Minute)) {
		t.Error("RetryAfter made the error permanent")
	}
}
