package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

// LoadsCollection holds one document per person and tenant counting the
// person's open tasks, for least_loaded routing.
//
// Counting a team's open tasks in the tasks themselves was one grouped
// aggregate per routed record, which the embedded store answers by
// scanning every task of every tenant: the more leads, the slower each
// new one. The counters are kept beside the tasks instead — +1 when a task
// is stored with an assignee, -1 when it is completed or cancelled, -1/+1
// on a reassignment — each an $inc of one document by `_id`, after the
// task's own write, which stays the truth. Routing reads the candidates'
// counters with one query on this collection, whose size is the number
// of people, not of tasks.
//
// A counter that does not exist yet (a person's first task, a store from
// before the counters) is built from the tasks by one count and inserted;
// an $inc that finds no counter changes nothing, because the count that
// builds it later sees the task. A process that stops between a task's
// write and its counter's $inc leaves that counter one off; least_loaded
// only ranks people, a counter never goes below zero when read, and the
// Recounter (counter_recount.go) sets drifted counters right.
const LoadsCollection = "engine_task_loads"

// openTasks is a person's counter of open tasks.
type openTasks struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	UserID         string `bson:"user_id"`
	N              int    `bson:"n"`
	// Ops grows with every change of N, so that a recount can set N only
	// when nothing moved it meanwhile.
	Ops int64 `bson:"ops"`
}

// loadID is the _id of userID's counter in tenantID.
func loadID(tenantID, userID string) string { return tenantID + ":" + userID }

func (s *Service) loads(tenantID string) mongo.Coll {
	return s.store.Scope(tenantID).C(LoadsCollection)
}

// openTaskCounts returns the number of open tasks assigned to each of ids,
// reading their counters with one query and building the missing ones.
func (s *Service) openTaskCounts(ctx context.Context, tenantID string,
	ids []string) (map[string]int, error) {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = loadID(tenantID, id)
	}
	var docs []openTasks
	err := s.loads(tenantID).FindAll(ctx,
		bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: keys}}}}, &docs)
	if err != nil {
		return nil, fmt.Errorf("reading open-task counters: %w", err)
	}

	out := make(map[string]int, len(ids))
	for _, d := range docs {
		out[d.UserID] = max(d.N, 0)
	}
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		if out[id], err = s.buildOpenTasks(ctx, tenantID, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// buildOpenTasks counts userID's open tasks and stores the counter; when
// another writer stored it first, that one is read and kept.
func (s *Service) buildOpenTasks(ctx context.Context, tenantID, userID string) (int, error) {
	n, err := s.tasks(tenantID).Count(ctx, bson.D{{Key: "assignee_id", Value: userID},
		{Key: "status", Value: TaskOpen}})
	if err != nil {
		return 0, fmt.Errorf("counting the open tasks of %s: %w", userID, err)
	}
	c := &openTasks{ID: loadID(tenantID, userID), UserID: userID, N: int(n)}
	err = s.loads(tenantID).InsertOne(ctx, c)
	if mongo.IsDuplicate(err) {
		err = s.loads(tenantID).FindByID(ctx, c.ID, c)
	}
	if err != nil {
		return 0, fmt.Errorf("storing the open-task counter of %s: %w", userID, err)
	}
	return max(c.N, 0), nil
}

// addOpenTasks moves userID's counter by delta; a missing counter is left
// missing, to be built from the tasks when it is next read. A failure is
// logged: the task's write it follows has happened.
func (s *Service) addOpenTasks(ctx context.Context, tenantID, userID string, delta int) {
	if userID == "" || delta == 0 {
		return
	}
	_, err := s.loads(tenantID).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: loadID(tenantID, userID)}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: delta}, {Key: "ops", Value: 1}}}})
	if err != nil {
		s.log.WarnContext(ctx, "open-task counter not moved", slog.String("tenant_id", tenantID),
			slog.String("user_id", userID), slog.Int("delta", delta), slog.Any("error", err))
	}
}

// countTaskCreated is the TaskCreatedHook that counts a new open task.
func (s *Service) countTaskCreated(ctx context.Context, c TaskCreation) error {
	if c.Task.Status == TaskOpen {
		s.addOpenTasks(ctx, c.TenantID, c.Task.AssigneeID, 1)
	}
	return nil
}

// countTaskClosed is the TaskHook that uncounts a completed or cancelled
// task. A cancellation does not say whose task it was, so the task is
// read: its assignee does not change once it is closed.
func (s *Service) countTaskClosed(ctx context.Context, done TaskCompletion) error {
	who := done.AssigneeID
	if done.Cancelled {
		var t Task
		err := s.tasks(done.TenantID).FindByID(ctx, done.TaskID, &t)
		if errors.Is(err, mongo.ErrNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading cancelled task %s: %w", done.TaskID, err)
		}
		who = t.AssigneeID
	}
	s.addOpenTasks(ctx, done.TenantID, who, -1)
	return nil
}

// countReassigned moves an open task's count from one person to another.
func (s *Service) countReassigned(ctx context.Context, tenantID, from, to string) {
	if from == to {
		return
	}
	s.addOpenTasks(ctx, tenantID, from, -1)
	s.addOpenTasks(ctx, tenantID, to, 1)
}
