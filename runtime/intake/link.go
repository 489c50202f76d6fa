package intake

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/record"
)

// Collection holds the intake links of every tenant.
const Collection = "intake_links"

// Link statuses.
const (
	StatusActive  = "active"
	StatusRevoked = "revoked"
)

// Link is a public intake link of one form. Its id is the token in the
// public URL: 32 URL-safe characters from 24 random bytes.
type Link struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline"`
	// Form is the key of the form submissions go to.
	Form string `bson:"form" json:"form"`
	// Name says where the link is used ("Spring webinar page").
	Name string `bson:"name" json:"name"`
	// OwnerID owns the records that come in, until a process assigns them.
	OwnerID   string    `bson:"owner_id" json:"owner_id"`
	Status    string    `bson:"status" json:"status"`
	CreatedAt time.Time `bson:"created_at" json:"created_at"`
	CreatedBy string    `bson:"created_by" json:"created_by"`
}

// LinkInput creates a link.
type LinkInput struct {
	// Form is the key of a published form.
	Form string `json:"form"`
	// Name says where the link is used; optional.
	Name string `json:"name,omitempty"`
	// OwnerID is an active user of the tenant; empty means the caller.
	OwnerID string `json:"owner_id,omitempty"`
}

// Service manages and serves intake links.
type Service struct {
	store   *mongo.Store
	records *record.Service
	clock   clock.Clock
	limits  *limiter
	log     *slog.Logger
}

// New returns the intake service.
func New(store *mongo.Store, records *record.Service, clk clock.Clock, cfg Config,
	log *slog.Logger) *Service {
	return &Service{store: store, records: records, clock: clk, limits: newLimiter(cfg),
		log: log.With("component", "intake")}
}

// EnsureIndexes prepares the links collection (lookups are by _id only).
func (s *Service) EnsureIndexes(ctx context.Context) error {
	return s.store.EnsureCollection(ctx, Collection, nil)
}

func (s *Service) links(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(Collection)
}

// Create makes a link to a published form of p's tenant.
func (s *Service) Create(ctx context.Context, p auth.Principal, in LinkInput) (*Link, error) {
	if in.OwnerID == "" {
		in.OwnerID = p.UserID
	}
	if err := s.checkInput(ctx, p, in); err != nil {
		return nil, err
	}
	token, err := newToken()
	if err != nil {
		return nil, err
	}
	l := &Link{ID: token, Form: in.Form, Name: in.Name, OwnerID: in.OwnerID,
		Status: StatusActive, CreatedAt: s.clock.Now(), CreatedBy: p.UserID}
	if err := s.links(p.TenantID).InsertOne(ctx, l); err != nil {
		return nil, fmt.Errorf("storing intake link: %w", err)
	}
	return l, nil
}

// checkInput refuses a link to an unknown or unpublished form, or owned by
// someone who is not an active user, naming each field.
func (s *Service) checkInput(ctx context.Context, p auth.Principal, in LinkInput) error {
	var c problem.Collector
	if in.Form == "" {
		c.Add("/form", "required", nil)
	} else if _, err := s.records.LatestForm(ctx, p, in.Form); err != nil {
		pe, ok := problem.As(err)
		if !ok || pe.Kind != problem.Invalid {
			return err
		}
		for _, f := range pe.Fields {
			c.AddField(f)
		}
	}
	if len(in.Name) > 200 {
		c.Add("/name", "too_long", i18n.Params{"max": 200})
	}
	ok, err := s.records.UserActive(ctx, p, in.OwnerID)
	if err != nil {
		return err
	}
	if !ok {
		c.Add("/owner_id", "unknown_user", nil)
	}
	return c.Err()
}

// List returns the tenant's links, newest first.
func (s *Service) List(ctx context.Context, p auth.Principal) ([]Link, error) {
	out := []Link{}
	opts := options.Find().SetSort(bson.D{{Key: "created_at", Value: -1}}).SetLimit(500)
	if err := s.links(p.TenantID).FindAll(ctx, bson.D{}, &out, opts); err != nil {
		return nil, fmt.Errorf("listing intake links: %w", err)
	}
	return out, nil
}

// Revoke switches a link off; its URL answers "not found" from then on.
func (s *Service) Revoke(ctx context.Context, p auth.Principal, id string) error {
	ok, err := s.links(p.TenantID).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: StatusRevoked}}}})
	if err != nil {
		return fmt.Errorf("revoking intake link: %w", err)
	}
	if !ok {
		return problem.NotFoundf("intake.link_not_found")
	}
	return nil
}

// active returns the live link of token, from any tenant: the token is
// the permission.
func (s *Service) active(ctx context.Context, token string) (*Link, error) {
	var l Link
	err := s.store.DB.Collection(Collection).FindOne(ctx, bson.D{{Key: "_id", Value: token}}).
		Decode(&l)
	if errors.Is(mongo.Classify(err), mongo.ErrNotFound) ||
		(err == nil && l.Status != StatusActive) {
		return nil, problem.NotFoundf("intake.link_not_found")
	}
	if err != nil {
		return nil, fmt.Errorf("reading intake link: %w", mongo.Classify(err))
	}
	return &l, nil
}

func newToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("making an intake token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
