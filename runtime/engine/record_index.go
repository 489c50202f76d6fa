package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/mongo"
)

// The record index is one document per record that lists the ids of the
// record's instances, so that a record change or delete reaches them with
// one read by _id. A query on the instances by record would make the
// embedded store (and FerretDB on PostgreSQL) decode every instance of
// every record, and every record update pays for it.
//
// The index is written before the instances it names are inserted, so no
// running instance is ever missing from it: an id whose instance was never
// inserted (a crash in between) is skipped when read. An instance leaves
// its record's index when it ends (unindexEnded), so a record changed
// long after its processes finished reads none of them. An index is
// complete when it is known to name every running instance of its record:
// it was created by the record's own record_created event, or rebuilt from
// a scan of the running instances. It may also name ended instances (a
// crash between an instance's end and its removal, or an end racing a
// rebuild that saw the instance running), which cost a read each and
// change nothing. Records older than the index have none; the first event
// that needs one scans once and stores it complete.

// RecordInstancesCollection holds the record indexes, read by _id only.
const RecordInstancesCollection = "record_instances"

// recordIndex lists the instances of one record.
type recordIndex struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	// RecordID is the record the index is of.
	RecordID string `bson:"record_id"`
	// InstanceIDs are the ids of the record's instances, in no order; an
	// instance is removed when it ends.
	InstanceIDs []string `bson:"instance_ids"`
	// Complete is true once InstanceIDs is known to name every running
	// instance of the record; false when the index may miss older ones.
	Complete bool `bson:"complete"`
}

// recordIndexID is the index document id of the tenant's record. The
// tenant prefix keeps a record id named by another system (an inbound
// event) from ever meeting another tenant's index.
func recordIndexID(tenantID, recordID string) string { return tenantID + "/" + recordID }

// recordIndexes is the tenant's view of the record indexes.
func (s *Service) recordIndexes(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(RecordInstancesCollection)
}

// indexStarts adds the instances an event is about to insert to their
// record's index; it runs before the insert. The instances of a record's
// own record_created event are the record's first, so an index created by
// them is complete.
func (s *Service) indexStarts(ctx context.Context, ev RecordEvent, insts []*Instance) error {
	if ev.RecordID == "" {
		return nil
	}
	ids := make([]string, 0, len(insts))
	for _, inst := range insts {
		ids = append(ids, inst.ID)
	}
	if ev.Kind == RecordCreated {
		return s.createRecordIndex(ctx, ev.TenantID, ev.RecordID, ids)
	}
	return s.addToRecordIndex(ctx, ev.TenantID, ev.RecordID, ids)
}

// createRecordIndex stores a complete index of a new record, one insert.
// If an index is there already (an event of the record that overtook its
// record_created), the ids are added to it and it stays as complete as it
// was.
func (s *Service) createRecordIndex(ctx context.Context, tenantID, recordID string,
	ids []string) error {
	err := s.insertRecordIndex(ctx, tenantID, recordID, ids, true)
	if mongo.IsDuplicate(err) {
		_, err = s.updateRecordIndex(ctx, tenantID, recordID, ids, false)
	}
	if err != nil {
		return fmt.Errorf("indexing the instances of record %s: %w", recordID, err)
	}
	return nil
}

// addToRecordIndex adds ids to the record's index, creating an incomplete
// one when the record has none yet.
func (s *Service) addToRecordIndex(ctx context.Context, tenantID, recordID string,
	ids []string) error {
	matched, err := s.updateRecordIndex(ctx, tenantID, recordID, ids, false)
	if err == nil && !matched {
		err = s.insertRecordIndex(ctx, tenantID, recordID, ids, false)
		if mongo.IsDuplicate(err) { // another writer created it meanwhile
			_, err = s.updateRecordIndex(ctx, tenantID, recordID, ids, false)
		}
	}
	if err != nil {
		return fmt.Errorf("indexing the instances of record %s: %w", recordID, err)
	}
	return nil
}

// insertRecordIndex inserts a record's index naming ids.
func (s *Service) insertRecordIndex(ctx context.Context, tenantID, recordID string,
	ids []string, complete bool) error {
	doc := &recordIndex{ID: recordIndexID(tenantID, recordID), RecordID: recordID,
		InstanceIDs: slices.Clone(ids), Complete: complete}
	if doc.InstanceIDs == nil {
		doc.InstanceIDs = []string{}
	}
	return s.recordIndexes(tenantID).InsertOne(ctx, doc)
}

// updateRecordIndex adds ids to a record's index, marking it complete when
// asked, and reports whether the index was there.
func (s *Service) updateRecordIndex(ctx context.Context, tenantID, recordID string,
	ids []string, complete bool) (bool, error) {
	update := bson.D{}
	if len(ids) > 0 {
		update = append(update, bson.E{Key: "$addToSet", Value: bson.D{{Key: "instance_ids",
			Value: bson.D{{Key: "$each", Value: ids}}}}})
	}
	if complete {
		update = append(update, bson.E{Key: "$set", Value: bson.D{{Key: "complete",
			Value: true}}})
	}
	if len(update) == 0 {
		return s.recordIndexExists(ctx, tenantID, recordID)
	}
	return s.recordIndexes(tenantID).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: recordIndexID(tenantID, recordID)}}, update)
}

// recordIndexExists reports whether the record has an index.
func (s *Service) recordIndexExists(ctx context.Context, tenantID, recordID string) (bool,
	error) {
	var idx recordIndex
	err := s.recordIndexes(tenantID).FindByID(ctx, recordIndexID(tenantID, recordID), &idx)
	if errors.Is(err, mongo.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// recordInstanceIDs returns the ids of every running instance of the
// record, and maybe of some ended ones, from its index: one read by _id.
// A record without a complete index is scanned for once and its index
// completed.
func (s *Service) recordInstanceIDs(ctx context.Context, tenantID, recordID string) ([]string,
	error) {
	var idx recordIndex
	err := s.recordIndexes(tenantID).FindByID(ctx, recordIndexID(tenantID, recordID), &idx)
	if err != nil && !errors.Is(err, mongo.ErrNotFound) {
		return nil, fmt.Errorf("reading the instances of record %s: %w", recordID, err)
	}
	if err == nil && idx.Complete {
		return idx.InstanceIDs, nil
	}
	ids, err := s.rebuildRecordIndex(ctx, tenantID, recordID)
	if err != nil {
		return nil, err
	}
	return union(idx.InstanceIDs, ids), nil
}

// rebuildRecordIndex scans the running instances of a record, writes
// their ids into its index, marks it complete and returns them. An
// instance started meanwhile was added to the index before it was
// inserted, so whether the scan saw it or not, the completed index names
// it.
func (s *Service) rebuildRecordIndex(ctx context.Context, tenantID, recordID string) ([]string,
	error) {
	var docs []struct {
		ID string `bson:"_id"`
	}
	opts := options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}})
	err := s.instances(tenantID).FindAll(ctx, bson.D{{Key: "record_id", Value: recordID},
		{Key: "status", Value: StatusRunning}}, &docs, opts)
	if err != nil {
		return nil, fmt.Errorf("listing instances of record %s: %w", recordID, err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}

	matched, err := s.updateRecordIndex(ctx, tenantID, recordID, ids, true)
	if err == nil && !matched {
		err = s.insertRecordIndex(ctx, tenantID, recordID, ids, true)
		if mongo.IsDuplicate(err) { // a start created it meanwhile
			_, err = s.updateRecordIndex(ctx, tenantID, recordID, ids, true)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("rebuilding the instances of record %s: %w", recordID, err)
	}
	return ids, nil
}

// unindexEnded removes inst, which has just ended, from its record's
// index: one conditional update, which writes nothing when the index does
// not list it (the end applied again, an instance without a record or a
// record without an index). A failure is logged, not returned: the end
// it follows has happened, and an ended instance left listed is skipped
// when read.
func (s *Service) unindexEnded(ctx context.Context, inst *Instance) {
	if inst.RecordID == "" {
		return
	}
	_, err := s.recordIndexes(inst.TenantID).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: recordIndexID(inst.TenantID, inst.RecordID)},
			{Key: "instance_ids", Value: inst.ID}},
		bson.D{{Key: "$pull", Value: bson.D{{Key: "instance_ids", Value: inst.ID}}}})
	if err != nil {
		s.log.WarnContext(ctx, "ended instance left in its record's index",
			slog.String("tenant_id", inst.TenantID), slog.String("instance_id", inst.ID),
			slog.Any("error", err))
	}
}

// union returns the ids of a and b, each once, a's first.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, id := range b {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
