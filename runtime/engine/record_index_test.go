package engine_test

import (
	"context"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/engine"
)

// recordIndexDoc is the stored index of a record, as the tests read it.
type recordIndexDoc struct {
	InstanceIDs []string `bson:"instance_ids"`
	Complete    bool     `bson:"complete"`
}

// loggedFixture is a fixture for the until graph whose store counts the
// commands it is sent; r1 has a delivery date its timer waits for.
func loggedFixture(t *testing.T) (*fixture, *mongo.CommandLog) {
	t.Helper()
	return loggedFixtureOf(t, until)
}

// loggedFixtureOf is loggedFixture for the graph src.
func loggedFixtureOf(t *testing.T, src string) (*fixture, *mongo.CommandLog) {
	t.Helper()
	var deps *engine.Deps
	f := newFixtureWith(t, graphOf(t, src), func(_ *fakeDefs, d *engine.Deps) { deps = d })
	log := mongo.NewCommandLog()
	store, err := mongo.Open(context.Background(), mongo.Options{DataDir: t.TempDir(),
		Monitor: log.Monitor()}, testenv.Logger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close(context.Background()) })
	svc, err := engine.New(store, f.clock, testenv.Logger(), *deps)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.EnsureIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.svc, f.store = svc, store
	f.records.Records["r1"].Data["delivery_date"] = "2025-01-08"
	return f, log
}

// changed is the field_changed event of r1's delivery date.
func (f *fixture) changed(id string) engine.RecordEvent {
	return engine.RecordEvent{ID: id, TenantID: f.tenant, Kind: engine.RecordChanged,
		RecordID: "r1", Form: "lead", Fields: []string{"delivery_date"}}
}

// event delivers ev to the engine.
func (f *fixture) event(t *testing.T, ev engine.RecordEvent) {
	t.Helper()
	if err := f.svc.OnRecordEvent(context.Background(), ev); err != nil {
		t.Fatalf("%s %s: %v", ev.Kind, ev.ID, err)
	}
}

// moveDelivery changes r1's delivery date and tells the engine.
func (f *fixture) moveDelivery(t *testing.T, date, evID string) {
	t.Helper()
	f.records.Records["r1"].Data["delivery_date"] = date
	f.event(t, f.changed(evID))
}

// indexOf reads r1's record index; the document id is the tenant and
// the record, as record_index.go names it.
func indexOf(t *testing.T, f *fixture) (recordIndexDoc, error) {
	t.Helper()
	var idx recordIndexDoc
	err := f.store.Scope(f.tenant).C(engine.RecordInstancesCollection).FindByID(
		context.Background(), f.tenant+"/r1", &idx)
	return idx, err
}

// instanceState returns the status and version of instance id.
func instanceState(t *testing.T, f *fixture, id string) (engine.Status, int64) {
	t.Helper()
	inst, err := f.svc.Instance(context.Background(), f.tenant, id)
	if err != nil {
		t.Fatal(err)
	}
	return inst.Status, inst.Version
}

// instanceScans counts the commands in counts that scan the instances.
func instanceScans(counts []mongo.CommandCount) int64 {
	var n int64
	for _, c := range counts {
		if c.Collection == engine.InstancesCollection && c.Access == mongo.AccessScan {
			n += c.N
		}
	}
	return n
}

func TestRecordChangeReachesInstancesThroughTheIndex(t *testing.T) {
	f, log := loggedFixture(t)
	f.event(t, f.created("ev1"))
	id := instanceOf(t, f, "r1")

	idx, err := indexOf(t, f)
	if err != nil {
		t.Fatalf("reading the index after record_created: %v", err)
	}
	if !idx.Complete || len(idx.InstanceIDs) != 1 || idx.InstanceIDs[0] != id {
		t.Fatalf("index after record_created = %+v; want complete, naming %s", idx, id)
	}

	log.Take()
	f.moveDelivery(t, "2025-01-10", "ch1")
	counts := log.Take()
	if n := instanceScans(counts); n != 0 {
		t.Errorf("a field change scanned the instances %d times:\n%s", n,
			mongo.FormatCommands(counts, 1))
	}
	if st, v := instanceState(t, f, id); st != engine.StatusRunning || v != 2 {
		t.Errorf("instance after the change: %s v%d; want running v2 (re-planned)", st, v)
	}
}

func TestRecordIndexMissingIsRebuiltOnce(t *testing.T) {
	f, log := loggedFixture(t)
	f.event(t, f.created("ev1"))
	id := instanceOf(t, f, "r1")
	_, err := f.store.Scope(f.tenant).C(engine.RecordInstancesCollection).DeleteOne(
		context.Background(), bson.D{{Key: "_id", Value: f.tenant + "/r1"}})
	if err != nil {
		t.Fatal(err)
	}

	log.Take()
	f.moveDelivery(t, "2025-01-10", "ch1")
	if n := instanceScans(log.Take()); n != 1 {
		t.Errorf("the change without an index scanned %d times; want once", n)
	}
	if _, v := instanceState(t, f, id); v != 2 {
		t.Errorf("instance after the change is v%d; want v2", v)
	}
	idx, err := indexOf(t, f)
	if err != nil || !idx.Complete || len(idx.InstanceIDs) != 1 || idx.InstanceIDs[0] != id {
		t.Fatalf("rebuilt index = %+v (%v); want complete, naming %s", idx, err, id)
	}

	f.moveDelivery(t, "2025-01-13", "ch2")
	if n := instanceScans(log.Take()); n != 0 {
		t.Errorf("the change after the rebuild scanned %d times; want none", n)
	}
	if _, v := instanceState(t, f, id); v != 3 {
		t.Errorf("instance after the second change is v%d; want v3", v)
	}
}

func TestRecordIndexIncompleteIsCompleted(t *testing.T) {
	f, _ := loggedFixture(t)
	f.event(t, f.created("ev1"))
	old := instanceOf(t, f, "r1")
	// An index that misses an older instance, as a start after this
	// change leaves one for a record from before it.
	_, err := f.store.Scope(f.tenant).C(engine.RecordInstancesCollection).UpdateOne(
		context.Background(), bson.D{{Key: "_id", Value: f.tenant + "/r1"}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "complete", Value: false},
			{Key: "instance_ids", Value: []string{"never_inserted"}}}}})
	if err != nil {
		t.Fatal(err)
	}

	f.moveDelivery(t, "2025-01-10", "ch1")
	if _, v := instanceState(t, f, old); v != 2 {
		t.Errorf("the instance missing from the index is v%d after the change; want v2", v)
	}
	idx, err := indexOf(t, f)
	if err != nil || !idx.Complete || len(idx.InstanceIDs) != 2 {
		t.Fatalf("completed index = %+v (%v); want complete with 2 ids", idx, err)
	}
}

func TestRecordDeleteCancelsEveryInstance(t *testing.T) {
	f, log := loggedFixture(t)
	f.event(t, f.created("ev1"))
	f.event(t, f.created("ev2")) // a second process start on the same record
	idx, err := indexOf(t, f)
	if err != nil || len(idx.InstanceIDs) != 2 {
		t.Fatalf("index = %+v (%v); want two instances", idx, err)
	}

	log.Take()
	f.event(t, engine.RecordEvent{ID: "del", TenantID: f.tenant, Kind: engine.RecordDeleted,
		RecordID: "r1", Form: "lead"})
	if n := instanceScans(log.Take()); n != 0 {
		t.Errorf("the delete scanned the instances %d times; want none", n)
	}
	for _, id := range idx.InstanceIDs {
		if st, _ := instanceState(t, f, id); st != engine.StatusCancelled {
			t.Errorf("instance %s is %s after the delete; want cancelled", id, st)
		}
	}

	// Delivered again, the delete finds only ended instances and changes
	// nothing.
	f.event(t, engine.RecordEvent{ID: "del", TenantID: f.tenant, Kind: engine.RecordDeleted,
		RecordID: "r1", Form: "lead"})
	for _, id := range idx.InstanceIDs {
		if _, v := instanceState(t, f, id); v != 2 {
			t.Errorf("instance %s is v%d after the second delete; want v2", id, v)
		}
	}
}

// manualUntil is the until graph started by hand.
const manualUntil = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "manual"}},
 {"id": "wait", "kind": "timer", "config": {"until": "delivery_date"}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "wait"},
 {"id": "e2", "from": "wait", "to": "end"}]}`

func TestManualStartIsIndexedIncomplete(t *testing.T) {
	f, log := loggedFixtureOf(t, manualUntil)
	inst, err := f.svc.StartManual(context.Background(), f.as("u_owner"), "lead_response",
		engine.ManualStart{RecordID: "r1", RequestID: "rq1"})
	if err != nil {
		t.Fatal(err)
	}
	idx, err := indexOf(t, f)
	if err != nil || idx.Complete || len(idx.InstanceIDs) != 1 || idx.InstanceIDs[0] != inst.ID {
		t.Fatalf("index after a manual start = %+v (%v); want incomplete, naming %s", idx,
			err, inst.ID)
	}

	log.Take()
	f.event(t, engine.RecordEvent{ID: "del", TenantID: f.tenant, Kind: engine.RecordDeleted,
		RecordID: "r1", Form: "lead"})
	if n := instanceScans(log.Take()); n != 1 {
		t.Errorf("the delete with an incomplete index scanned %d times; want once", n)
	}
	if st, _ := instanceState(t, f, inst.ID); st != engine.StatusCancelled {
		t.Errorf("instance is %s after the delete; want cancelled", st)
	}
	if idx, err := indexOf(t, f); err != nil || !idx.Complete {
		t.Errorf("index after the delete = %+v (%v); want complete", idx, err)
	}
}

// TestEndedInstanceLeavesTheIndex ends one of r1's two instances (its
// timer fires) and checks that it leaves r1's index, once, that a rebuilt
// index lists only the running one, and that a delete empties the index.
func TestEndedInstanceLeavesTheIndex(t *testing.T) {
	ctx := context.Background()
	f, _ := loggedFixture(t)
	f.event(t, f.created("ev1"))
	f.event(t, f.created("ev2"))
	f.clock.Set(at(2025, 1, 8, 0, 1))
	due := f.timers.Due()
	if len(due) != 2 {
		t.Fatalf("%d timers pending; want one per instance", len(due))
	}
	ended := due[0].Ref[:len("in_")+32]
	for range 2 { // the second firing finds the instance ended
		if err := f.svc.OnTimer(ctx, f.tenant, due[0].Kind, due[0].Ref); err != nil {
			t.Fatal(err)
		}
	}
	if st, _ := instanceState(t, f, ended); st != engine.StatusCompleted {
		t.Fatalf("instance %s is %s after its timer; want completed", ended, st)
	}
	idx, err := indexOf(t, f)
	if err != nil || !idx.Complete || len(idx.InstanceIDs) != 1 || idx.InstanceIDs[0] == ended {
		t.Fatalf("index after one instance ended = %+v (%v); want complete, naming the other",
			idx, err)
	}
	running := idx.InstanceIDs[0]

	_, err = f.store.Scope(f.tenant).C(engine.RecordInstancesCollection).DeleteOne(ctx,
		bson.D{{Key: "_id", Value: f.tenant + "/r1"}})
	if err != nil {
		t.Fatal(err)
	}
	f.moveDelivery(t, "2025-01-10", "ch1")
	idx, err = indexOf(t, f)
	if err != nil || !idx.Complete || len(idx.InstanceIDs) != 1 || idx.InstanceIDs[0] != running {
		t.Fatalf("rebuilt index = %+v (%v); want complete, naming %s only", idx, err, running)
	}

	f.event(t, engine.RecordEvent{ID: "del", TenantID: f.tenant, Kind: engine.RecordDeleted,
		RecordID: "r1", Form: "lead"})
	if st, _ := instanceState(t, f, running); st != engine.StatusCancelled {
		t.Errorf("instance %s is %s after the delete; want cancelled", running, st)
	}
	if idx, err = indexOf(t, f); err != nil || !idx.Complete || len(idx.InstanceIDs) != 0 {
		t.Errorf("index after the delete = %+v (%v); want complete and empty", idx, err)
	}
}
