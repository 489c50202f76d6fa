package insights

import (
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/ledger"
	"github.com/formworkhq/formwork/runtime/timer"
)

// rawFacts reads what a metric over tasks, timers or ledger entries
// counts from the system of record: the tasks with the events it counts,
// fired timers, every ledger entry.
func (s *Service) rawFacts(ctx context.Context, tenantID string, m *Metric) ([]*fact, error) {
	switch m.Source {
	case SourceTasks:
		return s.rawTasks(ctx, tenantID, m.taskEvents())
	case SourceTimers:
		var ts []*timer.Timer
		if err := s.readAll(ctx, tenantID, timer.Collection,
			bson.D{{Key: "status", Value: timer.StatusFired}}, &ts); err != nil {
			return nil, err
		}
		out := make([]*fact, len(ts))
		for i, t := range ts {
			out[i] = timerFact(t)
		}
		return out, nil
	default:
		var es []*ledger.Entry
		if err := s.readAll(ctx, tenantID, ledger.EntriesCollection, bson.D{}, &es); err != nil {
			return nil, err
		}
		out := make([]*fact, len(es))
		for i, e := range es {
			out[i] = entryFact(e)
		}
		return out, nil
	}
}

func (s *Service) readAll(ctx context.Context, tenantID, coll string, filter bson.D,
	into any) error {
	if err := s.store.Scope(tenantID).C(coll).FindAll(ctx, filter, into); err != nil {
		return fmt.Errorf("reading %s: %w", coll, err)
	}
	return nil
}

// rawTasks reads the tasks with their processes and returns their facts
// of events: every task was created; the closed ones were completed or
// cancelled.
func (s *Service) rawTasks(ctx context.Context, tenantID string, events []string) ([]*fact,
	error) {
	var ts []*engine.Task
	if err := s.readAll(ctx, tenantID, engine.TasksCollection, taskFilter(events),
		&ts); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(ts))
	for _, t := range ts {
		ids = append(ids, t.InstanceID)
	}
	procs, err := s.processesOf(ctx, tenantID, ids)
	if err != nil {
		return nil, err
	}

	var out []*fact
	for _, t := range ts {
		proc := procs[t.InstanceID]
		if slices.Contains(events, TaskCreated) {
			out = append(out, createdFact(t, proc))
		}
		if ev := closingEvent(t.Status); ev != "" && slices.Contains(events, ev) {
			out = append(out, taskFact(t, proc, ev))
		}
	}
	return out, nil
}

// taskFilter selects the tasks that have facts of events: all of them
// for creations, else those closed the way counted.
func taskFilter(events []string) bson.D {
	if slices.Contains(events, TaskCreated) {
		return bson.D{}
	}
	var statuses []engine.TaskStatus
	if slices.Contains(events, TaskCompleted) {
		statuses = append(statuses, engine.TaskDone)
	}
	if slices.Contains(events, TaskCancelled) {
		statuses = append(statuses, engine.TaskCancelled)
	}
	return bson.D{{Key: "status", Value: bson.D{{Key: "$in", Value: statuses}}}}
}

// processesOf maps instance ids to their process keys.
func (s *Service) processesOf(ctx context.Context, tenantID string, ids []string) (
	map[string]string, error) {
	out := map[string]string{}
	for start := 0; start < len(ids); start += rebuildBatch {
		batch := ids[start:min(start+rebuildBatch, len(ids))]
		var insts []struct {
			ID         string `bson:"_id"`
			ProcessKey string `bson:"process_key"`
		}
		err := s.store.Scope(tenantID).C(engine.InstancesCollection).FindAll(ctx,
			bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: batch}}}}, &insts,
			options.Find().SetProjection(bson.D{{Key: "process_key", Value: 1}}))
		if err != nil {
			return nil, fmt.Errorf("reading the processes of tasks: %w", err)
		}
		for _, in := range insts {
			out[in.ID] = in.ProcessKey
		}
	}
	return out, nil
}
