package outbox

import (
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/problem"
)

// Page sizes of List.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Query selects deliveries for List. Empty fields do not filter.
type Query struct {
	RecordID string
	Status   Status
	Channel  string
	// Cursor is the last id of the previous page; empty for the first.
	Cursor string
	// Limit is the page size, 1 to 200; zero means 50.
	Limit int
}

// Delivery is one message as GET /api/v1/deliveries shows it.
type Delivery struct {
	ID          string     `json:"id"`
	Channel     string     `json:"channel"`
	Kind        Kind       `json:"kind"`
	Recipients  []string   `json:"recipients"`
	Status      Status     `json:"status"`
	Attempts    int        `json:"attempts"`
	LastError   string     `json:"last_error,omitempty"`
	RecordID    string     `json:"record_id,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	DeliveredAt *time.Time `json:"delivered_at,omitempty"`
	// IncidentID names the incident raised when the delivery died.
	IncidentID string `json:"incident_id,omitempty"`
	// RefusedRecipients failed for good while the rest were delivered to
	// (e.g. people outside a WeCom app's visible range).
	RefusedRecipients []RefusedRecipient `json:"refused_recipients,omitempty"`
	// VendorID is the vendor's id of the message once a channel accepted it;
	// for a message sent in parts, the parts' ids joined by commas.
	VendorID string `json:"vendor_id,omitempty"`
}

// DeliveryOf returns the list view of m.
func DeliveryOf(m *Message) Delivery {
	recipients := m.Recipients
	if recipients == nil {
		recipients = []string{}
	}

	return Delivery{
		ID: m.ID, Channel: m.Channel, Kind: m.Kind, Recipients: recipients,
		Status: m.Status, Attempts: m.Attempts, LastError: m.LastError,
		RecordID: m.RecordID, CreatedAt: m.CreatedAt, DeliveredAt: m.DeliveredAt,
		IncidentID: m.IncidentID, RefusedRecipients: refusedView(m.Refused),
		VendorID: m.VendorID,
	}
}

// DeliveryPage is one page of List.
type DeliveryPage struct {
	Items []Delivery `json:"items"`
	// NextCursor is the last id of this page when there are more; empty on
	// the last page.
	NextCursor string `json:"next_cursor,omitempty"`
}

// List returns the tenant's deliveries matching q, newest first.
func (s *Service) List(ctx context.Context, p auth.Principal, q Query) (*DeliveryPage, error) {
	filter, err := q.filter()
	if err != nil {
		return nil, err
	}

	limit := q.limit()
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(limit + 1))
	var msgs []Message
	if err := s.messages(p.TenantID).FindAll(ctx, filter, &msgs, opts); err != nil {
		return nil, fmt.Errorf("listing deliveries: %w", err)
	}

	page := &DeliveryPage{Items: make([]Delivery, 0, min(len(msgs), limit))}
	for i := range msgs[:min(len(msgs), limit)] {
		page.Items = append(page.Items, DeliveryOf(&msgs[i]))
	}
	if len(msgs) > limit {
		page.NextCursor = msgs[limit-1].ID
	}

	return page, nil
}

// filter checks q and turns it into a store filter.
func (q Query) filter() (bson.D, error) {
	var c problem.Collector
	if q.Status != "" && !slices.Contains(Statuses, q.Status) {
		c.AddField(fieldError("/status", "invalid_status", "outbox.invalid_status"))
	}
	if q.Cursor != "" && !ids.Valid(q.Cursor) {
		return nil, problem.New(problem.BadRequest, "request.invalid_cursor", nil)
	}
	if q.Limit < 0 || q.Limit > MaxLimit {
		c.AddField(fieldError("/limit", "out_of_range", "outbox.invalid_limit"))
	}
	if err := c.Err(); err != nil {
		return nil, err
	}

	f := bson.D{}
	for _, kv := range [][2]string{
		{"record_id", q.RecordID}, {"status", string(q.Status)}, {"channel", q.Channel},
	} {
		if kv[1] != "" {
			f = append(f, bson.E{Key: kv[0], Value: kv[1]})
		}
	}
	if q.Cursor != "" {
		f = append(f, bson.E{Key: "_id", Value: bson.D{{Key: "$lt", Value: q.Cursor}}})
	}

	return f, nil
}

// limit returns the page size.
func (q Query) limit() int {
	if q.Limit == 0 {
		return DefaultLimit
	}

	return q.Limit
}
