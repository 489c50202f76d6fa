package main

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseBuckets(t *testing.T) {
	page := `# HELP formwork_timer_lateness_seconds How long after its due time ...
# TYPE formwork_timer_lateness_seconds histogram
formwork_timer_lateness_seconds_bucket{kind="engine.timer",le="0.001"} 3
formwork_timer_lateness_seconds_bucket{kind="engine.timer",le="0.05"} 9
formwork_timer_lateness_seconds_bucket{kind="engine.timer",le="+Inf"} 10
formwork_timer_lateness_seconds_bucket{kind="engine.boundary",le="0.05"} 2
formwork_timer_lateness_seconds_bucket{kind="engine.boundary",le="0.05"} oops
formwork_timer_lateness_seconds_sum{kind="engine.timer"} 0.3
formwork_timer_fired_total{kind="engine.timer",result="ok"} 10
`
	want := map[float64]float64{0.001: 3, 0.05: 11, math.Inf(1): 10}
	if diff := cmp.Diff(want, parseBuckets(page)); diff != "" {
		t.Errorf("parseBuckets (-want +got):\n%s", diff)
	}
}
