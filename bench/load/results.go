package main

import (
	"fmt"
	"slices"
	"time"
)

// targetResult is everything measured on one store setup.
type targetResult struct {
	name, about string
	// driven holds the median summary of each driven operation by name.
	driven map[string]summary
	// records are the leads submitted, by rep index.
	records       map[int][]string
	readyAfter    time.Duration
	idleRSS       int64
	activityRedis *redisActivity
	timers        *timerResult
	bullmq        *peerResult
	bullmqNote    string
	memory        *memoryResult
	dashboard     *dashboardResult
	install       *installResult
	// updateConns, when set, is the connection count the raw update
	// baseline had to fall back to.
	updateConns int
	// logs counts what Formwork logged at warn and error, over every
	// server the setup started.
	logs []logCount
	// profiles are CPU profiles of the server under load.
	profiles []*serverProfile
}

// addLogs merges the counts of one server log.
func (t *targetResult) addLogs(counts []logCount) {
	for _, c := range counts {
		i := slices.IndexFunc(t.logs, func(l logCount) bool {
			return l.level == c.level && l.msg == c.msg
		})
		if i < 0 {
			t.logs = append(t.logs, c)
			continue
		}
		t.logs[i].n += c.n
	}
	slices.SortFunc(t.logs, func(a, b logCount) int { return b.n - a.n })
}

// redisActivity is what the proxy counted around the activity runs.
type redisActivity struct {
	idle, busy redisCount
	activities int64
}

// installResult is the install scenario.
type installResult struct {
	pack        string
	definitions int
	took        time.Duration
}

// row is one line of the results table.
type row struct {
	path, figure, baseline, ratio, target, met string
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func pct(v float64) string {
	if v <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f %%", v*100)
}

// latencies prints p50 / p95 / p99.
func latencies(s summary) string {
	return fmt.Sprintf("p50 %s · p95 %s · p99 %s", fmtDuration(s.P50), fmtDuration(s.P95),
		fmtDuration(s.P99))
}

func driven(s summary) string {
	out := fmtRate(s.PerSec()) + ", " + latencies(s)
	if s.Errors > 0 {
		out += fmt.Sprintf(", %d errors", s.Errors)
	}
	return out
}

func ratioOf(a, b summary) float64 {
	if b.PerSec() == 0 {
		return 0
	}
	return a.PerSec() / b.PerSec()
}

// rows turns a setup's results into table rows, in the order.
func (t *targetResult) rows(conns int) []row {
	var out []row
	out = append(out, t.submitRows(conns)...)
	out = append(out, t.activityRows()...)
	out = append(out, t.timerRows()...)
	out = append(out, t.memoryRows()...)
	out = append(out, t.readRows()...)
	out = append(out, t.installRows()...)
	out = append(out, t.serveRows()...)
	return append(out, t.httpRows()...)
}

func (t *targetResult) submitRows(conns int) []row {
	s, ok := t.driven[fwSubmit]
	base := t.driven[rawInsert]
	if !ok {
		return nil
	}
	r := ratioOf(s, base)
	out := []row{{path: fmt.Sprintf("submit a lead (%d connections)", conns),
		figure: driven(s), baseline: rawInsert + ": " + driven(base), ratio: pct(r),
		target: "≥ 50 %; p99 < 50 ms",
		met:    yesNo(r >= 0.5 && s.P99 < 50*time.Millisecond)}}
	if one, ok := t.driven[fwSubmit1]; ok {
		out = append(out, row{path: "submit a lead (1 connection: no contention)",
			figure: driven(one), baseline: "—", ratio: "—", target: "—", met: "—"})
	}
	return out
}

func (t *targetResult) activityRows() []row {
	s, ok := t.driven[fwActivity]
	if !ok {
		return nil
	}
	base := t.driven[rawUpdate]
	r := ratioOf(s, base)
	baseName := t.updateName()
	redisOK, redisText := true, "Redis not observable (in-process miniredis)"
	if a := t.activityRedis; a != nil {
		// Asynq polls and runs other tasks all the time: what counts is
		// the rate above the idle window's.
		extra := float64(a.busy.commands) - perSec(a.idle)*a.busy.elapsed.Seconds()
		per := extra / float64(max(a.activities, 1))
		redisOK = per < 0.01
		redisText = fmt.Sprintf("Redis commands beyond the idle rate: %.3f per activity "+
			"(%s/s idle, %s/s during ~%s activities)", max(per, 0),
			fmtRate(perSec(a.idle)), fmtRate(perSec(a.busy)), group(a.activities))
	}
	return []row{{path: "log an activity", figure: driven(s) + "; " + redisText,
		baseline: baseName + ": " + driven(base), ratio: pct(r),
		target: "≥ 80 %; 0 Redis commands", met: yesNo(r >= 0.8 && redisOK)}}
}

func perSec(c redisCount) float64 {
	if c.elapsed <= 0 {
		return 0
	}
	return float64(c.commands) / c.elapsed.Seconds()
}

func (t *targetResult) timerRows() []row {
	tr := t.timers
	if tr == nil {
		return nil
	}
	peer := "BullMQ: " + t.bullmqNote
	if p := t.bullmq; p != nil {
		peer = fmt.Sprintf("BullMQ on the same Redis: p50 %.0f ms · p99 %.0f ms, %d of %d early",
			p.P50ms, p.P99ms, p.Early, p.Timers)
	}
	precision := row{path: fmt.Sprintf("timer precision (%d/s for %d timers)", timerRate,
		tr.paced), figure: fmt.Sprintf("lateness p50 %s · p99 %s · max %s; %d early",
		fmtDuration(tr.p50), fmtDuration(tr.p99), fmtDuration(tr.pmax), tr.early),
		baseline: peer, ratio: "—", target: "none early; p99 < 100 ms",
		met: yesNo(tr.early == 0 && tr.p99 < 100*time.Millisecond && tr.paced > 0)}
	base := t.driven[rawUpdate]
	r := tr.perSec / max(base.PerSec(), 1e-9)
	drainPeer := ""
	if p := t.bullmq; p != nil {
		drainPeer = fmt.Sprintf("; BullMQ %s", fmtRate(p.DrainPerS))
	}
	drain := row{path: fmt.Sprintf("timers fired per second (%d due at once)", tr.burst),
		figure: fmt.Sprintf("%s (last fired %s after the due time)", fmtRate(tr.perSec),
			fmtDuration(tr.drain)), baseline: t.updateName() + ": " + fmtRate(base.PerSec()) +
			drainPeer, ratio: pct(r), target: "≥ 30 %", met: yesNo(r >= 0.3)}
	return []row{precision, drain}
}

func (t *targetResult) memoryRows() []row {
	m := t.memory
	if m == nil {
		return nil
	}
	if m.note != "" {
		return []row{{path: "Redis memory, pending timers over 30 days", figure: m.note,
			baseline: "—", ratio: "—", target: "< 64 MB", met: "—"}}
	}
	held := m.keysAfter - m.keysBefore
	raw := m.rawPerTask * float64(m.timers)
	return []row{{path: fmt.Sprintf("Redis memory, %s pending timers over 30 days",
		group(int64(m.timers))), figure: fmt.Sprintf("%s in the bench database "+
		"(%s scheduled tasks: the next hour); server used_memory moved %s",
		mib(held), group(m.inRedis), mib(m.usedDelta)),
		baseline: fmt.Sprintf("one Asynq task each: %.0f B × %s = %s", m.rawPerTask,
			group(int64(m.timers)), mib(int64(raw))),
		ratio: pct(float64(held) / max(raw, 1)), target: "< 64 MB",
		met: yesNo(held < 64<<20)}}
}

func kib(n int) string { return fmt.Sprintf("%.0f KB", float64(n)/1024) }

func mib(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func (t *targetResult) readRows() []row {
	d, s := t.dashboard, t.driven[fwRead]
	if d == nil {
		return nil
	}
	base := t.driven[rawFind]
	fig := driven(s)
	if d.rollupDocs > 0 {
		fig += fmt.Sprintf("; %d rollup documents, the largest %s", d.rollupDocs,
			kib(d.rollupMax))
	}
	return []row{{path: fmt.Sprintf("read: %s, at %s leads", d.what, group(int64(d.records))),
		figure: fig, baseline: rawFind + ": " + driven(base),
		ratio: pct(ratioOf(s, base)), target: "p95 < 50 ms (at 1 M records)",
		met: readMet(s)}}
}

// readMet says whether the dashboard read met its target at the size it
// ran at; a read that never completed met nothing.
func readMet(s summary) string {
	if s.Ops == 0 {
		return "**no**: no read completed"
	}
	return yesNo(s.P95 < 50*time.Millisecond) + " at this size"
}

func (t *targetResult) installRows() []row {
	in := t.install
	if in == nil {
		return nil
	}
	base := t.driven[rawInsert]
	return []row{{path: fmt.Sprintf("install the largest pack (%s, %d definitions, "+
		"with samples)", in.pack, in.definitions), figure: fmtDuration(in.took),
		baseline: rawInsert + " p50: " + fmtDuration(base.P50), ratio: "—",
		target: "< 1 s", met: yesNo(in.took < time.Second)}}
}

func (t *targetResult) serveRows() []row {
	if t.readyAfter == 0 {
		return nil
	}
	return []row{{path: "`formwork serve`: ready after start / idle RSS",
		figure:   fmt.Sprintf("%s / %s", fmtDuration(t.readyAfter), mib(t.idleRSS)),
		baseline: "—", ratio: "—", target: "< 3 s / < 150 MB",
		met: yesNo(t.readyAfter < 3*time.Second && t.idleRSS < 150<<20)}}
}

func (t *targetResult) httpRows() []row {
	s, ok := t.driven[fwHealthz]
	if !ok {
		return nil
	}
	base := t.driven[rawFiber]
	return []row{{path: "HTTP floor: " + fwHealthz, figure: driven(s),
		baseline: rawFiber + ": " + driven(base), ratio: pct(ratioOf(s, base)),
		target: "—", met: "—"}}
}

// updateName names the raw update baseline with its fallback, if any.
func (t *targetResult) updateName() string {
	if t.updateConns == 0 {
		return rawUpdate
	}
	return fmt.Sprintf("%s (on %d connections: 64 hung FerretDB)", rawUpdate, t.updateConns)
}
