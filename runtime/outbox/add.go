package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// TaskDeliver is the Asynq task type of a delivery.
const TaskDeliver = "outbox:deliver"

// deliverPayload is the body of a delivery task.
type deliverPayload struct {
	TenantID  string `json:"tenant_id"`
	MessageID string `json:"message_id"`
}

// Add writes m to the tenant's outbox and enqueues its delivery. The
// caller sets what to send (Channel, Kind, Recipients, texts, Payload,
// RecordID, InstanceID, DedupeKey); the delivery state is the service's.
//
// When the tenant already has a message with m's dedupe key, Add returns
// that message and writes nothing. A queue that cannot be reached does not
// fail Add: the message is safe in MongoDB and the Sweeper enqueues it.
func (s *Service) Add(ctx context.Context, tenantID string, m Message) (*Message, error) {
	if err := validate(&m); err != nil {
		return nil, err
	}

	now := s.clock.Now()
	m.ID = s.ids.New()
	if m.DedupeKey == "" {
		m.DedupeKey = m.ID
	}
	m.Status, m.Attempts, m.NextAttemptAt = StatusPending, 0, now
	m.LastError, m.VendorID, m.DeliveredAt = "", "", nil
	m.Reached, m.Refused = nil, nil
	m.CreatedAt, m.UpdatedAt, m.Version = now, now, 1

	err := s.messages(tenantID).InsertOne(ctx, &m)
	if mongo.IsDuplicate(err) {
		return s.existing(ctx, tenantID, m.DedupeKey)
	}
	if err != nil {
		return nil, fmt.Errorf("adding outbox message: %w", err)
	}
	if indexed(&m) {
		s.indexTask(ctx, tenantID, &m)
	}

	s.enqueue(ctx, &m)

	return &m, nil
}

// existing returns the message with dedupe key key and makes sure a
// message still waiting is enqueued (a first Add may have died before).
func (s *Service) existing(ctx context.Context, tenantID, key string) (*Message, error) {
	var m Message
	err := s.messages(tenantID).FindOne(ctx, bson.D{{Key: "dedupe_key", Value: key}}, &m)
	if err != nil {
		return nil, fmt.Errorf("reading outbox message by dedupe key: %w", err)
	}

	if m.Status == StatusPending {
		s.enqueue(ctx, &m)
	}

	return &m, nil
}

// validate checks what the caller must give.
func validate(m *Message) error {
	var c problem.Collector
	if m.Channel == "" {
		c.Add("/channel", "required", nil)
	}
	if m.Kind == "" {
		c.Add("/kind", "required", nil)
	}

	return c.Err()
}

// enqueue schedules the delivery of m's current state at its next attempt.
// A failure is logged, not returned: the Sweeper enqueues the message later.
func (s *Service) enqueue(ctx context.Context, m *Message) {
	payload, err := json.Marshal(deliverPayload{TenantID: m.TenantID, MessageID: m.ID})
	if err != nil {
		s.log.ErrorContext(ctx, "encoding delivery task", slog.Any("err", err))
		return
	}

	opts := []asynq.Option{asynq.Queue(s.cfg.Queue), asynq.MaxRetry(5)}
	if wait := m.NextAttemptAt.Sub(s.clock.Now()); wait > 0 {
		// A delay rather than an instant: Asynq keeps its own wall clock,
		// which differs from an injected one.
		opts = append(opts, asynq.ProcessIn(wait))
	}

	task := asynq.NewTask(TaskDeliver, payload)
	if err := s.queue.Enqueue(ctx, task, m.taskID(), opts...); err != nil {
		s.log.WarnContext(ctx, "delivery not enqueued; the sweeper will retry",
			slog.String("tenant_id", m.TenantID), slog.String("message_id", m.ID),
			slog.Any("err", err))
	}
}

// lease is how long a claim lasts before another worker may take over.
func (s *Service) lease() time.Duration { return 2 * s.cfg.SendTimeout }
