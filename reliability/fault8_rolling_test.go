package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/timer"
)

// TestFault8RollingRestart runs two `formwork serve` processes on one
// standalone store (`formwork store serve -backend sqlite`) and a
// redis-server of the test's own, behind a client that, like a load
// balancer, sends each submission to one of them and to the other when
// that one is down. Under a steady load of leads with one-minute SLAs it
// restarts them one after the other with SIGTERM: every submission is
// answered, every acknowledged lead is stored and gets its reminder, and
// no Asynq task is left active. A long suite.
func TestFault8RollingRestart(t *testing.T) {
	long(t)
	r := startRedis(t)
	bin := buildBinary(t)
	storeURI := startStore(t, bin)
	env := []string{"FORMWORK_MONGO_URI=" + storeURI, "FORMWORK_REDIS_ADDR=" + r.addr}
	addrs := []string{fmt.Sprintf("127.0.0.1:%d", freePort(t)),
		fmt.Sprintf("127.0.0.1:%d", freePort(t))}
	procs := []*process{startServe(t, bin, t.TempDir(), addrs[0], env...),
		startServe(t, bin, t.TempDir(), addrs[1], env...)}
	owner := signupTenant(t, "http://"+addrs[0], "rolling")
	publishLeadApp(t, owner, "1m")

	lb := &balancer{addrs: addrs, token: owner.token}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { lb.load(stop) })

	var stops []string
	for i := range procs {
		time.Sleep(10 * time.Second)
		took, err := terminate(procs[i])
		stops = append(stops, fmt.Sprintf("%s (%v)", took.Round(100*time.Millisecond), err))
		procs[i] = startServe(t, bin, t.TempDir(), addrs[i], env...)
	}
	time.Sleep(10 * time.Second)
	close(stop)
	wg.Wait()

	acked := lb.acked.Load()
	stored := countPages(t, owner, "/api/v1/records", url.Values{"form": {"lead"}})
	reminded, waited := waitCount(t, owner, acked)
	active := settledActive(t, openQueue(t, r.addr))
	lateness := timerLateness(t, storeURI)
	met := lb.failed.Load() == 0 && stored == acked && reminded == acked && active == 0
	report(t, figure{fault: "fault 8", what: "rolling SIGTERM restart of two formwork serve " +
		"processes under load",
		value: fmt.Sprintf("%d submissions answered 201, %d failed; %d stored, %d reminders "+
			"(%s after the load); SLA lateness %s; shutdowns took %v; %d Asynq tasks "+
			"active at the end", acked, lb.failed.Load(), stored, reminded,
			waited.Round(time.Second), lateness, stops, active),
		target: "0 failed, 0 lost, 0 stuck active", met: met})
	if !met {
		t.Errorf("rolling restart: acked %d, failed %d, stored %d, reminded %d, active %d",
			acked, lb.failed.Load(), stored, reminded, active)
	}
}

// startStore runs a standalone FerretDB on SQLite for the test and
// returns its URI.
func startStore(t *testing.T, bin string) string {
	t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	cmd := exec.Command(bin, "store", "serve", "-backend", "sqlite", "-sqlite-dir", t.TempDir(),
		"-listen", addr)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			_ = c.Close()
			return "mongodb://" + addr + "/"
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the standalone store did not listen")
	return ""
}

// terminate sends SIGTERM and waits for the process to exit.
func terminate(p *process) (time.Duration, error) {
	began := time.Now()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	err := p.cmd.Wait()
	return time.Since(began), err
}

// balancer sends each submission to one server, and to the next when that
// one refuses the connection or answers 502/503, as a load balancer with
// health checks would.
type balancer struct {
	addrs  []string
	token  string
	next   atomic.Int64
	acked  atomic.Int64
	failed atomic.Int64
}

func (b *balancer) load(stop <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		if b.submit(i) {
			b.acked.Add(1)
		} else {
			b.failed.Add(1)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// submit posts lead i, trying each server once, under one Idempotency-Key
// so that a retry on the other server cannot create it twice.
func (b *balancer) submit(i int) bool {
	start := int(b.next.Add(1))
	for k := range len(b.addrs) {
		c := &api{base: "http://" + b.addrs[(start+k)%len(b.addrs)], token: b.token}
		status, _, err := c.callWithKey("POST", "/api/v1/records", map[string]any{
			"form": "lead", "data": map[string]any{"company": fmt.Sprintf("Lead %d", i)}},
			fmt.Sprintf("rolling-%d", i))
		if err == nil && status == http.StatusCreated {
			return true
		}
		var op *net.OpError
		if err != nil && !errors.As(err, &op) {
			return false
		}
		if err == nil && status != http.StatusBadGateway &&
			status != http.StatusServiceUnavailable {
			return false
		}
	}
	return false
}

// waitCount polls the in-app deliveries until want are there or five
// minutes pass.
func waitCount(t *testing.T, c *api, want int64) (int64, time.Duration) {
	t.Helper()
	began := time.Now()
	var n int64
	for time.Since(began) < 5*time.Minute {
		n = countPages(t, c, "/api/v1/deliveries", url.Values{"channel": {"in_app"}})
		if n >= want {
			break
		}
		time.Sleep(5 * time.Second)
	}
	return n, time.Since(began)
}

// countPages counts the items of a list, page by page.
func countPages(t *testing.T, c *api, path string, q url.Values) int64 {
	t.Helper()
	var n int64
	q.Set("limit", "200")
	for {
		out := c.must(t, http.StatusOK, "GET", path+"?"+q.Encode(), nil)
		items, _ := out["items"].([]any)
		n += int64(len(items))
		cursor, _ := out["next_cursor"].(string)
		if cursor == "" {
			return n
		}
		q.Set("cursor", cursor)
	}
}

// timerLateness reads the SLA timers from the store and sums up how late
// they fired: p50, p90, p99 and max, and how many fired over 10 s late.
func timerLateness(t *testing.T, uri string) string {
	t.Helper()
	ctx := context.Background()
	st, err := mongo.Open(ctx, mongo.Options{URI: uri}, testenv.Logger())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	var timers []timer.Timer
	cur, err := st.Unscoped(timer.Collection).Find(ctx,
		bson.D{{Key: "kind", Value: "engine.boundary"}})
	if err == nil {
		err = cur.All(ctx, &timers)
	}
	if err != nil {
		t.Fatal(err)
	}
	var late []time.Duration
	over := 0
	for _, tm := range timers {
		if tm.Status != timer.StatusFired {
			continue
		}
		d := tm.FiredAt.Sub(tm.DueAt)
		late = append(late, d)
		if d > 10*time.Second {
			over++
		}
	}
	r := func(q float64) time.Duration { return percentile(late, q).Round(time.Millisecond) }
	return fmt.Sprintf("p50 %s, p90 %s, p99 %s, max %s, %d of %d over 10 s", r(0.5), r(0.9),
		r(0.99), r(1), over, len(late))
}
