package insights

import (
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
)

// usersCollection is where people are kept.
const usersCollection = auth.UsersCollection

// plain turns what the driver decodes (bson.D, bson.A, dates) back into
// the JSON-shaped values records are validated as, so filters and
// dimensions read raw records as they read events.
func plain(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = plainValue(v)
	}
	return out
}

func plainValue(v any) any {
	switch x := v.(type) {
	case bson.D:
		m := make(map[string]any, len(x))
		for _, e := range x {
			m[e.Key] = plainValue(e.Value)
		}
		return m
	case bson.M:
		return plain(x)
	case map[string]any:
		return plain(x)
	case bson.A:
		return plainList(x)
	case []any:
		return plainList(x)
	case bson.DateTime:
		return x.Time().UTC()
	}
	return v
}

func plainList(list []any) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = plainValue(v)
	}
	return out
}

// dayProjection reads only the day of rollup documents.
func dayProjection() *options.FindOptionsBuilder {
	return options.Find().SetProjection(bson.D{{Key: "day", Value: 1}})
}

// figuresProjection leaves the marks and recent ids out of rollup
// documents.
func figuresProjection() *options.FindOptionsBuilder {
	return options.Find().SetProjection(bson.D{{Key: "r", Value: 0}, {Key: "a", Value: 0}})
}
