package outbox

import (
	"context"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
)

// TestClaimOfADeadWorkerIsTakenOver claims a message as a worker that then
// dies, and checks that the message is delivered once the lease ends.
func TestClaimOfADeadWorkerIsTakenOver(t *testing.T) {
	clk := clock.NewManual(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC))
	s := New(testenv.Mongo(t), testenv.Queue(t), clk, Config{}, testenv.Logger())
	if err := s.EnsureIndexes(t.Context()); err != nil {
		t.Fatal(err)
	}
	s.RegisterSender(ChannelWeCom, SenderFunc(func(context.Context, *Message) (string, error) {
		return "v", nil
	}))

	m, err := s.Add(t.Context(), "t1", Message{Channel: ChannelWeCom, Kind: KindNotify})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := s.claim(t.Context(), m); err != nil || !ok {
		t.Fatalf("claim = %v, %v", ok, err)
	}

	if err := s.Deliver(t.Context(), "t1", m.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.load(t.Context(), "t1", m.ID); got.Status != StatusSending {
		t.Fatalf("delivered during the lease: status %s", got.Status)
	}

	clk.Advance(s.lease())
	if n, err := s.Sweep(t.Context()); err != nil || n != 1 {
		t.Fatalf("Sweep = %d, %v; want 1", n, err)
	}
	if err := s.Deliver(t.Context(), "t1", m.ID); err != nil {
		t.Fatal(err)
	}

	got, _ := s.load(t.Context(), "t1", m.ID)
	if got.Status != StatusDelivered || got.Attempts != 2 {
		t.Errorf("after the lease: %s after %d attempts, want delivered after 2",
			got.Status, got.Attempts)
	}
}
