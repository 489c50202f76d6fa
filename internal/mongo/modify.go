package mongo

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Decide looks at the document Modify read and returns the equalities the
// update depends on (a version, a status) and the update itself; ok false
// leaves the document alone.
type Decide func() (cond bson.D, update any, ok bool)

// Modify reads document id of the scope's tenant into out, asks decide
// what to change and applies that as a conditional update, reporting
// whether it matched; ErrNotFound when there is no such document. It is a
// compare-and-set in the fewest round trips: on MongoDB a read and one
// update filtered by _id and cond, and on FerretDB (where UpdateOne would
// read the document again to check cond, see doc_lock.go) a read and an
// update by _id under the document's lock, taken before the read, so cond
// holds by construction. decide runs while that lock is held: it must not
// write to the store itself.
func (c Coll) Modify(ctx context.Context, id string, out any, decide Decide) (bool, error) {
	defer c.written()
	if c.locks != nil {
		defer c.locks.lock(c.c.Name(), id)()
	}
	if err := c.FindByID(ctx, id, out); err != nil {
		return false, err
	}
	cond, update, ok := decide()
	if !ok {
		return false, nil
	}

	filter := bson.D{{Key: "_id", Value: id}}
	if c.locks == nil {
		filter = c.scoped(append(filter, cond...))
	}
	res, err := c.c.UpdateOne(ctx, filter, update)
	if err != nil {
		return false, Classify(err)
	}
	return res.MatchedCount > 0, nil
}
