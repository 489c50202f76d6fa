package queue

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"

	"github.com/alicebob/miniredis/v2"
)

// openEmbedded starts miniredis on a random loopback port and connects to
// it like to any other Redis.
//
// The server asks for a random password: loopback is reachable by every
// local user, and nobody but this process should be able to push tasks.
//
// Time: miniredis does not age key TTLs on its own (by default only
// FastForward does). Asynq schedules and leases by scores it computes from
// its own clock, so tasks run either way, but it also sets TTLs with EXPIRE
// and EXPIREAT on server and worker heartbeats and on the daily processed
// and failed counters. Without ageing those keys would pile up for as long
// as the process lives. ClockTTL makes miniredis age TTLs by its wall clock
// on every command, so expiry behaves as in Redis with no goroutine of ours.
func openEmbedded(ctx context.Context, opts Options, log *slog.Logger) (*Queue, error) {
	mini, err := startMiniredis()
	if err != nil {
		return nil, err
	}

	opts.Addr = mini.Addr()
	opts.Password = rand.Text()
	mini.RequireAuth(opts.Password)

	q := newQueue(ModeEmbedded, opts, log)
	q.mini = mini
	if err := q.ping(ctx, opts.DialTimeout); err != nil {
		_ = q.Close()
		return nil, fmt.Errorf("starting embedded redis: %w", err)
	}

	log.Info("embedded redis started", "mode", q.Mode, "addr", q.Addr)
	return q, nil
}

func startMiniredis() (*miniredis.Miniredis, error) {
	mini := miniredis.NewMiniRedis()
	mini.ClockTTL(true)
	if err := mini.StartAddr("127.0.0.1:0"); err != nil {
		return nil, &storeError{
			msg:   "embedded redis cannot listen on 127.0.0.1: check the loopback interface",
			kind:  ErrUnavailable,
			cause: err,
		}
	}
	return mini, nil
}
