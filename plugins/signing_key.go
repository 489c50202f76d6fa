package plugins

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// SigningKeysCollection holds each tenant's webhook signing key: the key
// call_action steps sign their POSTs to bare webhook URLs with.
const SigningKeysCollection = "signing_keys"

// RotationOverlap is how long a replaced signing secret keeps signing, as
// a second signature, so receivers can switch without losing a delivery.
// Outgoing webhook instances rotate with the same overlap.
const RotationOverlap = 24 * time.Hour

// signingKeyBytes is the length of a generated signing key.
const signingKeyBytes = 32

// signingKey is a tenant's webhook signing key; secrets are sealed.
type signingKey struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`

	Secret        string    `bson:"secret"`
	Previous      string    `bson:"previous,omitempty"`
	PreviousUntil time.Time `bson:"previous_until,omitzero"`
	RotatedAt     time.Time `bson:"rotated_at"`
	Version       int64     `bson:"version"`
}

// SigningKeyView is the tenant's webhook signing key as its owners and
// admins read it, to configure the receivers of call_action webhooks.
type SigningKeyView struct {
	// Secret signs every call ("whsec_" and base64, the Standard Webhooks
	// form).
	Secret string `json:"secret"`
	// PreviousSecret, for RotationOverlap after a rotation, signs every
	// call too, as a second signature.
	PreviousSecret string `json:"previous_secret,omitempty"`
	// PreviousUntil is when PreviousSecret stops signing.
	PreviousUntil *time.Time `json:"previous_until,omitempty"`
	// RotatedAt is when Secret was made.
	RotatedAt time.Time `json:"rotated_at"`
	// Version grows by one with every rotation.
	Version int64 `json:"version"`
}

// SigningKeys are the keys one call is signed with: the current one and,
// during a rotation's overlap, the previous one.
type SigningKeys struct {
	Current  string
	Previous string
}

// signingKeyID is the document id of the tenant's key.
func signingKeyID(tenantID string) string { return tenantID + "/webhook" }

// mayReadSigningKey reports whether p may read and rotate the key: it is
// a credential, so the people who manage API tokens.
func mayReadSigningKey(p auth.Principal) bool {
	return p.Can(auth.ManageTokens) || p.Can(auth.ManageTenant)
}

// SigningKey returns the tenant's webhook signing key, making it on first
// use. Only owners and admins may read it.
func (s *Service) SigningKey(ctx context.Context, p auth.Principal) (*SigningKeyView, error) {
	if !mayReadSigningKey(p) {
		return nil, problem.New(problem.Forbidden, "plugins.signing_key_forbidden", nil)
	}

	k, err := s.signingKey(ctx, p.TenantID)
	if err != nil {
		return nil, err
	}

	return s.viewKey(k)
}

// RotateSigningKey replaces the tenant's signing key by a new one; the
// replaced key keeps signing, as a second signature, for RotationOverlap.
// A rotation meanwhile by someone else is a Conflict.
func (s *Service) RotateSigningKey(ctx context.Context, p auth.Principal) (*SigningKeyView,
	error) {
	if !mayReadSigningKey(p) {
		return nil, problem.New(problem.Forbidden, "plugins.signing_key_forbidden", nil)
	}

	k, err := s.signingKey(ctx, p.TenantID)
	if err != nil {
		return nil, err
	}
	next, err := s.rotated(k)
	if err != nil {
		return nil, err
	}
	if err := s.replaceKey(ctx, k, next); err != nil {
		return nil, err
	}

	return s.viewKey(next)
}

// WebhookKeys returns the secrets a call of the tenant is signed with,
// making the key on first use. Errors are outbox-classified.
func (s *Service) WebhookKeys(ctx context.Context, tenantID string) (SigningKeys, error) {
	k, err := s.signingKey(ctx, tenantID)
	if pe, ok := problem.As(err); ok {
		return SigningKeys{}, outbox.Permanent(errors.New(problemText(pe)))
	}
	if err != nil {
		return SigningKeys{}, outbox.Retryable(err)
	}

	v, err := s.viewKey(k)
	if err != nil {
		return SigningKeys{}, outbox.Permanent(err)
	}
	keys := SigningKeys{Current: v.Secret}
	if v.PreviousSecret != "" && s.clock.Now().Before(*v.PreviousUntil) {
		keys.Previous = v.PreviousSecret
	}

	return keys, nil
}

// signingKey reads the tenant's key, making it when there is none.
func (s *Service) signingKey(ctx context.Context, tenantID string) (*signingKey, error) {
	coll := s.store.Scope(tenantID).C(SigningKeysCollection)
	var k signingKey
	err := coll.FindByID(ctx, signingKeyID(tenantID), &k)
	if err == nil {
		return &k, nil
	}
	if !errors.Is(err, mongo.ErrNotFound) {
		return nil, fmt.Errorf("reading the signing key: %w", err)
	}

	made, err := s.newKey(tenantID)
	if err != nil {
		return nil, err
	}
	err = coll.InsertOne(ctx, made)
	if mongo.IsDuplicate(err) { // made meanwhile by another call
		return s.signingKey(ctx, tenantID)
	}
	if err != nil {
		return nil, fmt.Errorf("storing the signing key: %w", err)
	}

	return made, nil
}

// newKey makes a first key for the tenant.
func (s *Service) newKey(tenantID string) (*signingKey, error) {
	sealed, err := s.sealNewSecret(tenantID)
	if err != nil {
		return nil, err
	}

	k := &signingKey{ID: signingKeyID(tenantID), Secret: sealed, RotatedAt: s.clock.Now(),
		Version: 1}
	k.TenantID = tenantID

	return k, nil
}

// rotated is k with a new secret and k's secret as the previous one.
func (s *Service) rotated(k *signingKey) (*signingKey, error) {
	sealed, err := s.sealNewSecret(k.TenantID)
	if err != nil {
		return nil, err
	}

	now := s.clock.Now()
	next := *k
	next.Secret, next.Previous, next.PreviousUntil = sealed, k.Secret, now.Add(RotationOverlap)
	next.RotatedAt, next.Version = now, k.Version+1

	return &next, nil
}

// replaceKey stores next in place of k, if k is still the stored version.
func (s *Service) replaceKey(ctx context.Context, k, next *signingKey) error {
	coll := s.store.Scope(k.TenantID).C(SigningKeysCollection)
	ok, err := coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: k.ID},
		{Key: "version", Value: k.Version}}, bson.D{{Key: "$set", Value: bson.D{
		{Key: "secret", Value: next.Secret}, {Key: "previous", Value: next.Previous},
		{Key: "previous_until", Value: next.PreviousUntil},
		{Key: "rotated_at", Value: next.RotatedAt}, {Key: "version", Value: next.Version}}}})
	if err != nil {
		return fmt.Errorf("rotating the signing key: %w", err)
	}
	if !ok {
		return problem.New(problem.Conflict, "plugins.signing_key_changed", nil)
	}

	return nil
}

// sealNewSecret makes a random "whsec_" secret and seals it.
func (s *Service) sealNewSecret(tenantID string) (string, error) {
	if !s.sealer.HasKey() {
		return "", problem.New(problem.Unavailable, "plugins.secret_key_missing", nil)
	}

	raw := make([]byte, signingKeyBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("making a signing key: %w", err)
	}
	secret := "whsec_" + base64.StdEncoding.EncodeToString(raw)

	return s.sealer.Seal(secret, signingContext(tenantID))
}

// signingContext binds a sealed signing secret to its tenant.
func signingContext(tenantID string) string { return "signing_key/" + tenantID }

// viewKey opens k's secrets.
func (s *Service) viewKey(k *signingKey) (*SigningKeyView, error) {
	secret, err := s.sealer.Open(k.Secret, signingContext(k.TenantID))
	if err != nil {
		return nil, fmt.Errorf("opening the signing key: %w", err)
	}

	v := &SigningKeyView{Secret: secret, RotatedAt: k.RotatedAt, Version: k.Version}
	if k.Previous != "" && s.clock.Now().Before(k.PreviousUntil) {
		if v.PreviousSecret, err = s.sealer.Open(k.Previous,
			signingContext(k.TenantID)); err != nil {
			return nil, fmt.Errorf("opening the previous signing key: %w", err)
		}
		until := k.PreviousUntil
		v.PreviousUntil = &until
	}

	return v, nil
}
