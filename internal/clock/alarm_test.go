package clock_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
)

func TestManualAlarmsRingInOrder(t *testing.T) {
	start := time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		advance []time.Duration
		want    []string
	}{
		{name: "nothing due", advance: []time.Duration{time.Second}, want: nil},
		{name: "one step rings all in order", advance: []time.Duration{time.Hour},
			want: []string{"5s", "10s", "1m"}},
		{name: "steps ring what each reaches",
			advance: []time.Duration{7 * time.Second, 3 * time.Second},
			want:    []string{"5s", "10s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clock.NewManual(start)
			var got []string
			for _, d := range []time.Duration{time.Minute, 5 * time.Second, 10 * time.Second} {
				label := map[time.Duration]string{time.Minute: "1m", 5 * time.Second: "5s",
					10 * time.Second: "10s"}[d]
				clock.AfterFunc(c, d, func() { got = append(got, label) })
			}
			stopped := clock.AfterFunc(c, 6*time.Second, func() { got = append(got, "stopped") })
			if !stopped.Stop() {
				t.Fatal("Stop() = false for a waiting alarm")
			}

			for _, d := range tt.advance {
				c.Advance(d)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("alarms rang (-want +got):\n%s", diff)
			}
		})
	}
}

func TestManualAlarmAlreadyDue(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC))
	rang := make(chan time.Time, 1)

	clock.AtFunc(c, c.Now().Add(-time.Second), func() { rang <- c.Now() })

	if got := <-rang; !got.Equal(c.Now()) {
		t.Fatalf("alarm saw %v, want %v", got, c.Now())
	}
}

func TestRealAlarmNeverEarly(t *testing.T) {
	var real clock.Real
	at := real.Now().Add(20 * time.Millisecond)
	rang := make(chan time.Time, 1)

	clock.AtFunc(real, at, func() { rang <- real.Now() })

	if got := <-rang; got.Before(at) {
		t.Fatalf("alarm rang at %v, before %v", got, at)
	}
}
