package outbox

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// retryRoles may re-send a message by hand: the people who configure
// channels and the supervisors who watch deliveries.
var retryRoles = []auth.Role{auth.Owner, auth.Admin, auth.Implementer, auth.Supervisor}

// Retry sends a failed or dead message again now, with a fresh count of
// attempts. Only owners, admins, implementers and supervisors may; a
// message that is pending, sending or delivered is refused with Conflict.
func (s *Service) Retry(ctx context.Context, p auth.Principal, id string) (*Message, error) {
	mayRetry := func(r auth.Role) bool { return slices.Contains(retryRoles, r) }
	if !slices.ContainsFunc(p.Roles, mayRetry) {
		return nil, problem.New(problem.Forbidden, "outbox.retry_forbidden", nil)
	}

	m, err := s.find(ctx, p.TenantID, id)
	if err != nil {
		return nil, err
	}
	if m.Status != StatusFailed && m.Status != StatusDead {
		return nil, problem.New(problem.Conflict, "outbox.not_retriable",
			i18n.Params{"status": string(m.Status)})
	}

	now := s.clock.Now()
	set := bson.D{
		{Key: "status", Value: StatusPending}, {Key: "attempts", Value: 0},
		{Key: "next_attempt_at", Value: now}, {Key: "updated_at", Value: now},
	}
	if err := s.retryCAS(ctx, m, set); err != nil {
		return nil, err
	}

	m.Status, m.Attempts, m.NextAttemptAt, m.UpdatedAt = StatusPending, 0, now, now
	m.IncidentID = ""
	s.enqueue(ctx, m)

	return m, nil
}

// retryCAS applies a retry's fields under a compare-and-set on m's version
// and forgets the incident of its death: a new death raises a new one.
func (s *Service) retryCAS(ctx context.Context, m *Message, set bson.D) error {
	filter := bson.D{{Key: "_id", Value: m.ID}, {Key: "version", Value: m.Version}}
	update := bson.D{{Key: "$set", Value: set},
		{Key: "$unset", Value: bson.D{{Key: "incident_id", Value: ""}}},
		{Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}}

	ok, err := s.messages(m.TenantID).UpdateOne(ctx, filter, update)
	if err != nil {
		return fmt.Errorf("retrying outbox message %s: %w", m.ID, err)
	}
	if !ok {
		return problem.New(problem.Conflict, "outbox.changed_meanwhile", nil)
	}

	m.Version++

	return nil
}

// find reads a message for a person: a malformed id or one of another
// tenant answers NotFound.
func (s *Service) find(ctx context.Context, tenantID, id string) (*Message, error) {
	if !ids.Valid(id) {
		return nil, problem.NotFoundf("outbox.message_not_found")
	}

	m, err := s.load(ctx, tenantID, id)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, problem.NotFoundf("outbox.message_not_found")
	}
	if err != nil {
		return nil, err
	}

	return m, nil
}

// Get returns the tenant's message id.
func (s *Service) Get(ctx context.Context, p auth.Principal, id string) (*Message, error) {
	return s.find(ctx, p.TenantID, id)
}
