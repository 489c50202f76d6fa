package mongo

import (
	"context"
	"errors"

	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// InsertMany stamps every document with the scope's tenant and inserts
// them with one unordered command, so that one write costs one round trip
// however many documents it carries. Documents whose _id (or another
// unique key) is taken are skipped, not failed: their positions in docs
// come back in dup, which lets a caller whose ids are deterministic treat
// a repeated batch as done. Any other failure is returned as an error;
// the documents before and after a failed one may still have been
// written, each whole, since every document is written on its own.
func (c Coll) InsertMany(ctx context.Context, docs []TenantDoc) (dup []int, err error) {
	if len(docs) == 0 {
		return nil, nil
	}
	defer c.written()
	batch := make([]any, len(docs))
	for i, d := range docs {
		d.setTenant(c.tenant)
		batch[i] = d
	}

	_, err = c.c.InsertMany(ctx, batch, options.InsertMany().SetOrdered(false))
	return duplicates(err)
}

// duplicates splits an unordered insert's error into the positions of the
// documents refused as duplicates and any other failure.
func duplicates(err error) ([]int, error) {
	if err == nil {
		return nil, nil
	}
	var bulk driver.BulkWriteException
	if !errors.As(err, &bulk) || bulk.WriteConcernError != nil || len(bulk.WriteErrors) == 0 {
		return nil, Classify(err)
	}

	var dup []int
	for _, we := range bulk.WriteErrors {
		if !we.HasErrorCode(11000) {
			return dup, Classify(err)
		}
		dup = append(dup, we.Index)
	}
	return dup, nil
}
