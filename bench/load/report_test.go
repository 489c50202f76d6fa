package main

import (
	"bufio"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRecorderPercentiles(t *testing.T) {
	r := newRecorder()
	for i := 1; i <= 1000; i++ {
		r.record(time.Duration(i)*time.Millisecond, nil)
	}
	r.record(time.Second, errors.New("refused"))
	s := summarise([]*recorder{r}, 2*time.Second)

	if s.Ops != 1000 || s.Errors != 1 || s.PerSec() != 500 {
		t.Errorf("ops %d errors %d per second %v, want 1000, 1 and 500", s.Ops, s.Errors,
			s.PerSec())
	}
	for name, c := range map[string]struct{ got, want time.Duration }{
		"p50": {s.P50, 500 * time.Millisecond}, "p95": {s.P95, 950 * time.Millisecond},
		"p99": {s.P99, 990 * time.Millisecond},
	} {
		if diff := c.got - c.want; diff < -time.Millisecond || diff > time.Millisecond {
			t.Errorf("%s = %s, want %s within HdrHistogram's precision", name, c.got, c.want)
		}
	}
	if s.FirstErr == nil {
		t.Error("the first error is lost")
	}
}

func TestMedianTakesEachFigureSeparately(t *testing.T) {
	runs := []summary{
		{Ops: 100, Elapsed: time.Second, P50: 3 * time.Millisecond, P99: 90 * time.Millisecond},
		{Ops: 300, Elapsed: time.Second, P50: 1 * time.Millisecond, P99: 10 * time.Millisecond},
		{Ops: 200, Elapsed: time.Second, P50: 2 * time.Millisecond, P99: 50 * time.Millisecond},
	}
	m := median(runs)
	got := []any{m.PerSec(), m.P50, m.P99}
	want := []any{200.0, 2 * time.Millisecond, 50 * time.Millisecond}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("median (-want +got):\n%s", diff)
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct{ got, want string }{
		{fmtDuration(812 * time.Microsecond), "812 µs"},
		{fmtDuration(4210 * time.Microsecond), "4.21 ms"},
		{fmtDuration(42 * time.Millisecond), "42.0 ms"},
		{fmtDuration(1730 * time.Millisecond), "1.73 s"},
		{fmtRate(56.74), "56.7/s"},
		{fmtRate(1234567.4), "1,234,567/s"},
		{group(-1000), "-1,000"},
		{pct(0.456), "46 %"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestRowsJudgeTargets(t *testing.T) {
	res := &targetResult{driven: map[string]summary{
		fwSubmit:   {Ops: 600, Elapsed: time.Second, P99: 40 * time.Millisecond},
		rawInsert:  {Ops: 1000, Elapsed: time.Second},
		fwActivity: {Ops: 700, Elapsed: time.Second},
		rawUpdate:  {Ops: 1000, Elapsed: time.Second},
	}, activityRedis: &redisActivity{idle: redisCount{commands: 10, elapsed: time.Second},
		busy: redisCount{commands: 11, elapsed: time.Second}, activities: 700}}
	rows := res.rows(64)
	got := map[string]string{}
	for _, r := range rows {
		got[r.path] = r.ratio + " " + r.met
	}
	want := map[string]string{"submit a lead (64 connections)": "60 % yes",
		"log an activity": "70 % **no**"}
	if !strings.Contains(rows[1].figure, "0.001 per activity") {
		t.Errorf("activity figure = %q, want one extra command per 700 activities", rows[1].figure)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestMarkdownTable(t *testing.T) {
	o, err := parseOptions([]string{"-runs", "1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := newReport(&o)
	r.targets = []*targetResult{{name: "embedded", about: "embedded stores",
		driven: map[string]summary{fwHealthz: {Ops: 900, Elapsed: time.Second},
			rawFiber: {Ops: 1000, Elapsed: time.Second}}}}
	var b strings.Builder
	r.markdown(&b)
	out := b.String()
	for _, want := range []string{"## Stores: embedded", "| HTTP floor: GET /healthz | 900/s",
		"| 90 % |", "## Scale-out on paper", "## Go benchmarks in the packages"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	// Every line of a table has as many cells as its header.
	sc := bufio.NewScanner(strings.NewReader(out))
	cells := 0
	for sc.Scan() {
		l := sc.Text()
		switch {
		case !strings.HasPrefix(l, "|"):
			cells = 0
		case cells == 0:
			cells = strings.Count(l, "|")
		case strings.Count(l, "|") != cells:
			t.Errorf("table line %q has %d cells, its header %d", l, strings.Count(l, "|"),
				cells)
		}
	}
}

func TestParsePprofTop(t *testing.T) {
	out := `Showing nodes accounting for 10s, 100% of 10s total
      flat  flat%   sum%        cum   cum%
  0.10s 1.00% 1.00% 9.00s 90.00% github.com/formworkhq/formwork/runtime/record.(*Service).Submit
  0 0% 1.00% 0.80s 8.00% github.com/formworkhq/formwork/designer/form.(*Compiled).Validate
  0.05s 0.50% 1.50% 0.35s 3.50% github.com/santhosh-tekuri/jsonschema/v6.(*Schema).Validate (inline)
     0.02s  0.20%  1.70%      0.20s  2.00%  runtime.mallocgc
`
	r := parsePprofTop([]byte(out))
	if r.schemaShare != 3.5 || r.formShare != 8 {
		t.Errorf("shares = %v / %v, want 3.5 / 8", r.schemaShare, r.formShare)
	}
	if len(r.top) != 3 || r.top[0].cum != 90 {
		t.Errorf("top = %+v, want the three Formwork and validation lines", r.top)
	}
}

func TestReadCommand(t *testing.T) {
	in := "*3\r\n$7\r\nEVALSHA\r\n$1\r\n1\r\n$22\r\nasynq:{default}:t:01AB\r\nPING\r\n"
	r := bufio.NewReader(strings.NewReader(in))
	args, err := readCommand(r)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"EVALSHA", "1", "asynq:{default}:t:01AB"}, args); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}
	if !touchesTask(args) {
		t.Error("a task key is not counted")
	}
	inline, err := readCommand(r)
	if err != nil || touchesTask(inline) || inline[0] != "PING" {
		t.Errorf("inline = %v, %v", inline, err)
	}
}

// FuzzReadCommand feeds the proxy's RESP parser arbitrary client bytes: it
// must return an error or a command, never panic or hang.
func FuzzReadCommand(f *testing.F) {
	f.Add([]byte("*2\r\n$6\r\nSELECT\r\n$2\r\n12\r\n"))
	f.Add([]byte("*1\r\n$-1\r\n"))
	f.Add([]byte("*9999999999\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := bufio.NewReader(strings.NewReader(string(in)))
		for range 8 {
			if _, err := readCommand(r); err != nil {
				return
			}
		}
	})
}

func TestAReadThatNeverCompletedMeetsNothing(t *testing.T) {
	res := &targetResult{dashboard: &dashboardResult{what: "the board", records: 200000},
		driven: map[string]summary{fwRead: {Errors: 3, Elapsed: 5 * time.Second}}}
	rows := res.readRows()
	if len(rows) != 1 || rows[0].met != "**no**: no read completed" {
		t.Fatalf("rows = %+v", rows)
	}
	res.driven[fwRead] = summary{Ops: 10, Elapsed: time.Second, P95: 20 * time.Millisecond}
	if got := res.readRows()[0].met; got != "yes at this size" {
		t.Fatalf("met = %q", got)
	}
}
