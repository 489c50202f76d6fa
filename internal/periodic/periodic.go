// Package periodic runs a round of background work at start and then on
// every tick until it is stopped: the shape of the outbox sweeper, the
// engine's recoverer and the data hub's reconciler.
package periodic

import (
	"context"
	"sync"
	"time"
)

// Loop runs one round of work per tick. The zero value is ready; Start
// or Go it once, and Stop it when done.
type Loop struct {
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// Start runs round once before it returns and then every interval in the
// background until Stop. The loop's context outlives ctx's cancellation
// but keeps its values.
func (l *Loop) Start(ctx context.Context, every time.Duration, round func(context.Context)) {
	ctx = l.begin(ctx)
	round(ctx)
	go l.run(ctx, every, round)
}

// Go runs round at once in the background and then every interval until
// Stop.
func (l *Loop) Go(ctx context.Context, every time.Duration, round func(context.Context)) {
	ctx = l.begin(ctx)
	go func() {
		round(ctx)
		l.run(ctx, every, round)
	}()
}

// begin makes the loop's own context and its done channel.
func (l *Loop) begin(ctx context.Context) context.Context {
	ctx, l.cancel = context.WithCancel(context.WithoutCancel(ctx))
	l.done = make(chan struct{})
	return ctx
}

// run calls round on every tick until ctx ends.
func (l *Loop) run(ctx context.Context, every time.Duration, round func(context.Context)) {
	defer close(l.done)
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			round(ctx)
		}
	}
}

// Stop ends the loop and waits for a running round to return. It may be
// called more than once, and on a loop never started.
func (l *Loop) Stop() {
	l.once.Do(func() {
		if l.cancel != nil {
			l.cancel()
			<-l.done
		}
	})
}
