package record

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
)

// AdoptKeys gives every live record of the form that carries a value for
// field, and was not stored by an upsert of that key, its entry in
// KeysCollection, so that upserts merge into records people submitted by
// hand. It reads the form's records once, streaming, and writes only for
// records not adopted before (an entry and a mark on the record); when two
// records share a value, the first one read keeps the key. It returns how
// many records it adopted.
func (s *Service) AdoptKeys(ctx context.Context, p auth.Principal, ref,
	field string) (int, error) {
	_, pin, err := s.latestForm(ctx, p, ref)
	if err != nil || !fieldName.MatchString(field) {
		return 0, err
	}
	filter := bson.D{{Key: "form", Value: pin.key}, {Key: "deleted", Value: false},
		{Key: "keyed", Value: bson.D{{Key: "$ne", Value: field}}}}
	opts := options.Find().SetProjection(bson.D{{Key: "data." + field, Value: 1}})

	cur, err := s.records(p).Find(ctx, filter, opts)
	if err != nil {
		return 0, fmt.Errorf("reading records to key: %w", err)
	}
	defer cur.Close(ctx)

	n := 0
	for cur.Next(ctx) {
		var r Record
		if err := cur.Decode(&r); err != nil {
			return n, fmt.Errorf("reading a record to key: %w", err)
		}
		adopted, err := s.adopt(ctx, p, pin.key, field, &r)
		if err != nil {
			return n, err
		}
		if adopted {
			n++
		}
	}
	return n, mongo.Classify(cur.Err())
}

// adopt writes r's key entry, unless another record holds the value, and
// marks r as keyed by field.
func (s *Service) adopt(ctx context.Context, p auth.Principal, formKey, field string,
	r *Record) (bool, error) {
	value, ok := KeyText(plainValue(r.Data[field]))
	if !ok || len(value) > maxKeyLen {
		return false, nil
	}

	k := &recordKey{ID: keyID(p.TenantID, formKey, field, value), Form: formKey,
		Field: field, Value: value, RecordID: r.ID}
	if err := s.keys(p).InsertOne(ctx, k); err != nil && !mongo.IsDuplicate(err) {
		return false, fmt.Errorf("keying record %s: %w", r.ID, err)
	}
	_, err := s.records(p).UpdateOne(ctx, bson.D{{Key: "_id", Value: r.ID}},
		bson.D{{Key: "$addToSet", Value: bson.D{{Key: "keyed", Value: field}}}})
	if err != nil {
		return false, fmt.Errorf("marking record %s keyed: %w", r.ID, err)
	}
	return true, nil
}
