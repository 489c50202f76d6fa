package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

// TasksCollection indexes the messages sent about each task, by task: one
// document per task, read by _id, so that finding a task's cards never
// scans the outbox (the embedded store scans on any other filter).
const TasksCollection = "outbox_tasks"

// maxTaskMessages bounds how many messages of a task are kept in its
// index: a task gets a handful (its card, reminders, escalations).
const maxTaskMessages = 200

// taskIndex lists the messages of one task that went to a plugin channel.
type taskIndex struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	MessageIDs     []string `bson:"message_ids"`
}

// taskIndexID is the index document id of the tenant's task.
func taskIndexID(tenantID, taskID string) string { return tenantID + "/" + taskID }

// indexed reports whether m belongs in its task's index: a notification
// about a task through a channel other than in-app, which may be a card.
func indexed(m *Message) bool {
	return m.TaskID != "" && m.Kind == KindNotify && m.Channel != ChannelInApp
}

// indexTask adds m to its task's index: an insert for the task's first
// message, an update for later ones. A failure is logged: the message is
// safe, only its card will not be updated when the task is done.
func (s *Service) indexTask(ctx context.Context, tenantID string, m *Message) {
	coll := s.store.Scope(tenantID).C(TasksCollection)
	doc := &taskIndex{ID: taskIndexID(tenantID, m.TaskID), MessageIDs: []string{m.ID}}
	err := coll.InsertOne(ctx, doc)
	if mongo.IsDuplicate(err) {
		_, err = coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: doc.ID}},
			bson.D{{Key: "$addToSet", Value: bson.D{{Key: "message_ids", Value: m.ID}}}})
	}
	if err != nil {
		s.log.WarnContext(ctx, "message not indexed by its task; its card will not be "+
			"updated", slog.String("tenant_id", tenantID), slog.String("message_id", m.ID),
			slog.Any("err", err))
	}
}

// ByTask returns the tenant's notifications about task taskID through
// plugin channels, oldest first, for the cards sent for a task to be
// updated once it is done. It reads by _id only.
func (s *Service) ByTask(ctx context.Context, tenantID, taskID string) ([]Message, error) {
	var idx taskIndex
	err := s.store.Scope(tenantID).C(TasksCollection).FindByID(ctx,
		taskIndexID(tenantID, taskID), &idx)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the messages of task %s: %w", taskID, err)
	}

	out := make([]Message, 0, len(idx.MessageIDs))
	for _, id := range idx.MessageIDs[:min(len(idx.MessageIDs), maxTaskMessages)] {
		m, err := s.load(ctx, tenantID, id)
		if errors.Is(err, mongo.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, *m)
	}

	return out, nil
}
