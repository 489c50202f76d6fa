package designer

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
)

// KeysCollection maps each definition's key to its id and latest published
// version, so that the runtime resolves "the lead form" with one read by
// _id on every submission instead of a query on (kind, key), which the
// embedded store answers by scanning.
const KeysCollection = "definition_keys"

// KeyRef is what a definition's key resolves to.
type KeyRef struct {
	// ID is "<tenant>/<kind>/<key>".
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	DefinitionID   string `bson:"definition_id"`
	Published      int    `bson:"published"`
	Status         Status `bson:"status"`
}

func keyID(tenantID string, kind Kind, key string) string {
	return tenantID + "/" + string(kind) + "/" + key
}

func (s *Service) keys(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(KeysCollection)
}

// syncKey records d's id, published version and status under its key. It
// runs after the definition's own write, which stays the truth: Resolve
// falls back to the definitions when a key document is missing.
func (s *Service) syncKey(ctx context.Context, p auth.Principal, d *Definition) error {
	id := keyID(p.TenantID, d.Kind, d.Key)
	_, err := s.keys(p).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "definition_id", Value: d.ID},
			{Key: "published", Value: d.Published}, {Key: "status", Value: d.Status}}}})
	if err != nil {
		return fmt.Errorf("indexing %s %q: %w", d.Kind, d.Key, err)
	}
	return nil
}

// insertKey creates d's key document.
func (s *Service) insertKey(ctx context.Context, p auth.Principal, d *Definition) error {
	ref := &KeyRef{ID: keyID(p.TenantID, d.Kind, d.Key), DefinitionID: d.ID,
		Published: d.Published, Status: d.Status}
	err := s.keys(p).InsertOne(ctx, ref)
	if mongo.IsDuplicate(err) {
		return s.syncKey(ctx, p, d)
	}
	return err
}

// Resolve returns the id, latest published version and status of the
// definition of kind with key, or nil when there is none.
func (s *Service) Resolve(ctx context.Context, p auth.Principal, kind Kind,
	key string) (*KeyRef, error) {
	var ref KeyRef
	err := s.keys(p).FindByID(ctx, keyID(p.TenantID, kind, key), &ref)
	if err == nil {
		return &ref, nil
	}
	if !errors.Is(err, mongo.ErrNotFound) {
		return nil, fmt.Errorf("resolving %s %q: %w", kind, key, err)
	}

	d, err := s.ByKey(ctx, p, kind, key)
	if err != nil || d == nil {
		return nil, err
	}
	return &KeyRef{ID: keyID(p.TenantID, kind, key), DefinitionID: d.ID,
		Published: d.Published, Status: d.Status}, nil
}
