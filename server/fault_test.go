package server_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/server"
	"github.com/formworkhq/formwork/web"
)

// cutProxy forwards TCP to a target until cut: then it drops every open
// connection and refuses new ones until healed.
type cutProxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	cut   bool
	conns []net.Conn
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target}
	t.Cleanup(func() { _ = ln.Close(); p.setCut(true) })
	go p.serve()
	return p
}

func (p *cutProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.cut {
			p.mu.Unlock()
			_ = c.Close()
			continue
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			p.mu.Unlock()
			_ = c.Close()
			continue
		}
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		go func() { _, _ = io.Copy(up, c); _ = up.Close() }()
		go func() { _, _ = io.Copy(c, up); _ = c.Close() }()
	}
}

func (p *cutProxy) setCut(cut bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = cut
	if cut {
		for _, c := range p.conns {
			_ = c.Close()
		}
		p.conns = nil
	}
}

// TestSubmitWhileMongoIsUnreachable cuts the network to MongoDB in the
// middle of work: a submission answers 503 with a retry hint and writes
// nothing, and once the network is back the records are exactly those
// acknowledged.
func TestSubmitWhileMongoIsUnreachable(t *testing.T) {
	ctx := context.Background()
	backing := testenv.Mongo(t)
	proxy := newCutProxy(t, backing.Addr)
	st, err := mongo.Open(ctx, mongo.Options{URI: "mongodb://" + proxy.ln.Addr().String() +
		"/?serverSelectionTimeoutMS=1500&connectTimeoutMS=1500",
		Database: backing.DB.Name(), ConnectTimeout: 3 * time.Second}, testenv.Logger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })

	h := faultHarness(t, st)
	a := h.signup("zh-CN")
	h.designerFixtures(a)
	lead := map[string]any{"form": "lead", "data": map[string]any{"company": "Acme"}}

	proxy.setCut(true)
	res := h.do(req{method: "POST", path: "/api/v1/records", token: a.token, body: lead})
	if res.status != http.StatusServiceUnavailable || res.header.Get("Retry-After") == "" ||
		str(res.body["code"]) != "store.unavailable" {
		t.Fatalf("submit with MongoDB cut = %d %s", res.status, res.raw)
	}

	proxy.setCut(false)
	list := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/records?form=lead",
		token: a.token})
	if n := len(list.body["items"].([]any)); n != 1 {
		t.Fatalf("records after the cut = %d, want only the fixture's: %s", n, list.raw)
	}
}

// faultHarness is a harness on a given store.
func faultHarness(t *testing.T, st *mongo.Store) *harness {
	h := &harness{t: t, clock: clock.NewManual(time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)),
		store: st, queue: testenv.Queue(t)}
	log := testenv.Logger()
	accounts := auth.NewAccounts(st, h.clock, auth.Config{}, log)
	defs := designer.New(st, h.clock, log)
	rt, err := fwruntime.New(st, h.queue, defs, h.clock, fwruntime.Config{}, log)
	if err != nil {
		t.Fatal(err)
	}
	h.rt = rt
	h.srv = server.New(server.Deps{Store: st, Queue: h.queue, Accounts: accounts,
		Designer: defs, Records: rt.Records, Engine: rt.Engine, Outbox: rt.Outbox,
		Ledger: rt.Ledger, Clock: h.clock, Log: log, Web: web.Dist(),
		AdvanceClock: rt.AdvanceClock}, server.Options{AuthRateLimit: 10_000})
	ctx := context.Background()
	for _, ensure := range []func(context.Context) error{accounts.EnsureIndexes,
		defs.EnsureIndexes, rt.EnsureIndexes, h.srv.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			t.Fatal(err)
		}
	}
	h.listen()
	return h
}
