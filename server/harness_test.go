package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	_ "github.com/formworkhq/formwork/plugins/builtin"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/runtime/attachment"
	"github.com/formworkhq/formwork/server"
	"github.com/formworkhq/formwork/web"
)

// harness is one server on real stores, driven in-process.
type harness struct {
	t     *testing.T
	srv   *server.Server
	clock *clock.Manual
	store *mongo.Store
	queue *queue.Queue
	rt    *fwruntime.Runtime
	base  string // http://127.0.0.1:port
}

var seq atomic.Int64

func newHarness(t *testing.T, opts server.Options) *harness {
	t.Helper()
	return harnessOn(t, testenv.Mongo(t), opts)
}

// harnessOn is a harness on a given store.
func harnessOn(t *testing.T, st *mongo.Store, opts server.Options) *harness {
	t.Helper()
	h := &harness{t: t, clock: clock.NewManual(time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)),
		store: st, queue: testenv.Queue(t)}
	log := testenv.Logger()
	accounts := auth.NewAccounts(h.store, h.clock, auth.Config{}, log)
	if opts.AuthRateLimit == 0 {
		opts.AuthRateLimit = 10_000
	}
	definitions := designer.New(h.store, h.clock, log)
	rt, err := fwruntime.New(h.store, h.queue, definitions, h.clock, fwruntime.Config{}, log)
	if err != nil {
		t.Fatal(err)
	}
	h.rt = rt
	ps := plugins.New(plugins.Config{Store: h.store, Clock: h.clock, Log: log,
		SecretKey: []byte("0123456789abcdef0123456789abcdef")})
	hub := datahub.New(h.store, rt.Records, h.clock, datahub.Config{Dir: t.TempDir()}, log)
	t.Cleanup(hub.Shutdown)
	files := attachment.New(h.store, h.clock, attachment.Config{MaxBytes: attachmentLimit}, log)
	h.srv = server.New(server.Deps{Store: h.store, Queue: h.queue, Accounts: accounts,
		Designer: definitions, Records: rt.Records, Engine: rt.Engine, Outbox: rt.Outbox,
		Ledger: rt.Ledger, Insights: rt.Insights, Intake: rt.Intake, DataHub: hub,
		Plugins: ps, Clock: h.clock, Attachments: files,
		Log: log, Web: web.Dist(),
		Templates:    templateLibrary(t, h.store, definitions, rt),
		AdvanceClock: rt.AdvanceClock}, opts)

	ctx := context.Background()
	if err := accounts.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	for _, ensure := range []func(context.Context) error{definitions.EnsureIndexes,
		rt.EnsureIndexes, ps.EnsureIndexes, hub.EnsureIndexes, files.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.srv.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	h.listen()
	return h
}

// listen serves the harness over a real loopback socket, so requests go
// through the same HTTP stack as in production (body limits included).
func (h *harness) listen() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		h.t.Fatal(err)
	}
	go func() { _ = h.srv.Serve(ln) }()
	h.base = "http://" + ln.Addr().String()
	h.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = h.srv.Shutdown(ctx)
	})
}

// response is an answer with its body decoded.
type response struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

// req describes one call; body may be a string (sent as is) or a value
// (marshalled).
type req struct {
	method  string
	path    string
	token   string
	body    any
	headers map[string]string
}

func (h *harness) do(r req) response {
	h.t.Helper()
	var rd io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	hr, err := http.NewRequest(r.method, h.base+r.path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	if r.body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.headers {
		hr.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		h.t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, header: res.Header, raw: raw}
	_ = json.Unmarshal(raw, &out.body)
	return out
}

// must asserts the status and returns the response.
func (h *harness) must(status int, r req) response {
	h.t.Helper()
	res := h.do(r)
	if res.status != status {
		h.t.Fatalf("%s %s = %d, want %d; body: %s", r.method, r.path, res.status, status, res.raw)
	}
	return res
}

// account is a signed-up tenant with its owner's token.
type account struct {
	tenantID string
	userID   string
	email    string
	token    string
}

const testPassword = "correct-horse"

func (h *harness) signup(locale string) account {
	h.t.Helper()
	n := seq.Add(1)
	email := fmt.Sprintf("owner%d@example.com", n)
	res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/signup",
		body: map[string]any{"tenant": fmt.Sprintf("Tenant %d", n), "name": "Owner",
			"email": email, "password": testPassword, "locale": locale}})
	return account{tenantID: str(res.body["tenant_id"]), userID: str(res.body["user_id"]),
		email: email, token: h.login(email, testPassword)}
}

func (h *harness) login(email, password string) string {
	h.t.Helper()
	res := h.must(http.StatusOK, req{method: "POST", path: "/api/v1/auth/login",
		body: map[string]string{"email": email, "password": password}})
	return str(res.body["token"])
}

// addUser creates a user with roles in a's tenant and returns its id and token.
func (h *harness) addUser(a account, roles ...auth.Role) (id, token string) {
	h.t.Helper()
	email := fmt.Sprintf("user%d@example.com", seq.Add(1))
	res := h.must(http.StatusCreated, req{method: "POST", path: "/api/v1/users", token: a.token,
		body: map[string]any{"email": email, "name": "Someone", "password": testPassword,
			"roles": roles}})
	return str(res.body["id"]), h.login(email, testPassword)
}

func (h *harness) userCount(token string) int {
	h.t.Helper()
	res := h.must(http.StatusOK, req{method: "GET", path: "/api/v1/users?limit=200", token: token})
	items, _ := res.body["items"].([]any)
	return len(items)
}

func str(v any) string { s, _ := v.(string); return s }

// fieldErrors returns pointer → code of a problem document's errors.
func fieldErrors(res response) map[string]string {
	out := map[string]string{}
	items, _ := res.body["errors"].([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		out[str(m["pointer"])] = str(m["code"])
	}
	return out
}
