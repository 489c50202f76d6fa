package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// LoginFailuresCollection counts failed sign-ins per address. It is kept
// per sign-in address, not per account, and for addresses that have no
// account just as for those that have one: a lockout that only known
// accounts could reach would tell a stranger which addresses are known.
// Documents are read and written by _id only.
const LoginFailuresCollection = "login_failures"

// loginFailures is the count of failed sign-ins in a row of one address.
// It carries no tenant: an address is not yet known to belong to one.
type loginFailures struct {
	// ID is the hex SHA-256 of the normalised address, so the collection
	// holds no address in clear.
	ID          string     `bson:"_id"`
	Failed      int        `bson:"failed"`
	LockedUntil *time.Time `bson:"locked_until,omitempty"`
	UpdatedAt   time.Time  `bson:"updated_at"`
}

// failureKey is the document id of a normalised address's failures.
func failureKey(email string) string {
	sum := sha256.Sum256([]byte(email))
	return hex.EncodeToString(sum[:])
}

// failuresOf reads the failures of an address; a zero count when none.
func (s *Accounts) failuresOf(ctx context.Context, key string) (*loginFailures, error) {
	f := loginFailures{ID: key}
	err := mongo.Classify(s.store.Unscoped(LoginFailuresCollection).
		FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&f))
	if err != nil && !errors.Is(err, mongo.ErrNotFound) {
		return nil, fmt.Errorf("reading failed sign-ins: %w", err)
	}
	return &f, nil
}

// lockedError is the refusal of a locked address, or nil when f is not
// locked at now. It reads alike for every address.
func lockedError(f *loginFailures, now time.Time) error {
	if f.LockedUntil == nil || !now.Before(*f.LockedUntil) {
		return nil
	}
	left := f.LockedUntil.Sub(now)
	e := problem.New(problem.RateLimited, "auth.locked",
		i18n.Params{"minutes": int(math.Ceil(left.Minutes()))})
	e.RetryAfter = left
	return e
}

// countFailure adds one failed sign-in to the address with one update
// (an upsert), and locks it when the count reaches the threshold. It
// reports whether this failure locked the address.
func (s *Accounts) countFailure(ctx context.Context, key string) (*loginFailures, bool, error) {
	coll := s.store.Unscoped(LoginFailuresCollection)
	var after loginFailures
	err := coll.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: key}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "failed", Value: 1}}},
			{Key: "$set", Value: bson.D{{Key: "updated_at", Value: s.now()}}}},
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).
		Decode(&after)
	if err != nil {
		return nil, false, fmt.Errorf("recording failed sign-in: %w", mongo.Classify(err))
	}
	if after.Failed < s.cfg.LockoutThreshold {
		return &after, false, nil
	}

	until := s.now().Add(s.cfg.LockoutDuration)
	_, err = coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: key}}, bson.D{{Key: "$set",
		Value: bson.D{{Key: "locked_until", Value: until}, {Key: "failed", Value: 0}}}})
	if err != nil {
		return nil, false, fmt.Errorf("locking sign-in address: %w", mongo.Classify(err))
	}
	after.LockedUntil = &until
	return &after, true, nil
}

// clearFailures forgets an address's failed sign-ins and lifts its lock,
// after a successful sign-in or a password reset.
func (s *Accounts) clearFailures(ctx context.Context, email string) {
	_, err := s.store.Unscoped(LoginFailuresCollection).DeleteOne(ctx,
		bson.D{{Key: "_id", Value: failureKey(email)}})
	if err != nil {
		s.log.WarnContext(ctx, "clearing failed sign-ins", "err", err)
	}
}
