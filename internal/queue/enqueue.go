package queue

import (
	"context"
	"errors"
	"fmt"

	"github.com/hibiken/asynq"
)

// errNoID is returned by Enqueue when the caller gives no task id.
var errNoID = errors.New("task id is empty")

// Enqueue enqueues task with id as its Asynq task id. The id is the id of
// the MongoDB document the task stands for, written before this call, so
// enqueueing again (a retry, the reconciler) is harmless: when a task with
// that id is still in Redis, in any state, Enqueue does nothing and returns
// nil. Once a task has finished and left Redis the same id can be enqueued
// again; handlers claim their document and so run its work once.
//
// opts are Asynq options (queue, ProcessAt, MaxRetry, ...); a TaskID among
// them is overridden by id.
func (q *Queue) Enqueue(ctx context.Context, task *asynq.Task, id string,
	opts ...asynq.Option) error {
	if id == "" {
		return fmt.Errorf("enqueueing %s task: %w", task.Type(), errNoID)
	}

	all := append(opts[:len(opts):len(opts)], asynq.TaskID(id))
	_, err := q.Client.EnqueueContext(ctx, task, all...)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, asynq.ErrTaskIDConflict), errors.Is(err, asynq.ErrDuplicateTask):
		q.log.Debug("task already enqueued", "type", task.Type(), "task_id", id)
		return nil
	}
	return fmt.Errorf("enqueueing %s task %s: %w", task.Type(), id, err)
}
