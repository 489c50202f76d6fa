package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v3"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// IdempotencyCollection keeps the answers of POSTs sent with an
// Idempotency-Key, so a client that retries after a lost answer gets the
// same answer instead of a second record.
const IdempotencyCollection = "idempotency_keys"

const (
	idempotencyHeader = "Idempotency-Key"
	idempotencyTTL    = 24 * time.Hour
	// abandonedAfter is when a "pending" key whose request never finished
	// (its process died) may be taken over by a retry.
	abandonedAfter = time.Minute
)

type idemRecord struct {
	ID          string    `bson:"_id"`
	TenantID    string    `bson:"tenant_id,omitempty"`
	RequestHash string    `bson:"request_hash"`
	Done        bool      `bson:"done"`
	Status      int       `bson:"status,omitempty"`
	ContentType string    `bson:"content_type,omitempty"`
	Body        []byte    `bson:"body,omitempty"`
	CreatedAt   time.Time `bson:"created_at"`
	ExpiresAt   time.Time `bson:"expires_at"`
}

// EnsureIndexes prepares the collections the HTTP layer owns.
func (s *Server) EnsureIndexes(ctx context.Context) error {
	return s.deps.Store.EnsureCollection(ctx, IdempotencyCollection, nil)
}

// idempotency replays the stored answer of a repeated POST. The first
// request with a key claims it by inserting a pending record (the unique
// _id is the lock); a successful answer is stored, a refusal releases the
// key so the client can fix the request and send it again.
func (s *Server) idempotency(c fiber.Ctx) error {
	key := c.Get(idempotencyHeader)
	if key == "" {
		return c.Next()
	}
	if !validIdemKey(key) {
		return problem.New(problem.BadRequest, "idempotency.invalid_key", nil)
	}
	rec := s.newIdemRecord(c, key)

	replayed, err := s.claimKey(c, rec)
	if err != nil || replayed {
		return err
	}

	if err := c.Next(); err != nil {
		s.releaseKey(c.Context(), rec.ID)
		return err
	}
	s.storeAnswer(c, rec.ID)
	return nil
}

func validIdemKey(k string) bool {
	if len(k) > 255 {
		return false
	}
	for i := range len(k) {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

func (s *Server) newIdemRecord(c fiber.Ctx, key string) *idemRecord {
	p := principalOf(c)
	scope := "ip:" + c.IP()
	if p.UserID != "" {
		scope = "user:" + p.TenantID + ":" + p.UserID
	}
	now := s.deps.Clock.Now()
	return &idemRecord{
		ID:          hashHex(scope, c.Method(), c.Route().Path, key),
		TenantID:    p.TenantID,
		RequestHash: hashHex(string(c.Body())),
		CreatedAt:   now,
		ExpiresAt:   now.Add(idempotencyTTL),
	}
}

// claimKey inserts the pending record, or answers from an earlier one.
func (s *Server) claimKey(c fiber.Ctx, rec *idemRecord) (replayed bool, err error) {
	keys := s.deps.Store.Unscoped(IdempotencyCollection) // keyed by a hash that includes the tenant
	for attempt := 0; attempt < 2; attempt++ {
		_, err := keys.InsertOne(c.Context(), rec)
		if err == nil {
			return false, nil
		}
		if !mongo.IsDuplicate(err) {
			return false, fmt.Errorf("claiming idempotency key: %w", mongo.Classify(err))
		}

		var prev idemRecord
		err = keys.FindOne(c.Context(), bson.D{{Key: "_id", Value: rec.ID}}).Decode(&prev)
		if err = mongo.Classify(err); errors.Is(err, mongo.ErrNotFound) {
			continue // released meanwhile; claim again
		} else if err != nil {
			return false, fmt.Errorf("reading idempotency key: %w", err)
		}
		if s.stale(&prev) {
			s.releaseKey(c.Context(), rec.ID)
			continue
		}
		return true, replay(c, &prev, rec.RequestHash)
	}
	return false, problem.New(problem.Conflict, "idempotency.in_progress", nil)
}

func (s *Server) stale(r *idemRecord) bool {
	now := s.deps.Clock.Now()
	return !now.Before(r.ExpiresAt) || (!r.Done && now.Sub(r.CreatedAt) > abandonedAfter)
}

func replay(c fiber.Ctx, prev *idemRecord, requestHash string) error {
	switch {
	case prev.RequestHash != requestHash:
		return problem.New(problem.Invalid, "idempotency.mismatch", nil)
	case !prev.Done:
		e := problem.New(problem.Conflict, "idempotency.in_progress", nil)
		e.RetryAfter = time.Second
		return e
	}
	c.Set("Idempotent-Replayed", "true")
	c.Set(fiber.HeaderContentType, prev.ContentType)
	return c.Status(prev.Status).Send(prev.Body)
}

func (s *Server) storeAnswer(c fiber.Ctx, id string) {
	status := c.Response().StatusCode()
	if status < 200 || status >= 300 {
		s.releaseKey(c.Context(), id)
		return
	}
	set := bson.D{{Key: "done", Value: true}, {Key: "status", Value: status},
		{Key: "content_type", Value: string(c.Response().Header.ContentType())},
		{Key: "body", Value: append([]byte(nil), c.Response().Body()...)}}
	_, err := s.deps.Store.Unscoped(IdempotencyCollection).UpdateOne(c.Context(),
		bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: set}})
	if err != nil {
		s.log.WarnContext(c.Context(), "storing idempotent answer", "err", err)
	}
}

func (s *Server) releaseKey(ctx context.Context, id string) {
	_, err := s.deps.Store.Unscoped(IdempotencyCollection).DeleteOne(ctx,
		bson.D{{Key: "_id", Value: id}})
	if err != nil {
		s.log.WarnContext(ctx, "releasing idempotency key", "err", err)
	}
}

func hashHex(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
