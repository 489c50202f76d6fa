package engine

import (
	"context"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
)

// recountService is an engine over a fresh store whose person u1 has
// open tasks t1 and t2 and a counter that says 5 (three hooks heard
// twice).
func recountService(t *testing.T) *Service {
	t.Helper()
	ctx := context.Background()
	s, err := New(testenv.Mongo(t), clock.NewManual(time.Date(2026, 1, 5, 9, 0, 0, 0,
		time.UTC)), testenv.Logger(), Deps{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"t1", "t2"} {
		openTaskOf(t, s, id, "u1")
	}
	if _, err := s.openTaskCounts(ctx, "ten", []string{"u1"}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		s.addOpenTasks(ctx, "ten", "u1", 1)
	}
	return s
}

// openTaskOf stores an open task id of user.
func openTaskOf(t *testing.T, s *Service, id, user string) {
	t.Helper()
	task := &Task{ID: id, Kind: TaskUser, AssigneeID: user, Status: TaskOpen}
	if err := s.tasks("ten").InsertOne(context.Background(), task); err != nil {
		t.Fatal(err)
	}
}

// counterOf reads u1's counter.
func counterOf(t *testing.T, s *Service) int {
	t.Helper()
	var c openTasks
	if err := s.loads("ten").FindByID(context.Background(), loadID("ten", "u1"),
		&c); err != nil {
		t.Fatal(err)
	}
	return c.N
}

// TestRecountLeavesACounterThatMoved: a counter that moves between the
// recount's read and its correction, with or without a task changing, is
// not overwritten; the next round, with nothing moving, sets it right.
func TestRecountLeavesACounterThatMoved(t *testing.T) {
	cases := []struct {
		name string
		// meanwhile happens between finding the drift and correcting it.
		meanwhile func(t *testing.T, s *Service)
		// moved and want are the counter after the move and the open tasks.
		moved, want int
	}{
		{"a hook heard again", func(t *testing.T, s *Service) {
			s.addOpenTasks(context.Background(), "ten", "u1", 1)
		}, 6, 2},
		{"a task created", func(t *testing.T, s *Service) {
			openTaskOf(t, s, "t3", "u1")
			s.addOpenTasks(context.Background(), "ten", "u1", 1)
		}, 6, 3},
		{"a task created, its $inc still coming", func(t *testing.T, s *Service) {
			openTaskOf(t, s, "t3", "u1")
		}, 5, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := recountService(t)
			drifts, err := s.loadDrifts(ctx)
			if err != nil || len(drifts) != 1 || drifts[0].count != 2 {
				t.Fatalf("drifts = %+v (%v); want u1's, counting 2", drifts, err)
			}

			tc.meanwhile(t, s)
			if set, err := s.correctLoad(ctx, drifts[0]); err != nil || set {
				t.Fatalf("correction after a move: set %v (%v); want left alone", set, err)
			}
			if got := counterOf(t, s); got != tc.moved {
				t.Fatalf("counter after the refused correction = %d; want %d", got, tc.moved)
			}

			if n, err := s.RecountOpenTasks(ctx, 0); err != nil || n != 1 {
				t.Fatalf("next round corrected %d (%v); want 1", n, err)
			}
			if got := counterOf(t, s); got != tc.want {
				t.Errorf("counter after the next round = %d; want %d", got, tc.want)
			}
		})
	}
}
