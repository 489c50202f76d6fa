package timer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"go.mongodb.org/mongo-driver/v2/bson"
)

// restorePage is how many task ids one listing call of the queue reads.
const restorePage = 1000

// restoreWorkers bounds the enqueues a restore runs at once.
const restoreWorkers = 8

// queueState is what the timer queue holds, by task id: tasks that will
// still run, and finished ones (archived or kept as completed) whose ids
// block a new task until they are removed.
type queueState struct {
	live, finished map[string]bool
}

// restore enqueues the pending timers due after now and within the
// horizon that Redis lacks; the ones due by now are the reconcile's to
// fire. It lists the queue's task ids in one pass, page by page, instead
// of asking about each timer, and enqueues the missing ones several at a
// time, so a flushed Redis is refilled in a few round trips per thousand
// timers. Those due within Lead go to the releaser as well (plan).
func (s *Service) restore(ctx context.Context, now time.Time) (int, error) {
	until := now.Add(s.cfg.Horizon)
	filter := bson.D{
		{Key: "status", Value: StatusPending},
		{Key: "due_at", Value: bson.D{{Key: "$gt", Value: now}, {Key: "$lte", Value: until}}},
	}
	timers, err := s.findAll(ctx, filter)
	if err != nil || len(timers) == 0 {
		return 0, err
	}
	st, err := s.queueState()
	if err != nil {
		return 0, err
	}

	var missing []*Timer
	for i := range timers {
		if !st.live[timers[i].ID] {
			missing = append(missing, &timers[i])
		}
	}
	return s.replan(ctx, missing, st)
}

// replan enqueues timers with a few workers, removing a finished task of
// the same id first; it returns how many it enqueued and the first error.
func (s *Service) replan(ctx context.Context, timers []*Timer, st queueState) (int, error) {
	var (
		mu       sync.Mutex
		restored int
		first    error
		wg       sync.WaitGroup
		next     = make(chan *Timer)
	)
	for range min(restoreWorkers, len(timers)) {
		wg.Go(func() {
			for t := range next {
				err := s.replanOne(ctx, t, st.finished[t.ID])
				mu.Lock()
				if err == nil {
					restored++
				} else if first == nil {
					first = err
				}
				mu.Unlock()
			}
		})
	}
	for _, t := range timers {
		next <- t
	}
	close(next)
	wg.Wait()
	return restored, first
}

func (s *Service) replanOne(ctx context.Context, t *Timer, finished bool) error {
	if finished {
		if err := s.q.Inspector.DeleteTask(s.cfg.Queue, t.ID); err != nil &&
			!errors.Is(err, asynq.ErrTaskNotFound) {
			return fmt.Errorf("removing finished task of timer %s: %w", t.ID, err)
		}
	}
	return s.plan(ctx, t)
}

// queueState lists the ids of every task in the timer queue. A queue Redis
// does not know (after a flush) holds nothing.
func (s *Service) queueState() (queueState, error) {
	type lister func(string, ...asynq.ListOption) ([]*asynq.TaskInfo, error)
	in := s.q.Inspector
	st := queueState{live: map[string]bool{}, finished: map[string]bool{}}
	for _, l := range []struct {
		list lister
		into map[string]bool
	}{
		{in.ListScheduledTasks, st.live}, {in.ListPendingTasks, st.live},
		{in.ListActiveTasks, st.live}, {in.ListRetryTasks, st.live},
		{in.ListArchivedTasks, st.finished}, {in.ListCompletedTasks, st.finished},
	} {
		for page := 1; ; page++ {
			infos, err := l.list(s.cfg.Queue, asynq.Page(page), asynq.PageSize(restorePage))
			if errors.Is(err, asynq.ErrQueueNotFound) {
				break
			}
			if err != nil {
				return st, fmt.Errorf("listing the timer queue: %w", err)
			}
			for _, info := range infos {
				l.into[info.ID] = true
			}
			if len(infos) < restorePage {
				break
			}
		}
	}
	return st, nil
}
