package datahub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/internal/queue"
)

// TaskImport is the Asynq task type of a check or an import; its task id
// is the job id, so that enqueueing a job twice is one task.
const TaskImport = "datahub:import"

// importPayload is the body of an import task.
type importPayload struct {
	TenantID string `json:"tenant_id"`
	ImportID string `json:"import_id"`
}

// enqueue puts the tenant's job id on the queue. A task for the job still
// in Redis (pending, running, retrying) is left as it is; one Asynq gave
// up on (archived) is replaced, since its id would otherwise block the job
// for good.
func (s *Service) enqueue(ctx context.Context, tenantID, id string) error {
	body, err := json.Marshal(importPayload{TenantID: tenantID, ImportID: id})
	if err != nil {
		return fmt.Errorf("encoding import task: %w", err)
	}
	q := s.cfg.Queue
	info, err := q.Inspector.GetTaskInfo(queue.QueueDefault, id)
	if err == nil && info.State == asynq.TaskStateArchived {
		if err := q.Inspector.DeleteTask(queue.QueueDefault, id); err != nil {
			return fmt.Errorf("replacing archived import task %s: %w", id, err)
		}
	}
	return q.Enqueue(ctx, asynq.NewTask(TaskImport, body), id,
		asynq.Queue(queue.QueueDefault), asynq.MaxRetry(maxTaskRetries),
		asynq.Timeout(taskTimeout))
}

// maxTaskRetries bounds Asynq's retries of a task whose store failed; the
// Reconciler starts a new task for a job still running after that.
const maxTaskRetries = 10

// taskTimeout is how long one task may run, over Asynq's default of 30
// minutes, which a file of 100,000 rows takes on the embedded store. A
// job that runs longer is not lost: its worker stops, hands the lease
// back, and the Reconciler's next task goes on after the last landed row.
const taskTimeout = 6 * time.Hour

// Register adds the import task's handler to mux.
func (s *Service) Register(mux *asynq.ServeMux) {
	mux.HandleFunc(TaskImport, s.handleImport)
}

// handleImport decodes an import task and runs it. An error here means
// the store failed, and Asynq tries the task again.
func (s *Service) handleImport(ctx context.Context, t *asynq.Task) error {
	var p importPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.TenantID == "" {
		return fmt.Errorf("decoding import task: %w", errors.Join(err, asynq.SkipRetry))
	}
	return s.Process(ctx, p.TenantID, p.ImportID)
}
