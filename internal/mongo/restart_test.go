package mongo_test

import (
	"context"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
)

// TestEnsureCollectionAcrossRestarts re-creates several existing indexes
// of one collection after a restart, as every start-up does.
func TestEnsureCollectionAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	idx := []driver.IndexModel{
		{Keys: bson.D{{Key: "email", Value: 1}}, Options: options.Index().SetUnique(true).SetName("email_unique")},
		{Keys: bson.D{{Key: "tenant_id", Value: 1}}, Options: options.Index().SetName("tenant_id")},
	}
	for i := 0; i < 2; i++ {
		st, err := mongo.Open(ctx, mongo.Options{DataDir: dir}, testenv.Logger())
		if err != nil {
			t.Fatal(err)
		}
		if err := st.EnsureCollection(ctx, "users", idx); err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
		if err := st.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
}
