package reliability_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/inbound"
	"github.com/formworkhq/formwork/plugins/webhook"
	"github.com/formworkhq/formwork/runtime/outbox"
)

const (
	hookSecret   = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	crashedHooks = 10
)

// receiver is a webhook endpoint that verifies each request and, as the
// Standard Webhooks guide tells receivers to, applies each webhook-id once.
type receiver struct {
	mu       sync.Mutex
	requests int
	ids      map[string]int
	bad      int
	clk      clock.Clock
	key      []byte
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests++
	if inbound.Verify([][]byte{r.key}, req.Header, body, r.clk.Now()) != nil {
		r.bad++
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	r.ids[req.Header.Get(inbound.HeaderID)]++
}

// TestFault6CrashAfterWebhookAccepted delivers ten webhooks whose
// receiver answers 200, and kills the delivering process (its attempt
// never returns) before it can mark them delivered. A new process on the
// same stores takes the claims over once their lease ends and sends them
// again: the receiver sees each message's webhook-id twice, identical,
// and applies each once; every message ends delivered.
func TestFault6CrashAfterWebhookAccepted(t *testing.T) {
	st, q := testenv.Mongo(t), testenv.Queue(t)
	clk := clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	key, _ := webhook.DecodeSecret(hookSecret)
	rcv := &receiver{ids: map[string]int{}, clk: clk, key: key}
	srv := httptest.NewServer(rcv)
	t.Cleanup(srv.Close)

	// The first process: its sender posts, gets 200, and then hangs, as a
	// process killed at that instant never records the outcome.
	first := newHookService(t, st, q, clk, srv.URL, true)
	ctx, kill := context.WithCancel(context.Background())
	var hung sync.WaitGroup
	ids := make([]string, crashedHooks)
	for i := range ids {
		m, err := first.svc.Add(t.Context(), "t1", outbox.Message{Channel: "crm_hook",
			Kind: outbox.KindCallAction, Payload: map[string]any{"lead": i},
			DedupeKey: fmt.Sprintf("hook-%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = m.ID
		hung.Go(func() { _ = first.svc.Deliver(ctx, "t1", m.ID) })
		<-first.sent
	}

	// The second process starts after the first died; the claims' lease
	// (twice the send timeout) runs out and its sweep takes them over.
	second := newHookService(t, st, q, clk, srv.URL, false)
	clk.Advance(2*outbox.DefaultSendTimeout + time.Second)
	if _, err := second.svc.Sweep(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if err := second.svc.Deliver(t.Context(), "t1", id); err != nil {
			t.Fatal(err)
		}
	}
	kill()
	hung.Wait()

	checkOneEffect(t, second.svc, rcv, ids)
}

// hookService is an outbox whose "crm_hook" channel is the real webhook
// plugin; with hang set, its sender hangs after the send succeeded.
type hookService struct {
	svc  *outbox.Service
	sent chan string
}

func newHookService(t *testing.T, st *mongo.Store, q *queue.Queue, clk clock.Clock, url string,
	hang bool) *hookService {
	t.Helper()
	hook, err := webhook.Plugin{}.NewSender(plugins.Env{
		Settings: map[string]any{"url": url + "/hook", "secret": hookSecret},
		HTTP:     httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}),
		Clock:    clk})
	if err != nil {
		t.Fatal(err)
	}
	h := &hookService{svc: outbox.New(st, q, clk, outbox.Config{}, testenv.Logger()),
		sent: make(chan string, crashedHooks)}
	if err := h.svc.EnsureIndexes(t.Context()); err != nil {
		t.Fatal(err)
	}
	h.svc.RegisterSender("crm_hook", outbox.SenderFunc(
		func(ctx context.Context, m *outbox.Message) (string, error) {
			id, err := hook.Send(ctx, m)
			if !hang {
				return id, err
			}
			h.sent <- m.ID
			<-ctx.Done() // killed: the outcome is never recorded
			return "", ctx.Err()
		}))
	return h
}

func checkOneEffect(t *testing.T, svc *outbox.Service, rcv *receiver, ids []string) {
	t.Helper()
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	twice, delivered := 0, 0
	for _, id := range ids {
		if rcv.ids[id] == 2 {
			twice++
		}
		if get(t, svc, id).Status == outbox.StatusDelivered {
			delivered++
		}
	}
	effects := len(rcv.ids)
	if twice != len(ids) || effects != len(ids) || rcv.bad > 0 || delivered != len(ids) {
		t.Errorf("ids seen twice %d, distinct ids %d, bad signatures %d, delivered %d; want %d",
			twice, effects, rcv.bad, delivered, len(ids))
	}
	report(t, figure{fault: "fault 6", what: "crash after a webhook got 200, before marking",
		value: fmt.Sprintf("%d requests for %d messages, same webhook-id on both sends: %d/%d, "+
			"%d effects after dedupe, %d delivered", rcv.requests, len(ids), twice, len(ids),
			effects, delivered),
		target: "same id after restart, one effect", met: twice == len(ids) &&
			effects == len(ids) && delivered == len(ids)})
}
