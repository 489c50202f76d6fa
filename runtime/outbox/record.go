package outbox

import (
	"context"
	"log/slog"
	"slices"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// maxErrorLen bounds the stored last error; vendors can answer at length.
const maxErrorLen = 1000

// record stores the outcome of sending the claimed m: delivered, failed
// with its next attempt, or dead. When another worker took the claim over
// in the meantime, the outcome is dropped (that worker records its own).
func (s *Service) record(ctx context.Context, m *Message, vendorID string, sendErr error) error {
	now := s.clock.Now()
	set := s.outcome(m, now, vendorID, sendErr)

	ok, err := s.cas(ctx, m, set, 0)
	if err != nil {
		return err
	}
	if !ok {
		s.log.WarnContext(ctx, "delivery outcome dropped: message changed meanwhile",
			slog.String("tenant_id", m.TenantID), slog.String("message_id", m.ID))
		return nil
	}

	s.logOutcome(ctx, m, sendErr)
	switch m.Status {
	case StatusFailed:
		s.enqueue(ctx, m)
	case StatusDead:
		return s.raiseIncident(ctx, m)
	}

	return nil
}

// outcome decides m's new state at now and applies it to m; it returns
// the fields to set.
// A partial outcome (see PartialError) also records the recipients it
// settled.
func (s *Service) outcome(m *Message, now time.Time, vendorID string, sendErr error) bson.D {
	vendorID, sendErr, settled := m.settle(vendorID, sendErr)
	set := s.decide(m, now, vendorID, sendErr)
	for _, e := range settled {
		if !slices.ContainsFunc(set, func(f bson.E) bool { return f.Key == e.Key }) {
			set = append(set, e)
		}
	}

	return set
}

// decide applies the outcome of an attempt that ended with sendErr to m.
func (s *Service) decide(m *Message, now time.Time, vendorID string, sendErr error) bson.D {
	m.UpdatedAt, m.NextAttemptAt = now, now
	if sendErr == nil {
		m.Status, m.VendorID, m.DeliveredAt, m.LastError = StatusDelivered, vendorID, &now, ""

		return bson.D{
			{Key: "status", Value: m.Status}, {Key: "vendor_id", Value: vendorID},
			{Key: "delivered_at", Value: now}, {Key: "last_error", Value: ""},
			{Key: "next_attempt_at", Value: now}, {Key: "updated_at", Value: now},
		}
	}

	m.LastError = truncate(sendErr.Error(), maxErrorLen)
	m.Status = StatusDead
	if !IsPermanent(sendErr) && m.Attempts < s.cfg.MaxAttempts {
		m.Status = StatusFailed
		m.NextAttemptAt = now.Add(max(s.backoff(m.Attempts), RetryDelay(sendErr)))
	}

	return bson.D{
		{Key: "status", Value: m.Status}, {Key: "last_error", Value: m.LastError},
		{Key: "next_attempt_at", Value: m.NextAttemptAt}, {Key: "updated_at", Value: now},
	}
}

// logOutcome logs a recorded outcome: failures as warnings, the rest at
// debug level.
func (s *Service) logOutcome(ctx context.Context, m *Message, sendErr error) {
	attrs := []any{
		slog.String("tenant_id", m.TenantID), slog.String("message_id", m.ID),
		slog.String("channel", m.Channel), slog.Int("attempts", m.Attempts),
		slog.String("status", string(m.Status)),
	}
	if sendErr == nil {
		s.log.DebugContext(ctx, "message delivered", attrs...)
		return
	}

	s.log.WarnContext(ctx, "message delivery failed", append(attrs, slog.Any("err", sendErr))...)
}

// truncate cuts s to at most n bytes, on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}

	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}

	return s[:n]
}
