package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Timers are paced at timerRate per second for -duration in the precision
// run; the first is due timerLead after the last submission could start,
// so that each goes the normal way (Asynq ahead of time, then the
// releaser at its due time).
const (
	timerRate    = 20
	timerLead    = 8 * time.Second
	submitters   = 8
	fireDeadline = 2 * time.Minute
)

// timerResult is the timers scenario of one setup.
type timerResult struct {
	// Paced run: lateness of each promise's reminder against its due time.
	paced          int
	early          int
	p50, p99, pmax time.Duration
	// Burst run: timers all due at one instant, fired per second.
	burst   int
	drain   time.Duration
	perSec  float64
	skipped int
}

// timersScenario submits promises of the commitment_center pack whose
// delivery time is a few seconds ahead: at that instant the promise_due
// process fires its timer, advances through a gateway and writes an in-app
// reminder to the outbox. Lateness is the reminder's created_at minus the
// promise's delivery time.
func (b *bench) timersScenario(ctx context.Context) error {
	if err := b.ensureMongoBaselines(ctx); err != nil {
		return err
	}
	t, err := seedTenant(ctx, b.api, "timers", submitters, "commitment_center")
	if err != nil {
		return err
	}
	n := timerRate * int(b.o.duration/time.Second)
	n = max(n, 10)
	before, err := b.handlerLateness(ctx)
	if err != nil {
		return err
	}
	paced, err := b.timerRun(ctx, t, n, func(t0 time.Time, i int) time.Time {
		return t0.Add(time.Duration(i) * time.Second / timerRate)
	})
	if err != nil {
		return err
	}
	if err := b.logHandlerLateness(ctx, before); err != nil {
		return err
	}
	burst, err := b.timerRun(ctx, t, b.o.timers, func(t0 time.Time, _ int) time.Time {
		return t0
	})
	if err != nil {
		return err
	}
	b.res.timers = timerFigures(paced, burst)
	b.res.bullmqNote = "not run (-peers=false)"
	if b.o.peers {
		b.res.bullmq, b.res.bullmqNote = b.bullmqPeer(ctx)
	}
	b.log.Info("timers", "p99", b.res.timers.p99, "early", b.res.timers.early,
		"fired_per_s", b.res.timers.perSec)
	return nil
}

// lateness is each fired timer's delay; negative means early.
type lateness struct {
	late    []time.Duration
	skipped int
}

// timerRun submits n promises due at due(t0, i) and waits for their
// reminders.
func (b *bench) timerRun(ctx context.Context, t *tenant, n int,
	due func(time.Time, int) time.Time) (lateness, error) {
	seen, err := b.reminded(ctx, t)
	if err != nil {
		return lateness{}, err
	}
	rate, err := b.promiseRate(ctx, t)
	if err != nil {
		return lateness{}, err
	}
	// Leave half as much time again as the submissions should take.
	ahead := timerLead + time.Duration(1.5*float64(n)/rate*float64(time.Second))
	t0 := time.Now().Add(ahead).Truncate(time.Millisecond)
	dues, err := b.submitPromises(ctx, t, n, t0, due)
	if err != nil {
		return lateness{}, err
	}
	last := t0
	for _, d := range dues {
		last = later(last, d)
	}
	fired, err := b.waitReminders(ctx, t, seen, dues, last.Add(fireDeadline))
	if err != nil {
		return lateness{}, err
	}
	var out lateness
	for id, d := range dues {
		if at, ok := fired[id]; ok {
			out.late = append(out.late, at.Sub(d))
		} else {
			out.skipped++
		}
	}
	slices.Sort(out.late)
	return out, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// promiseRate measures how many promises per second the submitters get
// in, with promises due in a day (the bench is over long before they fire).
func (b *bench) promiseRate(ctx context.Context, t *tenant) (float64, error) {
	start := time.Now()
	far := start.Add(24 * time.Hour)
	_, err := b.submitPromises(ctx, t, 2*submitters, far, func(t0 time.Time, _ int) time.Time {
		return t0
	})
	if err != nil {
		return 0, err
	}
	return float64(2*submitters) / max(time.Since(start).Seconds(), 0.001), nil
}

// submitPromises submits n promises on a few connections and returns each
// record's due time; one whose submission ended after its due time is left
// out (it would measure the submission, not the timer).
func (b *bench) submitPromises(ctx context.Context, t *tenant, n int, t0 time.Time,
	due func(time.Time, int) time.Time) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for w := range submitters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += submitters {
				d := due(t0, i)
				id, err := b.submitPromise(ctx, t.rep(w).token, i, d)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if err == nil && time.Now().Before(d) {
					out[id] = d
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out, firstErr
}

func (b *bench) submitPromise(ctx context.Context, token string, i int,
	due time.Time) (string, error) {
	var rec idOf
	err := b.api.call(ctx, http.MethodPost, "/api/v1/records", token, map[string]any{
		"form": "promise", "data": map[string]any{"customer": fmt.Sprintf("客户 %d", i),
			"delivery_at": due.UTC().Format(time.RFC3339Nano), "price_range": "8 万 – 9.5 万元",
			"extra_benefits": "免费试用两个月", "status": "open"}}, &rec)
	return rec.ID, err
}

// delivery is the part of an outbox message the scenario reads.
type delivery struct {
	ID        string    `json:"id"`
	RecordID  string    `json:"record_id"`
	CreatedAt time.Time `json:"created_at"`
}

// reminded lists the tenant's in-app messages: record → earliest created_at.
func (b *bench) reminded(ctx context.Context, t *tenant) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	cursor := ""
	for {
		var page struct {
			Items      []delivery `json:"items"`
			NextCursor string     `json:"next_cursor"`
		}
		q := url.Values{"channel": {"in_app"}, "limit": {"100"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		err := b.api.call(ctx, http.MethodGet, "/api/v1/deliveries?"+q.Encode(), t.ownerToken,
			nil, &page)
		if err != nil {
			return nil, err
		}
		for _, d := range page.Items {
			if at, ok := out[d.RecordID]; !ok || d.CreatedAt.Before(at) {
				out[d.RecordID] = d.CreatedAt
			}
		}
		if page.NextCursor == "" || len(page.Items) == 0 {
			return out, nil
		}
		cursor = page.NextCursor
	}
}

// waitReminders polls until every record of dues has a reminder not in
// seen, or until deadline.
func (b *bench) waitReminders(ctx context.Context, t *tenant, seen map[string]time.Time,
	dues map[string]time.Time, deadline time.Time) (map[string]time.Time, error) {
	for {
		all, err := b.reminded(ctx, t)
		if err != nil {
			return nil, err
		}
		got := map[string]time.Time{}
		for id := range dues {
			if at, ok := all[id]; ok {
				if _, old := seen[id]; !old {
					got[id] = at
				}
			}
		}
		if len(got) == len(dues) || time.Now().After(deadline) {
			return got, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// timerFigures turns the two runs into the scenario's figures.
func timerFigures(paced, burst lateness) *timerResult {
	r := &timerResult{paced: len(paced.late), burst: len(burst.late),
		skipped: paced.skipped + burst.skipped}
	for _, l := range paced.late {
		if l < 0 {
			r.early++
		}
	}
	r.p50 = quantile(paced.late, 0.50)
	r.p99 = quantile(paced.late, 0.99)
	r.pmax = quantile(paced.late, 1)
	for _, l := range burst.late {
		if l < 0 {
			r.early++
		}
	}
	if len(burst.late) > 0 {
		r.drain = burst.late[len(burst.late)-1]
		r.perSec = float64(len(burst.late)) / max(r.drain.Seconds(), 0.001)
	}
	return r
}

// quantile of sorted durations, nearest rank.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// latenessMetric is the timer service's histogram of how late handlers
// were called (formwork_timer_lateness_seconds).
const latenessMetric = "formwork_timer_lateness_seconds_bucket"

// handlerLateness reads the server's lateness histogram, summed over timer
// kinds: upper bound in seconds → cumulative count.
func (b *bench) handlerLateness(ctx context.Context) (map[float64]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.api.base+"/metrics", nil)
	if err != nil {
		return nil, fmt.Errorf("reading /metrics: %w", err)
	}
	res, err := b.api.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("reading /metrics: %w", err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("reading /metrics: %w", err)
	}
	return parseBuckets(string(raw)), nil
}

// parseBuckets sums the latenessMetric lines of a Prometheus text page by
// their le label (+Inf included: the count); unreadable lines are left out.
func parseBuckets(page string) map[float64]float64 {
	out := map[float64]float64{}
	for _, line := range strings.Split(page, "\n") {
		if !strings.HasPrefix(line, latenessMetric+"{") {
			continue
		}
		_, rest, ok := strings.Cut(line, `le="`)
		le, rest, ok2 := strings.Cut(rest, `"`)
		fields := strings.Fields(rest)
		if !ok || !ok2 || len(fields) == 0 {
			continue
		}
		bound, err1 := strconv.ParseFloat(le, 64)
		n, err2 := strconv.ParseFloat(fields[len(fields)-1], 64)
		if err1 == nil && err2 == nil {
			out[bound] += n
		}
	}
	return out
}

// logHandlerLateness logs when the handlers of the timers fired since
// before were called, from the server's own histogram: the timer service's
// part of the lateness, apart from the handler's work until the reminder.
func (b *bench) logHandlerLateness(ctx context.Context, before map[float64]float64) error {
	after, err := b.handlerLateness(ctx)
	if err != nil {
		return err
	}
	bounds := make([]float64, 0, len(after))
	for le := range after {
		bounds = append(bounds, le)
	}
	slices.Sort(bounds)
	if len(bounds) == 0 {
		return nil
	}
	total := after[bounds[len(bounds)-1]] - before[bounds[len(bounds)-1]]
	at := func(q float64) string {
		prev := 0.0
		for _, le := range bounds {
			if math.IsInf(le, 1) {
				return "> " + seconds(prev)
			}
			if after[le]-before[le] >= q*total {
				return "≤ " + seconds(le)
			}
			prev = le
		}
		return "—"
	}
	b.log.Info("timer handlers called", "timers", total, "late_p50", at(0.5), "late_p99", at(0.99))
	return nil
}

func seconds(s float64) string { return time.Duration(s * float64(time.Second)).String() }

// peerResult is the BullMQ peer's JSON answer.
type peerResult struct {
	Timers    int     `json:"timers"`
	Early     int     `json:"early"`
	P50ms     float64 `json:"p50_ms"`
	P99ms     float64 `json:"p99_ms"`
	MaxMs     float64 `json:"max_ms"`
	Burst     int     `json:"burst"`
	DrainMs   float64 `json:"drain_ms"`
	DrainPerS float64 `json:"drain_per_s"`
}

// bullmqPeer runs bench/peers/bullmq on the same Redis database as the
// setup, when it is a real Redis and Node and the peer's modules are there.
func (b *bench) bullmqPeer(ctx context.Context) (*peerResult, string) {
	if !b.st.realRedis {
		return nil, "not run: BullMQ needs a real Redis (Lua, blocking commands)"
	}
	root, err := moduleRoot(ctx)
	if err != nil {
		return nil, err.Error()
	}
	dir := filepath.Join(root, "bench", "peers", "bullmq")
	addr := strings.TrimPrefix(b.st.redis.Options().Addr, "redis://")
	cmd := exec.CommandContext(ctx, "node", "timers.mjs", "--redis", addr,
		"--db", fmt.Sprint(b.o.redisDB), "--rate", fmt.Sprint(timerRate),
		"--seconds", fmt.Sprint(int(b.o.duration/time.Second)), "--burst", fmt.Sprint(b.o.timers))
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Sprintf("not run: node timers.mjs: %v (run npm ci in %s)", err, dir)
	}
	var r peerResult
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, fmt.Sprintf("not run: reading the peer's answer: %v", err)
	}
	return &r, ""
}
