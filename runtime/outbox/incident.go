package outbox

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// IncidentsCollection is the collection of outbox incidents.
const IncidentsCollection = "outbox_incidents"

// incidentKeyPrefix starts the dedupe key of the in-app notice that tells
// admins about an incident. A notice that dies raises no incident of its
// own, so a broken in-app channel cannot feed on itself.
const incidentKeyPrefix = "incident:"

// noIncident is the IncidentID of a dead incident notice: marked, so that
// sweeps stop looking at it, but without an incident of its own.
const noIncident = "none"

// incidentRoles are told about incidents: the people who configure
// channels and can fix them.
var incidentRoles = []auth.Role{auth.Owner, auth.Admin}

// Incident records that a message died: its channel failed for good or
// too many times. It is raised once per death, shown to admins as an
// in-app notification, and the dead message points to it; nothing is
// dropped silently, and Retry sends the message again.
type Incident struct {
	// ID is "<message id>-<version at death>": raising it twice is harmless.
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline" json:"-"`

	MessageID string `bson:"message_id" json:"message_id"`
	Channel   string `bson:"channel" json:"channel"`
	Kind      Kind   `bson:"kind" json:"kind"`
	RecordID  string `bson:"record_id,omitempty" json:"record_id,omitempty"`
	// Attempts is how many deliveries were tried.
	Attempts int `bson:"attempts" json:"attempts"`
	// Reason is the message's last error.
	Reason string `bson:"reason" json:"reason"`
	// Notified are the users the in-app notice went to.
	Notified  []string  `bson:"notified" json:"notified"`
	CreatedAt time.Time `bson:"created_at" json:"created_at"`
}

// isIncidentNotice reports whether m tells admins about an incident.
func (m *Message) isIncidentNotice() bool {
	return strings.HasPrefix(m.DedupeKey, incidentKeyPrefix)
}

// raiseIncident records the death of m, tells the tenant's owners and
// admins in the app and marks m with the incident. Each step is
// idempotent, and a sweep raises the incident of a dead message left
// unmarked by a crash, so every death is told once.
func (s *Service) raiseIncident(ctx context.Context, m *Message) error {
	if m.isIncidentNotice() {
		s.log.ErrorContext(ctx, "incident notice could not be delivered",
			slog.String("tenant_id", m.TenantID), slog.String("message_id", m.ID))
		return s.markIncident(ctx, m, noIncident)
	}

	admins, err := s.incidentRecipients(ctx, m.TenantID)
	if err != nil {
		return err
	}
	inc := s.newIncident(m, admins)
	err = s.store.Scope(m.TenantID).C(IncidentsCollection).InsertOne(ctx, inc)
	if err != nil && !mongo.IsDuplicate(err) {
		return fmt.Errorf("raising outbox incident: %w", err)
	}

	if err := s.notifyIncident(ctx, m, inc); err != nil {
		return err
	}
	s.log.ErrorContext(ctx, "outbox incident raised", slog.String("tenant_id", m.TenantID),
		slog.String("message_id", m.ID), slog.String("incident_id", inc.ID),
		slog.String("channel", m.Channel), slog.Int("attempts", m.Attempts),
		slog.Int("notified", len(admins)))

	return s.markIncident(ctx, m, inc.ID)
}

func (s *Service) newIncident(m *Message, admins []string) *Incident {
	inc := &Incident{
		ID:        m.ID + "-" + strconv.FormatInt(m.Version, 10),
		MessageID: m.ID, Channel: m.Channel, Kind: m.Kind, RecordID: m.RecordID,
		Attempts: m.Attempts, Reason: m.LastError, Notified: admins,
		CreatedAt: s.clock.Now(),
	}
	inc.TenantID = m.TenantID

	return inc
}

// notifyIncident adds the in-app notice of inc for the admins it names.
// Its dedupe key makes a second call return the first notice.
func (s *Service) notifyIncident(ctx context.Context, m *Message, inc *Incident) error {
	if len(inc.Notified) == 0 {
		s.log.ErrorContext(ctx, "outbox incident has nobody to tell",
			slog.String("tenant_id", m.TenantID), slog.String("incident_id", inc.ID))
		return nil
	}

	params := i18n.Params{"channel": m.Channel, "attempts": m.Attempts, "reason": m.LastError}
	title, body := Text{}, Text{}
	for _, l := range i18n.Locales {
		title[l] = i18n.T(l, "outbox.incident_title", params)
		body[l] = i18n.T(l, "outbox.incident_body", params)
	}

	_, err := s.Add(ctx, m.TenantID, Message{
		DedupeKey: incidentKeyPrefix + inc.ID, Channel: ChannelInApp, Kind: KindNotify,
		Recipients: inc.Notified, Title: title, Body: body, RecordID: m.RecordID,
		Link:    "/deliveries/" + m.ID,
		Payload: map[string]any{"incident_id": inc.ID, "message_id": m.ID},
	})
	if err != nil {
		return fmt.Errorf("notifying outbox incident: %w", err)
	}

	return nil
}

// markIncident stores the incident id on the dead m unless m changed
// meanwhile (retried by hand: its next death raises its own incident).
func (s *Service) markIncident(ctx context.Context, m *Message, id string) error {
	filter := bson.D{{Key: "_id", Value: m.ID}, {Key: "version", Value: m.Version}}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "incident_id", Value: id}}}}
	if _, err := s.messages(m.TenantID).UpdateOne(ctx, filter, update); err != nil {
		return fmt.Errorf("marking outbox message %s with its incident: %w", m.ID, err)
	}
	m.IncidentID = id

	return nil
}

// incidentRecipients returns the ids of the tenant's active owners and
// admins.
func (s *Service) incidentRecipients(ctx context.Context, tenantID string) ([]string, error) {
	filter := bson.D{
		{Key: "roles", Value: bson.D{{Key: "$in", Value: incidentRoles}}},
		{Key: "disabled", Value: bson.D{{Key: "$ne", Value: true}}},
	}
	opts := options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}).
		SetSort(bson.D{{Key: "_id", Value: 1}})
	var users []struct {
		ID string `bson:"_id"`
	}
	err := s.store.Scope(tenantID).C(auth.UsersCollection).FindAll(ctx, filter, &users, opts)
	if err != nil {
		return nil, fmt.Errorf("finding admins to tell of an incident: %w", err)
	}

	out := make([]string, 0, len(users))
	for _, u := range users {
		out = append(out, u.ID)
	}

	return out, nil
}

// Incidents returns the tenant's incidents, newest first, at most limit
// (1 to 200; zero means 50). Only the roles that may resend messages may
// read them.
func (s *Service) Incidents(ctx context.Context, p auth.Principal, limit int) ([]Incident,
	error) {
	mayRead := func(r auth.Role) bool { return slices.Contains(retryRoles, r) }
	if !slices.ContainsFunc(p.Roles, mayRead) {
		return nil, problem.New(problem.Forbidden, "outbox.retry_forbidden", nil)
	}
	if limit < 0 || limit > MaxLimit {
		return nil, problem.Fields(fieldError("/limit", "out_of_range", "outbox.invalid_limit"))
	}

	newest := bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: -1}}
	opts := options.Find().SetSort(newest).SetLimit(int64(Query{Limit: limit}.limit()))
	out := []Incident{}
	err := s.store.Scope(p.TenantID).C(IncidentsCollection).FindAll(ctx, bson.D{}, &out, opts)
	if err != nil {
		return nil, fmt.Errorf("listing outbox incidents: %w", err)
	}

	return out, nil
}
