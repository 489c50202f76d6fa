package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// TokenInput creates an API token for an integration.
type TokenInput struct {
	// Name says what the token is for, e.g. "call-center sync".
	Name string `json:"name"`
	// ExpiresAt, when set, ends the token's validity; it must be in the future.
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

// IssuedToken is a new API token with its secret, shown only once.
type IssuedToken struct {
	Token  *Token
	Secret string
}

func (s *Accounts) tokens(p Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(TokensCollection)
}

// CreateToken issues an API token that acts as the principal.
func (s *Accounts) CreateToken(ctx context.Context, p Principal, in TokenInput) (*IssuedToken, error) {
	var c problem.Collector
	checkText(&c, "/name", in.Name, true, maxNameLen)
	if in.ExpiresAt != nil && !in.ExpiresAt.After(s.now()) {
		c.Add("/expires_at", "in_past", nil)
	}
	if err := c.Err(); err != nil {
		return nil, err
	}

	secret := newSecret()
	tok := &Token{ID: s.ids.New(), UserID: p.UserID, Kind: APIToken, Name: in.Name,
		SecretHash: hashSecret(secret), CreatedAt: s.now(), ExpiresAt: in.ExpiresAt}
	if err := s.tokens(p).InsertOne(ctx, tok); err != nil {
		return nil, fmt.Errorf("creating token: %w", err)
	}
	return &IssuedToken{Token: tok, Secret: formatToken(tok.ID, secret)}, nil
}

// ListTokens returns the tenant's API tokens, newest first.
func (s *Accounts) ListTokens(ctx context.Context, p Principal) ([]Token, error) {
	var out []Token
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(500)
	err := s.tokens(p).FindAll(ctx, bson.D{{Key: "kind", Value: APIToken}}, &out, opts)
	if err != nil {
		return nil, fmt.Errorf("listing tokens: %w", err)
	}
	return out, nil
}

// RevokeToken ends an API token at once. Revoking twice is harmless.
func (s *Accounts) RevokeToken(ctx context.Context, p Principal, id string) error {
	if !ids.Valid(id) {
		return problem.NotFoundf("token.not_found")
	}
	var tok Token
	err := s.tokens(p).FindByID(ctx, id, &tok)
	if isNotFound(err) || (err == nil && tok.Kind != APIToken) {
		return problem.NotFoundf("token.not_found")
	}
	if err != nil {
		return fmt.Errorf("reading token: %w", err)
	}
	if tok.RevokedAt != nil {
		return nil
	}
	_, err = s.tokens(p).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "revoked_at", Value: s.now()}}}})
	if err != nil {
		return fmt.Errorf("revoking token: %w", err)
	}
	return nil
}

func isNotFound(err error) bool { return errors.Is(err, mongo.ErrNotFound) }

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"user.changed": {
			i18n.English: "Someone else changed this person meanwhile; reload and try again.",
			i18n.Chinese: "此人员信息已被他人修改，请刷新后重试。",
		},
	})
}
