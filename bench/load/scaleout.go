package main

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
)

// inputs picks the setup whose figures feed the model: the networked store
// when it was measured, since production runs on one.
func (r *report) inputs() *targetResult {
	for _, t := range r.targets {
		if t.name != targetEmbedded {
			return t
		}
	}
	if len(r.targets) > 0 {
		return r.targets[0]
	}
	return nil
}

// perCore is a rate of this machine divided by its cores: a floor, since
// Formwork, the stores and the load generator all ran on them.
func perCore(v float64) float64 { return v / float64(runtime.NumCPU()) }

func (r *report) scaleOut(w io.Writer) {
	t := r.inputs()
	if t == nil {
		return
	}
	// Contention is per tenant and day (see the reading), so across many
	// tenants the uncontended one-connection rate is the per-core input.
	submit, insert := t.driven[fwSubmit], t.driven[rawInsert]
	if one := t.driven[fwSubmit1]; one.PerSec() > submit.PerSec() {
		submit = one
	}
	read, update := t.driven[fwRead], t.driven[rawUpdate]
	fire := 0.0
	if t.timers != nil {
		fire = t.timers.perSec
	}
	fmt.Fprintf(w, "## Scale-out on paper\n\n")
	fmt.Fprintf(w, "Inputs, per core of this machine (figures of the %s setup divided by "+
		"%d cores; a floor, because Formwork, the store and the load generator shared "+
		"them): submissions %.0f/s, timers fired %.0f/s, dashboard reads %.0f/s, raw "+
		"inserts %.0f/s, raw updates %.0f/s.\n\n", t.name, runtime.NumCPU(),
		perCore(submit.PerSec()), perCore(fire), perCore(read.PerSec()),
		perCore(insert.PerSec()), perCore(update.PerSec()))
	fmt.Fprint(w, strings.Join([]string{
		"- `formwork serve` instances are stateless: submissions and reads grow with " +
			"API cores until the MongoDB primary of a shard is the limit. One submission " +
			"costs the store what " + costOf(submit, insert) + " raw inserts cost.",
		"- `formwork worker` instances fire timers; each firing is two conditional " +
			"updates on the timer and the instance's own writes, so timers grow with " +
			"worker cores and shards the same way.",
		"- Sharding by `tenant_id` keeps every query on one shard; a tenant larger " +
			"than one shard is the ceiling of this design.",
		"- Redis holds only the next hour of timers (" + redisPerTimer(t) +
			"), so Redis is sized by the hourly timer arrival rate, not by months of " +
			"pending SLAs; a Redis Cluster is for availability long before capacity.",
	}, "\n"))
	fmt.Fprint(w, "\n\n| servers × 4 cores | submissions/s | timers fired/s | dashboard "+
		"reads/s | shards needed (store at this machine's per-core insert rate, 8 cores "+
		"each) |\n|---|---|---|---|---|\n")
	for _, n := range []int{1, 4, 16, 64} {
		cores := float64(n * 4)
		subs := cores * perCore(submit.PerSec())
		shard := 8 * perCore(insert.PerSec()) * ratioOf(submit, insert)
		fmt.Fprintf(w, "| %d | %s | %s | %s | %d |\n", n, group(int64(subs)),
			group(int64(cores*perCore(fire))), group(int64(cores*perCore(read.PerSec()))),
			int(math.Ceil(subs/max(shard, 1))))
	}
	fmt.Fprintf(w, "\nA sales organisation of 10,000 reps submitting 50 leads a day each "+
		"(500,000 a day, a peak of perhaps 50/s) needs %.0f API cores at these "+
		"figures; the model's point is the ratio between the columns, not the absolute "+
		"numbers of a shared 2-core machine.\n\n", math.Ceil(50/max(perCore(submit.PerSec()),
		1e-9)))
}

func costOf(submit, insert summary) string {
	r := ratioOf(submit, insert)
	if r == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f", 1/r)
}

func redisPerTimer(t *targetResult) string {
	m := t.memory
	if m == nil || m.note != "" || m.inRedis == 0 {
		return "measured on a real Redis only"
	}
	per := float64(m.keysAfter-m.keysBefore) / float64(m.inRedis)
	return fmt.Sprintf("%.0f bytes per timer within the horizon, measured", per)
}
