package outbox_test

import (
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/runtime/outbox"
)

func TestAddSameKeyTwiceIsOneMessage(t *testing.T) {
	e := newEnv(t, outbox.Config{})

	first := e.add(t, outbox.ChannelWeCom, "inst1/tok1/notify1")
	second := e.add(t, outbox.ChannelWeCom, "inst1/tok1/notify1")

	if first.ID != second.ID {
		t.Errorf("second Add made message %s, want the first, %s", second.ID, first.ID)
	}
	page, err := e.svc.List(t.Context(), admin(), outbox.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Errorf("List has %d messages, want 1", len(page.Items))
	}
	if !e.taskExists(t, first.ID) {
		t.Errorf("no delivery task with the message id %s", first.ID)
	}
}

func TestDeliverySuccess(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	snd := &fakeSender{}
	e.svc.RegisterSender(outbox.ChannelWeCom, snd)

	m := e.add(t, outbox.ChannelWeCom, "k")
	e.deliver(t, m.ID)

	got := e.get(t, m.ID)
	want := outcome{Status: outbox.StatusDelivered, Attempts: 1, VendorID: "vendor-" + m.ID}
	if diff := cmp.Diff(want, outcomeOf(got)); diff != "" {
		t.Errorf("delivered message (-want +got):\n%s", diff)
	}
	if got.DeliveredAt == nil || !got.DeliveredAt.Equal(start) {
		t.Errorf("DeliveredAt = %v, want %v", got.DeliveredAt, start)
	}
}

// outcome is the delivery state a test compares.
type outcome struct {
	Status    outbox.Status
	Attempts  int
	LastError string
	VendorID  string
	Wait      time.Duration // NextAttemptAt - now
}

func outcomeOf(m *outbox.Message) outcome {
	return outcome{Status: m.Status, Attempts: m.Attempts, LastError: m.LastError, VendorID: m.VendorID}
}

func TestRetryableErrorBacksOff(t *testing.T) {
	e := newEnv(t, outbox.Config{MaxAttempts: 5, BaseDelay: time.Minute, MaxDelay: 3 * time.Minute})
	e.svc.RegisterSender(outbox.ChannelWeCom, &fakeSender{err: outbox.Retryable(errVendorDown)})
	m := e.add(t, outbox.ChannelWeCom, "k")

	var got []outcome
	for range 5 {
		e.deliver(t, m.ID)
		cur := e.get(t, m.ID)
		o := outcomeOf(cur)
		o.Wait = cur.NextAttemptAt.Sub(e.clock.Now())
		got = append(got, o)
		e.clock.Set(cur.NextAttemptAt)
	}

	// Equal jitter with a random source of 0.5: three quarters of 1, 2, 3
	// (capped), 3 minutes; the fifth failure is the last allowed attempt.
	failed := func(n int, wait time.Duration) outcome {
		return outcome{Status: outbox.StatusFailed, Attempts: n, LastError: errVendorDown.Error(),
			Wait: wait}
	}
	want := []outcome{
		failed(1, 45*time.Second), failed(2, 90*time.Second), failed(3, 135*time.Second),
		failed(4, 135*time.Second),
		{Status: outbox.StatusDead, Attempts: 5, LastError: errVendorDown.Error()},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("attempts (-want +got):\n%s", diff)
	}
}

func TestEarlyTaskDoesNotDeliver(t *testing.T) {
	e := newEnv(t, outbox.Config{BaseDelay: time.Hour})
	snd := &fakeSender{err: errVendorDown}
	e.svc.RegisterSender(outbox.ChannelWeCom, snd)
	m := e.add(t, outbox.ChannelWeCom, "k")

	e.deliver(t, m.ID)
	e.deliver(t, m.ID)

	if n := snd.count(); n != 1 {
		t.Errorf("sender called %d times before the next attempt was due, want 1", n)
	}
	if got := e.get(t, m.ID); !e.taskExists(t, m.ID+"-3") {
		t.Errorf("retry of version %d not enqueued as %s-3", got.Version, m.ID)
	}
}

func TestPermanentErrorIsDead(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	e.svc.RegisterSender(outbox.ChannelWeCom, &fakeSender{err: outbox.Permanent(errVendorDown)})
	m := e.add(t, outbox.ChannelWeCom, "k")

	e.deliver(t, m.ID)

	want := outcome{Status: outbox.StatusDead, Attempts: 1, LastError: errVendorDown.Error()}
	if diff := cmp.Diff(want, outcomeOf(e.get(t, m.ID))); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestNoSenderFailsUntilOneIsRegistered(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	m := e.add(t, outbox.ChannelWeCom, "k")

	e.deliver(t, m.ID)
	failed := e.get(t, m.ID)
	want := outcome{Status: outbox.StatusFailed, Attempts: 1, LastError: "no channel configured: wecom"}
	if diff := cmp.Diff(want, outcomeOf(failed)); diff != "" {
		t.Errorf("without a sender (-want +got):\n%s", diff)
	}

	e.svc.RegisterSender(outbox.ChannelWeCom, &fakeSender{})
	e.clock.Set(failed.NextAttemptAt)
	_ = e.queue.Redis().FlushDB(t.Context()).Err()
	if n, err := e.svc.Sweep(t.Context()); err != nil || n != 1 {
		t.Fatalf("Sweep = %d, %v; want 1, nil", n, err)
	}
	e.deliver(t, m.ID)

	if got := e.get(t, m.ID).Status; got != outbox.StatusDelivered {
		t.Errorf("status after registering a sender = %s, want delivered", got)
	}
}

func TestNoSenderIsDeadAfterTheAttemptLimit(t *testing.T) {
	e := newEnv(t, outbox.Config{MaxAttempts: 3})
	m := e.add(t, outbox.ChannelDingTalk, "k")

	for range 3 {
		e.deliver(t, m.ID)
		e.clock.Set(e.get(t, m.ID).NextAttemptAt)
	}

	want := outcome{Status: outbox.StatusDead, Attempts: 3, LastError: "no channel configured: dingtalk"}
	if diff := cmp.Diff(want, outcomeOf(e.get(t, m.ID))); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestSameTaskTwiceSendsOnce(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	snd := &fakeSender{}
	e.svc.RegisterSender(outbox.ChannelWeCom, snd)
	m := e.add(t, outbox.ChannelWeCom, "k")

	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if err := e.svc.Deliver(t.Context(), tenant, m.ID); err != nil {
				t.Errorf("Deliver: %v", err)
			}
		})
	}
	wg.Wait()
	e.deliver(t, m.ID)

	if n := snd.count(); n != 1 {
		t.Errorf("sender called %d times, want 1", n)
	}
}

func TestRateLimitedSendIsRescheduled(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	snd := &fakeSender{}
	lim := &fixedLimiter{wait: 3 * time.Second}
	e.svc.RegisterSender(outbox.ChannelWeCom, snd, outbox.WithLimiter(lim))
	m := e.add(t, outbox.ChannelWeCom, "k")

	e.deliver(t, m.ID)
	held := e.get(t, m.ID)
	if diff := cmp.Diff(outcome{Status: outbox.StatusPending}, outcomeOf(held)); diff != "" {
		t.Errorf("limited message (-want +got):\n%s", diff)
	}
	if got := held.NextAttemptAt.Sub(start); got != 3*time.Second {
		t.Errorf("rescheduled after %v, want 3s", got)
	}

	lim.wait = 0
	e.clock.Set(held.NextAttemptAt)
	e.deliver(t, m.ID)
	if got := e.get(t, m.ID).Status; got != outbox.StatusDelivered || snd.count() != 1 {
		t.Errorf("after the limit: status %s, %d sends; want delivered, 1", got, snd.count())
	}
}

// fixedLimiter holds every send back by wait.
type fixedLimiter struct{ wait time.Duration }

func (l *fixedLimiter) Take(time.Time) time.Duration { return l.wait }
