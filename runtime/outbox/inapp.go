package outbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// NotificationsCollection is the collection of in-app notifications.
const NotificationsCollection = "notifications"

// Notification is one in-app message for one person.
type Notification struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline" json:"-"`

	UserID    string     `bson:"user_id" json:"user_id"`
	MessageID string     `bson:"message_id" json:"message_id"`
	Title     Text       `bson:"title,omitempty" json:"title,omitempty"`
	Body      Text       `bson:"body,omitempty" json:"body,omitempty"`
	Markdown  bool       `bson:"markdown,omitempty" json:"markdown,omitempty"`
	Link      string     `bson:"link,omitempty" json:"link,omitempty"`
	RecordID  string     `bson:"record_id,omitempty" json:"record_id,omitempty"`
	CreatedAt time.Time  `bson:"created_at" json:"created_at"`
	ReadAt    *time.Time `bson:"read_at,omitempty" json:"read_at,omitempty"`
}

// InApp is the built-in in_app channel: delivering a message writes one
// notification per recipient user id, which the web app lists.
type InApp struct {
	store *mongo.Store
	clock clock.Clock
	ids   *ids.Generator
}

var _ Sender = (*InApp)(nil)

func newInApp(store *mongo.Store, clk clock.Clock, gen *ids.Generator) *InApp {
	return &InApp{store: store, clock: clk, ids: gen}
}

func (a *InApp) notes(tenantID string) mongo.Coll {
	return a.store.Scope(tenantID).C(NotificationsCollection)
}

// Send writes a notification for each recipient. A recipient who already
// has this message's notification (a retried delivery) keeps the one they
// have. A message without recipients fails permanently.
func (a *InApp) Send(ctx context.Context, m *Message) (string, error) {
	if len(m.Recipients) == 0 {
		return "", Permanent(errors.New("in-app message has no recipients"))
	}

	now := a.clock.Now()
	for _, user := range m.Recipients {
		n := Notification{
			ID: a.ids.New(), UserID: user, MessageID: m.ID, Title: m.Title, Body: m.Body,
			Markdown: m.Markdown, Link: m.Link, RecordID: m.RecordID, CreatedAt: now,
		}
		err := a.notes(m.TenantID).InsertOne(ctx, &n)
		if err != nil && !mongo.IsDuplicate(err) {
			return "", Retryable(fmt.Errorf("writing notification for %s: %w", user, err))
		}
	}

	return "", nil
}

// NotificationQuery selects a person's notifications.
type NotificationQuery struct {
	// UnreadOnly leaves out the notifications already read.
	UnreadOnly bool
	// Cursor is the last id of the previous page; empty for the first.
	Cursor string
	// Limit is the page size, 1 to 200; zero means 50.
	Limit int
}

// NotificationPage is one page of a person's notifications.
type NotificationPage struct {
	Items []Notification `json:"items"`
	// NextCursor is the last id of this page when there are more.
	NextCursor string `json:"next_cursor,omitempty"`
}

// List returns the principal's own notifications, newest first.
func (a *InApp) List(ctx context.Context, p auth.Principal,
	q NotificationQuery) (*NotificationPage, error) {
	filter, err := q.filter(p.UserID)
	if err != nil {
		return nil, err
	}

	limit := Query{Limit: q.Limit}.limit()
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(limit + 1))
	var out []Notification
	if err := a.notes(p.TenantID).FindAll(ctx, filter, &out, opts); err != nil {
		return nil, fmt.Errorf("listing notifications: %w", err)
	}

	page := &NotificationPage{Items: out[:min(len(out), limit)]}
	if len(out) > limit {
		page.NextCursor = out[limit-1].ID
	}

	return page, nil
}

// filter checks q and turns it into a store filter for user.
func (q NotificationQuery) filter(user string) (bson.D, error) {
	if _, err := (Query{Cursor: q.Cursor, Limit: q.Limit}).filter(); err != nil {
		return nil, err
	}

	f := bson.D{{Key: "user_id", Value: user}}
	if q.UnreadOnly {
		f = append(f, bson.E{Key: "read_at", Value: bson.D{{Key: "$exists", Value: false}}})
	}
	if q.Cursor != "" {
		f = append(f, bson.E{Key: "_id", Value: bson.D{{Key: "$lt", Value: q.Cursor}}})
	}

	return f, nil
}

// Unread counts the principal's unread notifications.
func (a *InApp) Unread(ctx context.Context, p auth.Principal) (int64, error) {
	filter := bson.D{
		{Key: "user_id", Value: p.UserID},
		{Key: "read_at", Value: bson.D{{Key: "$exists", Value: false}}},
	}

	n, err := a.notes(p.TenantID).Count(ctx, filter)
	if err != nil {
		return 0, fmt.Errorf("counting unread notifications: %w", err)
	}

	return n, nil
}

// MarkRead marks the principal's notification id as read; marking it
// again keeps the first time. Someone else's notification answers
// NotFound.
func (a *InApp) MarkRead(ctx context.Context, p auth.Principal, id string) (*Notification, error) {
	var n Notification
	err := a.notes(p.TenantID).FindByID(ctx, id, &n)
	if errors.Is(err, mongo.ErrNotFound) || (err == nil && n.UserID != p.UserID) {
		return nil, problem.NotFoundf("outbox.notification_not_found")
	}
	if err != nil {
		return nil, fmt.Errorf("reading notification %s: %w", id, err)
	}
	if n.ReadAt != nil {
		return &n, nil
	}

	now := a.clock.Now()
	filter := bson.D{{Key: "_id", Value: id}, {Key: "user_id", Value: p.UserID}}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "read_at", Value: now}}}}
	if _, err := a.notes(p.TenantID).UpdateOne(ctx, filter, update); err != nil {
		return nil, fmt.Errorf("marking notification %s read: %w", id, err)
	}
	n.ReadAt = &now

	return &n, nil
}
