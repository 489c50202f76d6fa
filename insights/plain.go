package insights

import (
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
)

// usersCollection is where people are kept.
const usersCollection = auth.UsersCollection

// dayProjection reads only the day of rollup documents.
func dayProjection() *options.FindOptionsBuilder {
	return options.Find().SetProjection(bson.D{{Key: "day", Value: 1}})
}

// figuresProjection leaves the marks and recent ids out of rollup
// documents.
func figuresProjection() *options.FindOptionsBuilder {
	return options.Find().SetProjection(bson.D{{Key: "r", Value: 0}, {Key: "a", Value: 0}})
}
