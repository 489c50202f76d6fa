package record

import (
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

// Collections of this package.
const (
	RecordsCollection    = "records"
	ActivitiesCollection = "activities"
)

// StageField is the data field whose value Record.Stage mirrors, so that
// lists can filter on it through an index.
const StageField = "stage"

// Record is one submission of a form, kept current by updates. Its JSON
// form is the view clients rely on: id, form, form_version, data, owner_id,
// stage, version, created_at, updated_at, last_activity_at.
type Record struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline" json:"-"`

	// Form is the key of the record's form; FormID its definition id.
	Form   string `bson:"form" json:"form"`
	FormID string `bson:"form_id" json:"-"`
	// FormVersion is the published version the data was validated against;
	// later publishes never change it (invariant 4).
	FormVersion int `bson:"form_version" json:"form_version"`
	// Data is the cleaned data returned by form validation.
	Data map[string]any `bson:"data" json:"data"`
	// OwnerID is the user responsible for the record.
	OwnerID string `bson:"owner_id" json:"owner_id"`
	// Stage mirrors Data["stage"] when it is a string, "" otherwise.
	Stage string `bson:"stage" json:"stage"`

	CreatedAt time.Time `bson:"created_at" json:"created_at"`
	CreatedBy string    `bson:"created_by" json:"-"`
	UpdatedAt time.Time `bson:"updated_at" json:"updated_at"`
	UpdatedBy string    `bson:"updated_by" json:"-"`
	// LastActivityAt is the time of the latest activity; it only moves
	// forward.
	LastActivityAt time.Time `bson:"last_activity_at" json:"last_activity_at"`

	// Version counts the changes of data, owner and deletion, for
	// optimistic concurrency. Activities do not change it, so logging a
	// call never makes someone's pending edit stale.
	Version int64 `bson:"version" json:"version"`

	Deleted   bool       `bson:"deleted" json:"-"`
	DeletedAt *time.Time `bson:"deleted_at,omitempty" json:"-"`

	// Import names the import job whose rows last wrote the record and
	// what each did (upsert_mark.go); nil for a record no import wrote.
	Import *ImportMark `bson:"import,omitempty" json:"-"`
}

// clone returns a copy of r that shares no map with it at the top level.
func (r *Record) clone() *Record {
	c := *r
	c.Data = make(map[string]any, len(r.Data))
	for k, v := range r.Data {
		c.Data[k] = v
	}

	return &c
}

// stageOf returns the stage mirrored from data.
func stageOf(data map[string]any) string {
	s, _ := data[StageField].(string)
	return s
}

// PlainData is plainData for packages that read record documents from the
// store themselves (rollup rebuilds and drill-downs).
func PlainData(m map[string]any) map[string]any { return plainData(m) }

// plainData turns what the driver decodes (bson.D, bson.M, bson.A) back
// into the JSON-shaped values validation produces, so records read from the
// store compare and re-validate like the ones just written.
func plainData(m map[string]any) map[string]any {
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
		return plainData(x)
	case map[string]any:
		return plainData(x)
	case bson.A:
		return plainList(x)
	case []any:
		return plainList(x)
	case bson.DateTime:
		return x.Time().UTC()
	default:
		return v
	}
}

func plainList(list []any) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = plainValue(v)
	}

	return out
}
