package server_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/server"
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

	h := harnessOn(t, st, server.Options{})
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
