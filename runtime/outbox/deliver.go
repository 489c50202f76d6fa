package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

// Register adds the delivery handler to mux.
func (s *Service) Register(mux *asynq.ServeMux) {
	mux.HandleFunc(TaskDeliver, s.handleDeliver)
}

// handleDeliver decodes a delivery task and runs it. An error here means
// the store failed, and Asynq tries the task again.
func (s *Service) handleDeliver(ctx context.Context, t *asynq.Task) error {
	var p deliverPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.TenantID == "" {
		return fmt.Errorf("decoding delivery task: %w", errors.Join(err, asynq.SkipRetry))
	}

	return s.Deliver(ctx, p.TenantID, p.MessageID)
}

// Deliver makes one delivery attempt of the tenant's message id if it is
// due, and does nothing otherwise: a message already delivered, claimed
// by another worker, not yet due or deleted. It returns an error only when
// the store fails; a failing channel is recorded on the message.
func (s *Service) Deliver(ctx context.Context, tenantID, id string) error {
	m, err := s.load(ctx, tenantID, id)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}

	now := s.clock.Now()
	if !m.due(now, s.cfg.EarlySlack) {
		return nil
	}
	if m.Attempts >= s.cfg.MaxAttempts {
		return s.record(ctx, m, "", Permanent(errInterrupted))
	}

	ch := s.channel(m.Channel)
	if ch != nil && ch.limiter != nil {
		if wait := take(ctx, ch.limiter, now, m); wait > 0 {
			return s.postpone(ctx, m, now.Add(wait))
		}
	}

	return s.attempt(ctx, m, ch)
}

// errInterrupted is recorded when a worker died while sending the
// message's last allowed attempt.
var errInterrupted = errors.New("delivery was interrupted too many times")

// attempt claims m, sends it on ch and records the outcome.
func (s *Service) attempt(ctx context.Context, m *Message, ch *channel) error {
	ok, err := s.claim(ctx, m)
	if err != nil || !ok {
		return err
	}

	vendorID, sendErr := s.sendUnsettled(ctx, ch, m)

	// The outcome is written even when ctx was cancelled meanwhile (a
	// worker shutting down gives up on its running tasks): a send that
	// went through must be marked, or its message would be sent again
	// once the claim's lease ran out.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()

	return s.record(rctx, m, vendorID, sendErr)
}

// sendUnsettled sends m to its recipients not yet settled by an earlier
// attempt; when an earlier attempt settled all of them (its outcome was
// lost), m is delivered without calling the channel again.
func (s *Service) sendUnsettled(ctx context.Context, ch *channel, m *Message) (string,
	error) {
	rest := m.unsettled()
	if len(m.Recipients) > 0 && len(rest) == 0 {
		return "", nil
	}

	out := *m
	out.Recipients = rest

	return s.send(ctx, ch, &out)
}

// recordTimeout bounds writing a delivery's outcome.
const recordTimeout = 10 * time.Second

// load reads the tenant's message id.
func (s *Service) load(ctx context.Context, tenantID, id string) (*Message, error) {
	var m Message
	if err := s.messages(tenantID).FindByID(ctx, id, &m); err != nil {
		return nil, fmt.Errorf("reading outbox message %s: %w", id, err)
	}

	return &m, nil
}

// claim moves m to sending with a compare-and-set on its version, counting
// the attempt, and updates m to match. It reports false when another
// worker changed the message first.
func (s *Service) claim(ctx context.Context, m *Message) (bool, error) {
	now := s.clock.Now()
	until := now.Add(s.lease())

	set := bson.D{
		{Key: "status", Value: StatusSending},
		{Key: "next_attempt_at", Value: until},
		{Key: "updated_at", Value: now},
	}
	ok, err := s.cas(ctx, m, set, 1)
	if err != nil || !ok {
		return ok, err
	}

	m.Status, m.NextAttemptAt, m.UpdatedAt = StatusSending, until, now
	m.Attempts++

	return true, nil
}

// cas applies set to m when its version is still m.Version, adding inc to
// its attempts, and bumps m.Version when it did.
func (s *Service) cas(ctx context.Context, m *Message, set bson.D, inc int) (bool, error) {
	filter := bson.D{{Key: "_id", Value: m.ID}, {Key: "version", Value: m.Version}}
	update := bson.D{
		{Key: "$set", Value: set},
		{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}, {Key: "attempts", Value: inc}}},
	}

	ok, err := s.messages(m.TenantID).UpdateOne(ctx, filter, update)
	if err != nil {
		return false, fmt.Errorf("updating outbox message %s: %w", m.ID, err)
	}
	if ok {
		m.Version++
	}

	return ok, nil
}

// send calls ch's Sender within the send timeout, turning a missing
// channel and a panicking Sender into retryable errors.
func (s *Service) send(ctx context.Context, ch *channel, m *Message) (id string, err error) {
	if ch == nil {
		return "", Retryable(fmt.Errorf("no channel configured: %s", m.Channel))
	}

	ctx, cancel := context.WithTimeout(ctx, s.cfg.SendTimeout)
	defer cancel()

	defer func() {
		if r := recover(); r != nil {
			id, err = "", Retryable(fmt.Errorf("channel %s panicked: %v", m.Channel, r))
		}
	}()

	return ch.sender.Send(ctx, m)
}

// postpone moves a message a limiter held back to at, without counting an
// attempt, and enqueues it for then.
func (s *Service) postpone(ctx context.Context, m *Message, at time.Time) error {
	status := m.Status
	if status == StatusSending {
		status = StatusPending
	}

	set := bson.D{
		{Key: "status", Value: status},
		{Key: "next_attempt_at", Value: at},
		{Key: "updated_at", Value: s.clock.Now()},
	}
	ok, err := s.cas(ctx, m, set, 0)
	if err != nil || !ok {
		return err
	}

	m.Status, m.NextAttemptAt = status, at
	s.log.DebugContext(ctx, "delivery postponed by rate limit",
		slog.String("message_id", m.ID), slog.Time("at", at))
	s.enqueue(ctx, m)

	return nil
}
