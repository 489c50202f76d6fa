package outbox

import (
	"strconv"
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
)

// Collection is the collection of outbox messages.
const Collection = "outbox"

// Status is where a message is in its delivery.
type Status string

// The statuses of a message.
const (
	// StatusPending waits for its first (or a rescheduled) delivery.
	StatusPending Status = "pending"
	// StatusSending is claimed by a worker that is calling its channel.
	StatusSending Status = "sending"
	// StatusDelivered was accepted by its channel.
	StatusDelivered Status = "delivered"
	// StatusFailed failed and waits for its next attempt.
	StatusFailed Status = "failed"
	// StatusDead will not be tried again unless someone retries it by hand.
	StatusDead Status = "dead"
)

// Statuses lists every status.
var Statuses = []Status{StatusPending, StatusSending, StatusDelivered, StatusFailed, StatusDead}

// Kind says what a message asks its channel to do.
type Kind string

// The kinds of message the runtime emits.
const (
	// KindNotify tells people something.
	KindNotify Kind = "notify"
	// KindCallAction calls a plugin action or a webhook with Payload.
	KindCallAction Kind = "call_action"
	// KindCreateTicket opens a ticket in an external system.
	KindCreateTicket Kind = "create_ticket"
	// KindCreateRecord submits a new record that a process step computed.
	KindCreateRecord Kind = "create_record"
	// KindAwardPoints books points in a ledger.
	KindAwardPoints Kind = "award_points"
	// KindUpdateCards marks the cards sent for a task (TaskID) as done.
	KindUpdateCards Kind = "update_cards"
)

// The built-in channel kinds. A message's Channel is one of these or the
// key of a configured plugin instance ("wecom_sales").
const (
	ChannelInApp    = "in_app"
	ChannelWeCom    = "wecom"
	ChannelDingTalk = "dingtalk"
	ChannelFeishu   = "feishu"
	ChannelEmail    = "email"
	ChannelWebhook  = "webhook"
)

// Text is a text per locale.
type Text map[i18n.Locale]string

// Message is one side effect waiting for, or done with, its delivery.
type Message struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`

	// DedupeKey is unique per tenant: adding a message with a key already
	// used returns the existing message. Empty means the message's id.
	DedupeKey string `bson:"dedupe_key"`
	// Channel is a channel kind or a plugin instance key.
	Channel string `bson:"channel"`
	// Kind says what the channel is asked to do.
	Kind Kind `bson:"kind"`
	// Recipients are user ids and/or addresses, as the channel expects.
	Recipients []string `bson:"recipients"`
	// Title and Body are the text per locale.
	Title Text `bson:"title,omitempty"`
	Body  Text `bson:"body,omitempty"`
	// Markdown says that Body is Markdown rather than plain text.
	Markdown bool `bson:"markdown,omitempty"`
	// Link is where the message points to, e.g. a record's page.
	Link string `bson:"link,omitempty"`
	// Payload carries the data of actions, tickets, points and webhooks.
	Payload map[string]any `bson:"payload,omitempty"`
	// RecordID and InstanceID say which record and process instance the
	// message comes from, when any.
	RecordID   string `bson:"record_id,omitempty"`
	InstanceID string `bson:"instance_id,omitempty"`
	// TaskID is the task the message is about, if any: when the task is
	// done, the cards sent for it are found by it (see ByTask) and updated.
	TaskID string `bson:"task_id,omitempty"`

	// Status, Attempts, NextAttemptAt, LastError, VendorID and DeliveredAt
	// are the delivery state, set by the service only.
	Status   Status `bson:"status"`
	Attempts int    `bson:"attempts"`
	// NextAttemptAt is when the message is due: its first or next attempt,
	// or, while sending, when the claim's lease ends.
	NextAttemptAt time.Time `bson:"next_attempt_at"`
	LastError     string    `bson:"last_error,omitempty"`
	// VendorID is the vendor's id of the message; for a message sent in
	// parts, the parts' ids joined by commas (see JoinVendorIDs).
	VendorID string `bson:"vendor_id,omitempty"`
	// Reached and Refused are recipients settled by an attempt that
	// reported a PartialError: reached ones are not sent to again, refused
	// ones failed for good while the rest of the message went on.
	Reached     []string         `bson:"reached,omitempty"`
	Refused     []RecipientError `bson:"refused,omitempty"`
	DeliveredAt *time.Time       `bson:"delivered_at,omitempty"`
	// IncidentID names the Incident raised when the message died; empty
	// while it lives (and again after a retry by hand).
	IncidentID string `bson:"incident_id,omitempty"`

	CreatedAt time.Time `bson:"created_at"`
	UpdatedAt time.Time `bson:"updated_at"`
	// Version grows by one with every change of the document.
	Version int64 `bson:"version"`
}

// taskID is the Asynq task id of the message's current state: its id for
// the first delivery, "<id>-<version>" afterwards.
func (m *Message) taskID() string {
	if m.Version <= 1 {
		return m.ID
	}

	return m.ID + "-" + strconv.FormatInt(m.Version, 10)
}

// due reports whether the message should be tried at now, allowing slack
// for a queue that fires a little early.
func (m *Message) due(now time.Time, slack time.Duration) bool {
	switch m.Status {
	case StatusPending, StatusFailed, StatusSending:
		return !m.NextAttemptAt.After(now.Add(slack))
	}

	return false
}
