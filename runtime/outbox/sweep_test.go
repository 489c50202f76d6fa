package outbox_test

import (
	"context"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/outbox"
)

func TestSweepAfterFlushRestoresDueMessages(t *testing.T) {
	e := newEnv(t, outbox.Config{BaseDelay: time.Hour})
	e.svc.RegisterSender(outbox.ChannelWeCom, &fakeSender{err: errVendorDown})
	a := e.add(t, outbox.ChannelWeCom, "a")
	b := e.add(t, outbox.ChannelWeCom, "b")
	later := e.add(t, outbox.ChannelWeCom, "later")
	e.deliver(t, later.ID) // fails: next attempt in 30 to 60 minutes

	if err := e.queue.Redis().FlushDB(t.Context()).Err(); err != nil {
		t.Fatal(err)
	}
	n, err := e.svc.Sweep(t.Context())
	if err != nil {
		t.Fatal(err)
	}

	if n != 2 || !e.taskExists(t, a.ID) || !e.taskExists(t, b.ID) {
		t.Errorf("Sweep enqueued %d, a %v, b %v; want 2, both", n,
			e.taskExists(t, a.ID), e.taskExists(t, b.ID))
	}

	e.clock.Set(e.get(t, later.ID).NextAttemptAt)
	if n, _ := e.svc.Sweep(t.Context()); n != 3 {
		t.Errorf("Sweep once the retry is due enqueued %d, want 3", n)
	}
	if !e.taskExists(t, later.ID+"-3") {
		t.Errorf("retry task %s-3 missing after the sweep", later.ID)
	}
}

func TestSweeperStartsWithASweep(t *testing.T) {
	e := newEnv(t, outbox.Config{SweepInterval: time.Hour})
	m := e.add(t, outbox.ChannelWeCom, "k")
	if err := e.queue.Redis().FlushDB(t.Context()).Err(); err != nil {
		t.Fatal(err)
	}

	w := e.svc.NewSweeper()
	w.Start(t.Context())
	w.Shutdown()

	if !e.taskExists(t, m.ID) {
		t.Error("the first sweep did not enqueue the pending message")
	}
}

func TestDeliveryThroughTheQueue(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	snd := &fakeSender{sent: make(chan string, 1)}
	e.svc.RegisterSender(outbox.ChannelWeCom, snd)

	mux := asynq.NewServeMux()
	e.svc.Register(mux)
	srv := e.queue.Server(queue.ServerConfig{Concurrency: 2}, testenv.Logger())
	if err := srv.Start(mux); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)

	m := e.add(t, outbox.ChannelWeCom, "k")

	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	select {
	case id := <-snd.sent:
		if id != m.ID {
			t.Errorf("sent %s, want %s", id, m.ID)
		}
	case <-ctx.Done():
		t.Fatal("the queue never delivered the message")
	}
}
