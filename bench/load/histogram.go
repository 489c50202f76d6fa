package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Latencies are recorded in microseconds from 1 µs to 5 minutes with three
// significant figures, HdrHistogram's usual precision.
const (
	minLatencyMicros = 1
	maxLatencyMicros = int64(5 * time.Minute / time.Microsecond)
	sigFigs          = 3
)

// recorder is one worker's histogram; workers record without locks and
// the driver merges them at the end.
type recorder struct {
	h      *hdrhistogram.Histogram
	errors int64
	// firstErr keeps one failure so a run that fails says why.
	firstErr error
}

func newRecorder() *recorder {
	return &recorder{h: hdrhistogram.New(minLatencyMicros, maxLatencyMicros, sigFigs)}
}

// record adds one operation's latency, or counts its error.
func (r *recorder) record(d time.Duration, err error) {
	if err != nil {
		r.errors++
		if r.firstErr == nil {
			r.firstErr = err
		}
		return
	}
	us := max(d.Microseconds(), minLatencyMicros)
	_ = r.h.RecordValue(min(us, maxLatencyMicros))
}

// summary is what one run of one operation measured.
type summary struct {
	// Ops is the number of successful operations.
	Ops int64
	// Errors counts failed operations; they are not in the latencies.
	Errors int64
	// Elapsed is the length of the run.
	Elapsed time.Duration
	// P50, P95 and P99 are latency percentiles of successful operations.
	P50, P95, P99 time.Duration
	// FirstErr is one failure, for the log.
	FirstErr error
}

// PerSec is successful operations per second.
func (s summary) PerSec() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Ops) / s.Elapsed.Seconds()
}

// summarise merges the workers' histograms.
func summarise(recs []*recorder, elapsed time.Duration) summary {
	all := hdrhistogram.New(minLatencyMicros, maxLatencyMicros, sigFigs)
	s := summary{Elapsed: elapsed}
	for _, r := range recs {
		all.Merge(r.h)
		s.Errors += r.errors
		if s.FirstErr == nil {
			s.FirstErr = r.firstErr
		}
	}
	s.Ops = all.TotalCount()
	s.P50 = micros(all.ValueAtQuantile(50))
	s.P95 = micros(all.ValueAtQuantile(95))
	s.P99 = micros(all.ValueAtQuantile(99))
	return s
}

func micros(v int64) time.Duration { return time.Duration(v) * time.Microsecond }

// median is the run-by-run median of each figure: throughput and each
// percentile separately, so one noisy run moves none of them.
func median(runs []summary) summary {
	if len(runs) == 0 {
		return summary{}
	}
	pick := func(f func(summary) float64) float64 {
		vs := make([]float64, len(runs))
		for i, r := range runs {
			vs[i] = f(r)
		}
		slices.Sort(vs)
		if len(vs)%2 == 1 {
			return vs[len(vs)/2]
		}
		return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
	}
	dur := func(f func(summary) time.Duration) time.Duration {
		return time.Duration(pick(func(s summary) float64 { return float64(f(s)) }))
	}
	out := summary{Elapsed: time.Second}
	out.Ops = int64(pick(summary.PerSec) + 0.5)
	out.Errors = int64(pick(func(s summary) float64 { return float64(s.Errors) }))
	out.P50 = dur(func(s summary) time.Duration { return s.P50 })
	out.P95 = dur(func(s summary) time.Duration { return s.P95 })
	out.P99 = dur(func(s summary) time.Duration { return s.P99 })
	for _, r := range runs {
		if r.FirstErr != nil {
			out.FirstErr = r.FirstErr
		}
	}
	return out
}

// fmtDuration prints a latency with three significant figures in the unit
// that reads best: 812 µs, 4.21 ms, 1.73 s.
func fmtDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "0"
	case d < time.Millisecond:
		return fmt.Sprintf("%d µs", d.Microseconds())
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	case d < 100*time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

// fmtRate prints operations per second with grouping: 1,234/s, 56.7/s, 0.35/s.
func fmtRate(v float64) string {
	if v < 10 {
		return fmt.Sprintf("%.2f/s", v)
	}
	if v < 100 {
		return fmt.Sprintf("%.1f/s", v)
	}
	return group(int64(v+0.5)) + "/s"
}

// group writes n with thousands separators.
func group(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + group(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
