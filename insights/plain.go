package insights

import (
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
)

// usersCollection is where people are kept.
const usersCollection = auth.UsersCollection

// monthProjection reads only the month of rollup documents.
func monthProjection() *options.FindOptionsBuilder {
	return options.Find().SetProjection(bson.D{{Key: "month", Value: 1}})
}

// figuresProjection leaves the recent event hashes out of rollup
// documents.
func figuresProjection() *options.FindOptionsBuilder {
	return options.Find().SetProjection(bson.D{{Key: "a", Value: 0}})
}
