package insights_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/record"
)

func ptr(f float64) *float64 { return &f }

// scenario stores four leads of two reps and three calls.
func scenario(f *fixture) []*record.Record {
	f.t.Helper()
	wang, li := f.reps[0], f.reps[1]
	recs := []*record.Record{
		f.submit(wang, map[string]any{"company": "Acme", "region": "east", "stage": "won",
			"amount": 100}),
		f.submit(wang, map[string]any{"company": "Acme", "region": "east", "stage": "new",
			"amount": 50}),
		f.submit(wang, map[string]any{"company": "Brightway", "region": "west",
			"stage": "contacted"}),
		f.submit(li, map[string]any{"company": "明途", "region": "west", "stage": "won",
			"amount": 10.5}),
	}
	for _, c := range []struct {
		who int
		rec int
	}{{0, 0}, {0, 0}, {1, 3}} {
		f.clock.Advance(time.Minute)
		if _, err := f.records.Log(f.ctx, f.reps[c.who], recs[c.rec].ID,
			record.ActivityInput{Kind: record.Call}); err != nil {
			f.t.Fatal(err)
		}
	}
	return recs
}

func byID(d *insights.DashboardData) map[string]insights.WidgetData {
	out := map[string]insights.WidgetData{}
	for _, w := range d.Widgets {
		out[w.ID] = w
	}
	return out
}

func TestDashboardFigures(t *testing.T) {
	f := newFixture(t)
	dash := f.setup()
	scenario(f)
	wang, li := f.reps[0].UserID, f.reps[1].UserID

	d, err := f.svc.Dashboard(f.ctx, f.reps[2], dash, insights.Query{})
	if err != nil {
		t.Fatal(err)
	}
	w := byID(d)
	values := map[string]*float64{}
	for id, x := range w {
		values[id] = x.Value
	}
	want := map[string]*float64{"leads": ptr(4), "by_rep": ptr(4), "win_rate": ptr(0.5),
		"amount": ptr(160.5), "avg_amount": ptr(53.5), "companies": ptr(3), "funnel": ptr(4),
		"calls": ptr(3)}
	if diff := cmp.Diff(want, values); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}

	board := []insights.GroupData{
		{Keys: map[string]string{"owner": wang}, Labels: map[string]string{"owner": "Wang Lei"},
			Value: ptr(3), Rank: 1},
		{Keys: map[string]string{"owner": li}, Labels: map[string]string{"owner": "Li Na"},
			Value: ptr(1), Rank: 2},
	}
	if diff := cmp.Diff(board, w["by_rep"].Groups); diff != "" {
		t.Errorf("leaderboard (-want +got):\n%s", diff)
	}
	rates := []insights.GroupData{
		{Keys: map[string]string{"region": "east"}, Labels: map[string]string{"region": "east"},
			Value: ptr(0.5), Numerator: ptr(1), Denominator: ptr(2), Rank: 1},
		{Keys: map[string]string{"region": "west"}, Labels: map[string]string{"region": "west"},
			Value: ptr(0.5), Numerator: ptr(1), Denominator: ptr(2), Rank: 2},
	}
	if diff := cmp.Diff(rates, w["win_rate"].Groups); diff != "" {
		t.Errorf("win rate by region, ties by key (-want +got):\n%s", diff)
	}
	stages := []insights.StageData{{Stage: "new", Count: 4},
		{Stage: "contacted", Count: 3, Conversion: ptr(0.75)},
		{Stage: "won", Count: 2, Conversion: ptr(2.0 / 3)}}
	if diff := cmp.Diff(stages, w["funnel"].Stages); diff != "" {
		t.Errorf("funnel (-want +got):\n%s", diff)
	}
	series := w["leads"].Series
	if len(series) != 30 || *series[len(series)-1].Value != 4 || *series[0].Value != 0 {
		t.Errorf("daily series = %d points, last %v", len(series), series[len(series)-1])
	}
}

func TestFiltersNarrowEveryWidget(t *testing.T) {
	f := newFixture(t)
	dash := f.setup()
	scenario(f)
	q := insights.Query{Filters: map[string][]string{"region": {"east"}}}
	d, err := f.svc.Dashboard(f.ctx, f.admin, dash, q)
	if err != nil {
		t.Fatal(err)
	}
	w := byID(d)
	// Activities are kept by their actor only: a region filter leaves them.
	for id, want := range map[string]float64{"leads": 2, "amount": 150, "win_rate": 0.5,
		"calls": 3} {
		if got := w[id].Value; got == nil || *got != want {
			t.Errorf("%s with region=east = %v, want %v", id, got, want)
		}
	}
	q = insights.Query{Filters: map[string][]string{"team": {"east"}}}
	one, err := f.svc.Widget(f.ctx, f.admin, dash+".calls", q)
	if err != nil {
		t.Fatal(err)
	}
	if one.Value == nil || *one.Value != 3 {
		t.Errorf("calls of team east = %v, want 3", one.Value)
	}
}

func TestDrillDownShowsOnlyWhatTheViewerMaySee(t *testing.T) {
	f := newFixture(t)
	dash := f.setup()
	recs := scenario(f)
	ids := func(list []*record.Record) []string {
		out := []string{}
		for _, r := range list {
			out = append(out, r.ID)
		}
		return out
	}

	mine, err := f.svc.Records(f.ctx, f.reps[0], dash+".leads", insights.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{recs[2].ID, recs[1].ID, recs[0].ID}, ids(mine)); diff != "" {
		t.Errorf("a rep's drill-down (-want +got):\n%s", diff)
	}
	q := insights.Query{Filters: map[string][]string{"owner": {f.reps[1].UserID}}}
	theirs, err := f.svc.Records(f.ctx, f.reps[0], dash+".by_rep", q)
	if err != nil {
		t.Fatal(err)
	}
	if len(theirs) != 0 {
		t.Errorf("a rep drilled into a colleague's records: %v", ids(theirs))
	}
	all, err := f.svc.Records(f.ctx, f.admin, dash+".by_rep", q)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{recs[3].ID}, ids(all)); diff != "" {
		t.Errorf("an admin's drill-down by owner (-want +got):\n%s", diff)
	}
	won := insights.Query{Filters: map[string][]string{"stage": {"won"}}}
	if _, err := f.svc.Records(f.ctx, f.admin, dash+".amount", won); err != nil {
		t.Fatal(err)
	}
}

func TestFunnelBelowBaselineAlertsOncePerPeriod(t *testing.T) {
	f := newFixture(t)
	dash := f.setup()
	for range 4 {
		f.submit(f.reps[0], map[string]any{"company": "Acme", "stage": "won"})
	}
	f.clock.Advance(10 * 24 * time.Hour)
	for _, st := range []string{"new", "new", "won", "won"} {
		f.submit(f.reps[0], map[string]any{"company": "Acme", "stage": st})
	}
	now := f.clock.Now()
	q := insights.Query{From: now.AddDate(0, 0, -4), To: now.AddDate(0, 0, 6)}

	var w *insights.WidgetData
	for range 2 {
		var err error
		if w, err = f.svc.Widget(f.ctx, f.admin, dash+".funnel", q); err != nil {
			t.Fatal(err)
		}
	}
	want := []insights.StageData{{Stage: "new", Count: 4},
		{Stage: "contacted", Count: 2, Conversion: ptr(0.5), Baseline: ptr(1), Below: true},
		{Stage: "won", Count: 2, Conversion: ptr(1), Baseline: ptr(1)}}
	if diff := cmp.Diff(want, w.Stages); diff != "" {
		t.Errorf("funnel (-want +got):\n%s", diff)
	}
	if len(f.alerts.list) != 1 || f.alerts.list[0].Stage != "contacted" {
		t.Fatalf("alerts = %+v, want one for stage contacted", f.alerts.list)
	}
}

func TestBadQueries(t *testing.T) {
	f := newFixture(t)
	dash := f.setup()
	cases := []struct {
		name, query, ref string
		kind             problem.Kind
		pointer          string
	}{
		{"bad date", "from=2026-13-01", ".leads", problem.Invalid, "/from"},
		{"reversed range", "from=2026-12-02&to=2026-12-01", ".leads", problem.Invalid, "/to"},
		{"unknown bucket", "bucket=hour", ".leads", problem.Invalid, "/bucket"},
		{"filter not kept", "stage=won", ".calls", problem.Invalid, "/stage"},
		{"group not kept", "group_by=region", ".calls", problem.Invalid, "/group_by"},
		{"bad top", "top=1000", ".leads", problem.Invalid, "/top"},
		{"unknown widget", "", ".nope", problem.NotFound, ""},
		{"no widget", "", "", problem.NotFound, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, _ := url.ParseQuery(c.query)
			q, err := insights.ParseQuery(v, nil)
			if err == nil {
				_, err = f.svc.Widget(f.ctx, f.admin, dash+c.ref, q)
			}
			pe, ok := problem.As(err)
			if !ok || pe.Kind != c.kind {
				t.Fatalf("err = %v, want a problem of kind %d", err, c.kind)
			}
			if c.pointer != "" && (len(pe.Fields) == 0 || pe.Fields[0].Pointer != c.pointer) {
				t.Errorf("fields = %+v, want %s", pe.Fields, c.pointer)
			}
		})
	}
}
