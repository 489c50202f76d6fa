package outbox

import (
	"context"
	"time"

	"golang.org/x/time/rate"
)

// Sender delivers messages of one channel. Send returns the vendor's id of
// the delivered message, if it has one. A Sender must tolerate being called
// twice for one message (delivery is at least once): pass Message.ID to the
// vendor as an idempotency key where the vendor supports one.
type Sender interface {
	Send(ctx context.Context, m *Message) (vendorID string, err error)
}

// SenderFunc adapts a function to Sender.
type SenderFunc func(ctx context.Context, m *Message) (string, error)

var _ Sender = SenderFunc(nil)

// Send calls f.
func (f SenderFunc) Send(ctx context.Context, m *Message) (string, error) { return f(ctx, m) }

// Limiter paces a channel. Take is asked before each send at now: it
// returns zero and counts the send when one may go now, or else how long to
// wait, counting nothing. A limited message is rescheduled, not failed.
type Limiter interface {
	Take(now time.Time) time.Duration
}

// MessageLimiter is a Limiter that paces by message rather than by
// channel name, e.g. per tenant and plugin instance, so that tenants and
// instances sharing a channel name do not share a vendor's limit. When a
// channel's Limiter is one, TakeMessage is asked instead of Take, with the
// same contract.
type MessageLimiter interface {
	Limiter
	TakeMessage(ctx context.Context, now time.Time, m *Message) time.Duration
}

// take asks l about sending m at now.
func take(ctx context.Context, l Limiter, now time.Time, m *Message) time.Duration {
	if ml, ok := l.(MessageLimiter); ok {
		return ml.TakeMessage(ctx, now, m)
	}

	return l.Take(now)
}

// RateLimiter adapts a token bucket from golang.org/x/time/rate, read with
// the service's clock rather than the wall clock.
func RateLimiter(l *rate.Limiter) Limiter { return rateLimiter{l: l} }

type rateLimiter struct{ l *rate.Limiter }

// Take reserves one token and gives it back when it is not available now.
func (r rateLimiter) Take(now time.Time) time.Duration {
	res := r.l.ReserveN(now, 1)
	if !res.OK() {
		return time.Minute
	}

	d := res.DelayFrom(now)
	if d > 0 {
		res.CancelAt(now)
	}

	return d
}

// SenderOption configures a registered Sender.
type SenderOption func(*channel)

// WithLimiter paces the channel with l.
func WithLimiter(l Limiter) SenderOption {
	return func(c *channel) { c.limiter = l }
}

// channel is a registered Sender and its pacing.
type channel struct {
	sender  Sender
	limiter Limiter
}

// RegisterSender makes s deliver the messages of channel name, replacing
// any Sender registered before. Messages that failed for want of a Sender
// are delivered at their next attempt.
func (s *Service) RegisterSender(name string, snd Sender, opts ...SenderOption) {
	c := &channel{sender: snd}
	for _, opt := range opts {
		opt(c)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[name] = c
}

// SenderOf returns the Sender registered for channel name, or nil. It
// lets whoever registered a Sender find its state again on this service.
func (s *Service) SenderOf(name string) Sender {
	if c := s.channel(name); c != nil {
		return c.sender
	}
	return nil
}

// UnregisterSender removes the Sender of channel name.
func (s *Service) UnregisterSender(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.channels, name)
}

// channel returns the registered channel name, or nil.
func (s *Service) channel(name string) *channel {
	s.mu.RLock()
	defer s.mu.RUnlock()

	return s.channels[name]
}
