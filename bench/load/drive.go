package main

import (
	"context"
	"sync"
	"time"
)

// op is one operation of a driven scenario, called by worker w (0..conns-1)
// with its sequence number i; each worker owns one connection.
type op func(ctx context.Context, w, i int) error

// drive runs op on conns workers, each looping back to back, for d, and
// summarises what succeeded. Operations still in flight at the end are
// waited for but not counted.
func drive(ctx context.Context, conns int, d time.Duration, f op) summary {
	recs := make([]*recorder, conns)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	deadline := time.Now().Add(d)

	var wg sync.WaitGroup
	start := time.Now()
	for w := range conns {
		recs[w] = newRecorder()
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(ctx, deadline, recs[w], w, f)
		}()
	}
	wg.Wait()
	return summarise(recs, min(time.Since(start), d))
}

// opTimeout bounds one operation: a store that stops answering (FerretDB
// on PostgreSQL did, once, under 64 concurrent updates) becomes errors in
// the figures instead of a tool that waits forever.
const opTimeout = 30 * time.Second

func work(ctx context.Context, deadline time.Time, r *recorder, w int, f op) {
	for i := 0; ctx.Err() == nil; i++ {
		t0 := time.Now()
		if t0.After(deadline) {
			return
		}
		octx, cancel := context.WithTimeout(ctx, opTimeout)
		err := f(octx, w, i)
		cancel()
		end := time.Now()
		if end.After(deadline) {
			return
		}
		r.record(end.Sub(t0), err)
	}
}

// repeat runs drive runs times on conns connections and returns each run
// and the median.
func repeat(ctx context.Context, o *options, conns int, f op) (summary, []summary) {
	var all []summary
	for range o.runs {
		if ctx.Err() != nil {
			break
		}
		all = append(all, drive(ctx, conns, o.duration, f))
	}
	return median(all), all
}
