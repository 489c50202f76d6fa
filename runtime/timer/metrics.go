package timer

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// latenessBuckets run from 1 ms, the precision target's scale, to minutes,
// where only a stopped worker or a long outage puts a timer.
var latenessBuckets = []float64{
	0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300,
}

// metrics are the service's Prometheus metrics.
type metrics struct {
	pending  prometheus.Gauge
	fired    *prometheus.CounterVec
	lateness *prometheus.HistogramVec
}

var _ prometheus.Collector = (*metrics)(nil)

func newMetrics() *metrics {
	return &metrics{
		pending: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "formwork_timer_pending",
			Help: "Pending timers in the store, all tenants, as of the last reconcile.",
		}),
		fired: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "formwork_timer_fired_total",
			Help: "Timer handler calls, by timer kind and result (ok or error).",
		}, []string{"kind", "result"}),
		lateness: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "formwork_timer_lateness_seconds",
			Help:    "How long after its due time a timer's handler was called.",
			Buckets: latenessBuckets,
		}, []string{"kind"}),
	}
}

// observeLateness records how late a timer of kind fired.
func (m *metrics) observeLateness(kind string, late time.Duration) {
	m.lateness.WithLabelValues(kind).Observe(max(late, 0).Seconds())
}

// Describe implements prometheus.Collector.
func (m *metrics) Describe(ch chan<- *prometheus.Desc) {
	m.pending.Describe(ch)
	m.fired.Describe(ch)
	m.lateness.Describe(ch)
}

// Collect implements prometheus.Collector.
func (m *metrics) Collect(ch chan<- prometheus.Metric) {
	m.pending.Collect(ch)
	m.fired.Collect(ch)
	m.lateness.Collect(ch)
}

// Collector returns the service's metrics, for a Prometheus registry:
// formwork_timer_pending, formwork_timer_fired_total and
// formwork_timer_lateness_seconds.
func (s *Service) Collector() prometheus.Collector { return s.stats }
