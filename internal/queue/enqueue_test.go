package queue_test

import (
	"errors"
	"testing"
	"time"

	"github.com/hibiken/asynq"
)

func TestEnqueueTwiceKeepsOneTask(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			q := open(t, tg)
			task := asynq.NewTask("test:timer", []byte(`{"timer_id":"doc-1"}`))
			opts := []asynq.Option{asynq.Queue("default"), asynq.ProcessIn(time.Hour)}

			for i := range 2 {
				if err := q.Enqueue(t.Context(), task, "doc-1", opts...); err != nil {
					t.Fatalf("Enqueue #%d: %v", i+1, err)
				}
			}

			got, err := q.Inspector.ListScheduledTasks("default")
			if err != nil {
				t.Fatalf("ListScheduledTasks: %v", err)
			}
			if len(got) != 1 || got[0].ID != "doc-1" {
				t.Errorf("scheduled tasks = %+v, want one with id doc-1", got)
			}
		})
	}
}

func TestEnqueueWithoutID(t *testing.T) {
	q := open(t, targets()[0])
	err := q.Enqueue(t.Context(), asynq.NewTask("test:timer", nil), "")
	if err == nil {
		t.Fatal("Enqueue with an empty id succeeded, want an error")
	}
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		t.Errorf("Enqueue error %v, want an empty-id error", err)
	}
}
