package reliability_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	redisDown = 60 * time.Second
	// downSLA is the reminder's delay; the leads submitted while Redis is
	// down are due after it came back.
	downSLA = "2m"
)

// loadResult counts the submissions of one phase.
type loadResult struct {
	ok, failed atomic.Int64
}

// TestFault3RedisStopped runs formwork on a redis-server of its own under
// a steady load of lead submissions, kills that Redis for 60 s and starts
// it again empty: submissions keep succeeding (their SLA timers wait in
// MongoDB), /readyz says that Redis, and only Redis, is unavailable, and
// once Redis is back every lead gets its reminder — nothing lost. A long
// suite.
func TestFault3RedisStopped(t *testing.T) {
	long(t)
	r := startRedis(t)
	bin := buildBinary(t)
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	startServe(t, bin, t.TempDir(), addr, "FORMWORK_REDIS_ADDR="+r.addr)
	c := signupTenant(t, "http://"+addr, "redisdown")
	publishLeadApp(t, c, downSLA)

	var before, during, after loadResult
	phase := atomic.Pointer[loadResult]{}
	phase.Store(&before)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { submitUntil(c, &phase, stop) })

	time.Sleep(10 * time.Second)
	phase.Store(&during)
	r.stop()
	time.Sleep(redisDown / 2)
	ready := readiness(t, c)
	time.Sleep(redisDown / 2)
	r.restart()
	phase.Store(&after)
	time.Sleep(10 * time.Second)
	close(stop)
	wg.Wait()

	submitted := before.ok.Load() + during.ok.Load() + after.ok.Load()
	reminded, waited := waitReminders(t, c, submitted)
	met := during.failed.Load() == 0 && during.ok.Load() > 0 && reminded == submitted &&
		ready == "503 redis=unavailable mongodb=ok"
	report(t, figure{fault: "fault 3", what: "Redis killed for 60 s under load, back empty",
		value: fmt.Sprintf("submissions before/during/after: %d/%d/%d ok, %d/%d/%d failed; "+
			"/readyz while down: %s; %d of %d reminders, last %s after Redis returned",
			before.ok.Load(), during.ok.Load(), after.ok.Load(), before.failed.Load(),
			during.failed.Load(), after.failed.Load(), ready, reminded, submitted,
			waited.Round(time.Second)),
		target: "submissions succeed, readyz names redis, 0 lost", met: met})
	if !met {
		t.Errorf("Redis outage: %d submissions failed while down, readyz %q, %d of %d "+
			"reminders", during.failed.Load(), ready, reminded, submitted)
	}
}

// submitUntil submits leads one after another until stop, counting each
// outcome in the current phase.
func submitUntil(c *api, phase *atomic.Pointer[loadResult], stop <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		res := phase.Load()
		status, _, err := c.call("POST", "/api/v1/records", map[string]any{"form": "lead",
			"data": map[string]any{"company": fmt.Sprintf("Lead %d", i)}})
		if err == nil && status == http.StatusCreated {
			res.ok.Add(1)
		} else {
			res.failed.Add(1)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// readiness sums up /readyz: its status and each store's.
func readiness(t *testing.T, c *api) string {
	t.Helper()
	status, out, err := c.call("GET", "/readyz", nil)
	if err != nil {
		return err.Error()
	}
	stores, _ := out["stores"].(map[string]any)
	state := func(name string) string {
		s, _ := stores[name].(map[string]any)
		return fmt.Sprint(s["status"])
	}
	t.Logf("/readyz while Redis is down: %d %v", status, out)
	return fmt.Sprintf("%d redis=%s mongodb=%s", status, state("redis"), state("mongodb"))
}

// waitReminders polls the in-app deliveries until want are there or ten
// minutes pass (the reconciler runs every five), and returns how many
// there were and how long it waited.
func waitReminders(t *testing.T, c *api, want int64) (int64, time.Duration) {
	t.Helper()
	began := time.Now()
	var n int64
	for time.Since(began) < 10*time.Minute {
		n = countDeliveries(t, c)
		if n >= want {
			break
		}
		time.Sleep(5 * time.Second)
	}
	return n, time.Since(began)
}

// countDeliveries counts the tenant's in-app deliveries, page by page.
func countDeliveries(t *testing.T, c *api) int64 {
	t.Helper()
	var n int64
	cursor := ""
	for {
		q := url.Values{"channel": {"in_app"}, "limit": {"200"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		out := c.must(t, http.StatusOK, "GET", "/api/v1/deliveries?"+q.Encode(), nil)
		items, _ := out["items"].([]any)
		n += int64(len(items))
		cursor, _ = out["next_cursor"].(string)
		if cursor == "" {
			return n
		}
	}
}
