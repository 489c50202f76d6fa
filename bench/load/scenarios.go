package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// Formwork figures, as the report names them.
const (
	fwHealthz  = "GET /healthz"
	fwSubmit   = "submit a lead"
	fwSubmit1  = "submit a lead, one connection"
	fwActivity = "log an activity"
	fwRead     = "dashboard read"
)

// idleSettle is how long a fresh server idles before its RSS is read.
const idleSettle = 5 * time.Second

// serveScenario starts fresh servers on empty data dirs: time to ready and
// the idle RSS, medians over runs.
func (b *bench) serveScenario(ctx context.Context) error {
	var ready, rss []float64
	for i := range b.o.runs {
		dir := filepath.Join(b.dir, fmt.Sprintf("serve-%d", i))
		fw, err := startFormwork(ctx, b.bin, dir, b.serveEnv(i))
		if err != nil {
			return err
		}
		time.Sleep(idleSettle)
		n, err := fw.rssBytes()
		fw.stop()
		if err != nil {
			return err
		}
		ready = append(ready, float64(fw.ready))
		rss = append(rss, float64(n))
	}
	b.res.readyAfter = time.Duration(medianOf(ready))
	b.res.idleRSS = int64(medianOf(rss))
	b.log.Info("serve", "ready_after", b.res.readyAfter, "idle_rss_mib", b.res.idleRSS>>20)
	return nil
}

// serveEnv is the environment of a fresh server: on external stores its own
// database, so that it starts as empty as an embedded one.
func (b *bench) serveEnv(i int) []string {
	if b.st.proxy == nil {
		return nil
	}
	env := slices.Clone(b.st.env)
	return append(env, fmt.Sprintf("FORMWORK_MONGO_DATABASE=%s_serve_%d", appDatabase, i))
}

func medianOf(vs []float64) float64 {
	vs = slices.Clone(vs)
	slices.Sort(vs)
	if len(vs) == 0 {
		return 0
	}
	if len(vs)%2 == 1 {
		return vs[len(vs)/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}

// httpScenario compares the cheapest Formwork route with a Fiber handler
// that does nothing: the HTTP floor of every other figure.
func (b *bench) httpScenario(ctx context.Context) error {
	if err := b.fiberBaseline(ctx); err != nil {
		return err
	}
	b.measure(ctx, fwHealthz, func(ctx context.Context, _, _ int) error {
		return b.api.call(ctx, http.MethodGet, "/healthz", "", nil, nil)
	})
	return nil
}

// ensureMongoBaselines measures the raw driver operations once per setup.
func (b *bench) ensureMongoBaselines(ctx context.Context) error {
	if _, ok := b.res.driven[rawInsert]; ok {
		return nil
	}
	return b.mongoBaselines(ctx)
}

// leadData is a valid lead of the lead_followup pack, unique per call.
func leadData(w, i int) map[string]any {
	return map[string]any{"company": fmt.Sprintf("杭州联信科技 %d-%d", w, i),
		"contact_name": "王磊", "mobile": "13800138000", "region": "east",
		"decision_role": "decision_maker", "budget_cycle": "quarterly", "pain_level": "high",
		"stage": "new", "utm_source": "baidu", "utm_medium": "cpc", "utm_campaign": "spring",
		"utm_content": "group-a", "landing_page": "https://example.com/demo"}
}

// submitScenario submits leads as the reps: validation against the pinned
// form, the insert, two process instances and their timers.
func (b *bench) submitScenario(ctx context.Context) error {
	if err := b.ensureMongoBaselines(ctx); err != nil {
		return err
	}
	var mu sync.Mutex
	submit := func(ctx context.Context, w, i int) error {
		var rec idOf
		err := b.api.call(ctx, http.MethodPost, "/api/v1/records", b.ten.rep(w).token,
			map[string]any{"form": "lead", "data": leadData(w, i)}, &rec)
		if err == nil {
			mu.Lock()
			b.res.records[w%len(b.ten.reps)] = append(b.res.records[w%len(b.ten.reps)], rec.ID)
			mu.Unlock()
		}
		return err
	}
	// One connection first: the cost of a submission without contention.
	b.measureOn(ctx, fwSubmit1, 1, func(ctx context.Context, _, i int) error {
		return submit(ctx, b.o.conns+i, i)
	})
	b.measure(ctx, fwSubmit, submit)
	b.profileServer(ctx, scenarioSubmit, b.o.conns, submit)
	return nil
}

// ensureRecords gives every rep at least one lead to log activities on.
func (b *bench) ensureRecords(ctx context.Context) error {
	for r := range b.ten.reps {
		if len(b.res.records[r]) > 0 {
			continue
		}
		var rec idOf
		err := b.api.call(ctx, http.MethodPost, "/api/v1/records", b.ten.reps[r].token,
			map[string]any{"form": "lead", "data": leadData(r, -1)}, &rec)
		if err != nil {
			return err
		}
		b.res.records[r] = append(b.res.records[r], rec.ID)
	}
	return nil
}

// activityScenario logs calls on the reps' own leads while the Redis proxy
// counts Formwork's commands; an idle window of the same length first
// gives the background rate (Asynq's polling and heartbeats).
func (b *bench) activityScenario(ctx context.Context) error {
	if err := b.ensureMongoBaselines(ctx); err != nil {
		return err
	}
	if err := b.ensureRecords(ctx); err != nil {
		return err
	}
	window := time.Duration(b.o.runs) * b.o.duration
	var idle, busy redisCount
	if b.st.proxy != nil {
		idle = b.countRedis(func() { time.Sleep(window) })
	}
	body := map[string]any{"kind": "call", "duration_s": 60, "note": "bench"}
	busy = b.countRedis(func() {
		b.measure(ctx, fwActivity, func(ctx context.Context, w, i int) error {
			recs := b.res.records[w%len(b.ten.reps)]
			id := recs[i%len(recs)]
			return b.api.call(ctx, http.MethodPost, "/api/v1/records/"+id+"/activities",
				b.ten.rep(w).token, body, nil)
		})
	})
	if b.st.proxy != nil {
		b.res.activityRedis = &redisActivity{idle: idle, busy: busy,
			activities: int64(float64(b.res.driven[fwActivity].Ops) * window.Seconds())}
	}
	return nil
}

// redisCount is what the proxy saw during a window.
type redisCount struct {
	commands, taskOps int64
	elapsed           time.Duration
}

func (b *bench) countRedis(f func()) redisCount {
	if b.st.proxy == nil {
		f()
		return redisCount{}
	}
	c0, t0 := b.st.proxy.counts()
	start := time.Now()
	f()
	c1, t1 := b.st.proxy.counts()
	return redisCount{commands: c1 - c0, taskOps: t1 - t0, elapsed: time.Since(start)}
}

// installScenario installs every pack into fresh tenants and keeps the
// median time of the pack that writes the most definitions.
func (b *bench) installScenario(ctx context.Context) error {
	results := map[string][]float64{}
	sizes := map[string]int{}
	for range b.o.runs {
		t, err := signupTenant(ctx, b.api, "install")
		if err != nil {
			return err
		}
		for _, pack := range []string{"lead_followup", "commitment_center"} {
			var res struct {
				Created []any `json:"created"`
			}
			start := time.Now()
			err := b.api.call(ctx, http.MethodPost, "/api/v1/templates/"+pack+"/install",
				t.ownerToken, map[string]any{"sample_data": true}, &res)
			if err != nil {
				return err
			}
			results[pack] = append(results[pack], float64(time.Since(start)))
			sizes[pack] = len(res.Created)
		}
	}
	best := ""
	for pack, n := range sizes {
		if best == "" || n > sizes[best] || (n == sizes[best] && pack < best) {
			best = pack
		}
	}
	b.res.install = &installResult{pack: best, definitions: sizes[best],
		took: time.Duration(medianOf(results[best]))}
	return nil
}
