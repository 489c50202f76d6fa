package periodic_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/periodic"
)

func TestStartRunsARoundBeforeReturning(t *testing.T) {
	var l periodic.Loop
	var n atomic.Int32
	l.Start(context.Background(), time.Hour, func(context.Context) { n.Add(1) })
	if got := n.Load(); got != 1 {
		t.Errorf("rounds after Start = %d, want 1", got)
	}
	l.Stop()
	l.Stop()
}

func TestGoTicksUntilStopped(t *testing.T) {
	var l periodic.Loop
	ticks := make(chan struct{}, 16)
	l.Go(context.Background(), time.Millisecond, func(context.Context) {
		select {
		case ticks <- struct{}{}:
		default:
		}
	})
	for range 3 {
		<-ticks
	}
	l.Stop()
	for len(ticks) > 0 {
		<-ticks
	}
	select {
	case <-ticks:
		t.Error("a round ran after Stop returned")
	case <-time.After(20 * time.Millisecond):
	}
}

func TestStopWithoutStart(t *testing.T) {
	var l periodic.Loop
	l.Stop()
}

func TestTheLoopOutlivesItsStartingContext(t *testing.T) {
	var l periodic.Loop
	ctx, cancel := context.WithCancel(context.Background())
	alive := make(chan error, 1)
	l.Go(ctx, time.Hour, func(ctx context.Context) {
		cancel()
		alive <- ctx.Err()
	})
	if err := <-alive; err != nil {
		t.Errorf("the round's context ended with the caller's: %v", err)
	}
	l.Stop()
}
