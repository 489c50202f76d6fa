package designer

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

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

// syncKey records d's id, published version and status under its key,
// creating the key document when a crash left it missing. It runs after
// the definition's own write, which stays the truth.
func (s *Service) syncKey(ctx context.Context, p auth.Principal, d *Definition) error {
	id := keyID(p.TenantID, d.Kind, d.Key)
	matched, err := s.keys(p).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "definition_id", Value: d.ID},
			{Key: "published", Value: d.Published}, {Key: "status", Value: d.Status}}}})
	if err == nil && !matched {
		return s.insertKey(ctx, p, d)
	}
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
// definition of kind with key, or nil when there is none. It reads the key
// document alone, so that asking for a key nobody defined (a process
// naming the built-in calendar, say) costs one read by _id too, and that
// read is cached (see cachedKeys).
func (s *Service) Resolve(ctx context.Context, p auth.Principal, kind Kind,
	key string) (*KeyRef, error) {
	var ref KeyRef
	err := s.cachedKeys(p).FindByID(ctx, keyID(p.TenantID, kind, key), &ref)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("resolving %s %q: %w", kind, key, err)
	}
	return &ref, nil
}

// backfillKeys creates the key document of every definition that lacks
// one: a process that stopped between writing a definition and its key
// leaves such a definition behind. It runs at every start-up.
func (s *Service) backfillKeys(ctx context.Context) error {
	opts := options.Find().SetProjection(bson.D{{Key: "draft", Value: 0}})
	cur, err := s.store.DB.Collection(DefinitionsCollection).Find(ctx, bson.D{}, opts)
	if err != nil {
		return fmt.Errorf("listing definitions: %w", mongo.Classify(err))
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var d Definition
		if err := cur.Decode(&d); err != nil {
			return fmt.Errorf("reading a definition: %w", err)
		}
		p := auth.Principal{TenantID: d.TenantID}
		var ref KeyRef
		err := s.keys(p).FindByID(ctx, keyID(d.TenantID, d.Kind, d.Key), &ref)
		if errors.Is(err, mongo.ErrNotFound) {
			err = s.insertKey(ctx, p, &d)
		}
		if err != nil {
			return fmt.Errorf("restoring the key of %s %q: %w", d.Kind, d.Key, err)
		}
	}
	return mongo.Classify(cur.Err())
}
