package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
)

// rollupsCollection is where the insights engine keeps its day documents.
const rollupsCollection = "insight_rollups"

// dashboardResult says what the read scenario measured and on what.
type dashboardResult struct {
	// path is the route read; what says in words what it is.
	path, what string
	records    int
	// rollupDocs and rollupMax are the count and the largest size in bytes
	// of the insights rollup documents, where the tool can read Formwork's
	// database (not on embedded stores).
	rollupDocs int
	rollupMax  int
}

// dashboardScenario reads the lead_follow_up dashboard's data through
// GET /api/v1/dashboards/{id}/data when the server has that route, and the
// points leaderboard otherwise, as the reps would, at the data the earlier
// scenarios left behind.
func (b *bench) dashboardScenario(ctx context.Context) error {
	if err := b.ensureMongoBaselines(ctx); err != nil {
		return err
	}
	if b.o.dashboardRecords > 0 {
		return b.scaleScenario(ctx)
	}
	path, what, err := b.readPath(ctx)
	if err != nil {
		return err
	}
	n := 0
	for _, ids := range b.res.records {
		n += len(ids)
	}
	b.res.dashboard = &dashboardResult{path: path, what: what, records: n}
	if err := b.rollupSizes(ctx, b.res.dashboard); err != nil {
		return err
	}
	b.measure(ctx, fwRead, func(ctx context.Context, w, _ int) error {
		return b.api.call(ctx, http.MethodGet, path, b.ten.rep(w).token, nil, nil)
	})
	return nil
}

// readPath finds the dashboard data route, or falls back to the ledger
// leaderboard when the server answers 404 for it.
func (b *bench) readPath(ctx context.Context) (string, string, error) {
	var list struct {
		Items []struct {
			ID  string `json:"id"`
			Key string `json:"key"`
		} `json:"items"`
	}
	err := b.api.call(ctx, http.MethodGet, "/api/v1/dashboards?limit=100", b.ten.ownerToken,
		nil, &list)
	if err != nil {
		return "", "", err
	}
	for _, d := range list.Items {
		if d.Key != "lead_follow_up" {
			continue
		}
		path := "/api/v1/dashboards/" + d.ID + "/data"
		err := b.api.call(ctx, http.MethodGet, path, b.ten.ownerToken, nil, nil)
		var ae *apiError
		switch {
		case err == nil:
			return path, "the lead_follow_up dashboard's data (insights engine)", nil
		case errors.As(err, &ae) && ae.status == http.StatusNotFound:
		default:
			return "", "", err
		}
	}
	return "/api/v1/ledger/leaderboard?top=10", "the points leaderboard (top 10): " +
		"GET /api/v1/dashboards/{id}/data answered 404 on this build", nil
}

// rollupSizes reads the size of every rollup document, when Formwork's
// database is reachable from the tool.
func (b *bench) rollupSizes(ctx context.Context, d *dashboardResult) error {
	if b.st.proxy == nil {
		return nil
	}
	coll := b.st.raw.Client.Database(appDatabase).Collection(rollupsCollection)
	cur, err := coll.Find(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("reading the rollups: %w", err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		d.rollupDocs++
		d.rollupMax = max(d.rollupMax, len(cur.Current))
	}
	return cur.Err()
}

// Figures of the scale run, as the log names them; the board read on
// -conns connections is the report's dashboard read (fwRead).
const (
	fwScaleBoard  = fwRead
	fwScaleBoard1 = "dashboard read at scale, one connection"
	fwScaleTop    = "leaderboard read at scale"
	fwScaleTop1   = "leaderboard read at scale, one connection"
)

// scaleWidgets are the widgets of the scale run's board: leads by day, by
// rep, their win rate and stages by week; calls by rep and by day.
func scaleWidgets() []any {
	lead := map[string]any{"kind": "count", "source": "records", "form": "lead"}
	won := map[string]any{"kind": "count", "source": "records", "form": "lead",
		"filter": "record.stage == 'won'"}
	calls := map[string]any{"kind": "count", "source": "activities", "form": "lead"}
	w := func(id, chart string, m map[string]any, extra map[string]any) map[string]any {
		out := map[string]any{"id": id, "chart": chart, "metric": m,
			"title": map[string]string{"en": id, "zh-CN": id}}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	byOwner := map[string]any{"group_by": []string{"owner"}, "top": 10}
	return []any{
		w("leads", "line", lead, map[string]any{"bucket": "day"}),
		w("by_rep", "leaderboard", lead, byOwner),
		w("win_rate", "bar", map[string]any{"kind": "ratio", "numerator": won,
			"denominator": lead}, map[string]any{"group_by": []string{"owner"}}),
		w("stages", "table", lead, map[string]any{"group_by": []string{"stage"},
			"bucket": "week"}),
		w("calls_by_rep", "leaderboard", calls, byOwner),
		w("calls", "line", calls, map[string]any{"bucket": "day"}),
	}
}

// scaleScenario seeds the leads and calls of -dashboard-records and
// -dashboard-activities, rebuilds the rollups of a board over them with
// the insights engine's own rebuild, and times the board's and a
// leaderboard's reads over HTTP.
func (b *bench) scaleScenario(ctx context.Context) error {
	board, err := b.publishScaleBoard(ctx)
	if err != nil {
		return err
	}
	seed, err := b.seedScale(ctx)
	if err != nil {
		return err
	}
	b.log.Info("seeded", "records", seed.records, "records_took",
		seed.recordsTook.Round(time.Second), "activities", seed.activities,
		"activities_took", seed.callsTook.Round(time.Second))
	if err := b.rebuildScale(ctx, board); err != nil {
		return err
	}

	path := "/api/v1/dashboards/" + board + "/data"
	top := "/api/v1/metrics/" + board + ".calls_by_rep"
	b.res.dashboard = &dashboardResult{path: path, records: seed.records,
		what: fmt.Sprintf("a board of %d leads and %d calls (seeded, rebuilt)",
			seed.records, seed.activities)}
	if err := b.rollupSizes(ctx, b.res.dashboard); err != nil {
		return err
	}

	b.log.Info("rollups", "documents", b.res.dashboard.rollupDocs,
		"largest_bytes", b.res.dashboard.rollupMax)
	for _, r := range []struct {
		name, path string
		conns      int
	}{{fwScaleBoard1, path, 1}, {fwScaleTop1, top, 1},
		{fwScaleBoard, path, b.o.conns}, {fwScaleTop, top, b.o.conns}} {
		s := b.measureOn(ctx, r.name, r.conns, func(ctx context.Context, w, _ int) error {
			return b.api.call(ctx, http.MethodGet, r.path, b.ten.rep(w).token, nil, nil)
		})
		b.log.Info("scale read", "what", r.name, "p50", fmtDuration(s.P50),
			"p95", fmtDuration(s.P95), "p99", fmtDuration(s.P99), "errors", s.Errors)
	}
	return nil
}

// publishScaleBoard creates and publishes the scale run's board.
func (b *bench) publishScaleBoard(ctx context.Context) (string, error) {
	var d idOf
	err := b.api.call(ctx, http.MethodPost, "/api/v1/dashboards", b.ten.ownerToken,
		map[string]any{"key": "scale_board", "name": map[string]string{"en": "Scale",
			"zh-CN": "规模"}, "app": "sales", "widgets": scaleWidgets(),
			"filters": []string{"owner", "region"}}, &d)
	if err != nil {
		return "", err
	}
	err = b.api.call(ctx, http.MethodPost, "/api/v1/dashboards/"+d.ID+"/publish",
		b.ten.ownerToken, nil, nil)
	return d.ID, err
}

// rebuildScale rebuilds every metric of board with the insights engine's
// RebuildAll (one read of the leads, one of the calls), run in the tool on Formwork's database (over HTTP a rebuild of
// a million records outlasts the server's write timeout).
func (b *bench) rebuildScale(ctx context.Context, board string) error {
	uri := ""
	for _, kv := range b.st.env {
		if v, ok := strings.CutPrefix(kv, "FORMWORK_MONGO_URI="); ok {
			uri = v
		}
	}
	quiet := slog.New(slog.DiscardHandler)
	st, err := mongo.Open(ctx, mongo.Options{URI: uri, Database: appDatabase}, quiet)
	if err != nil {
		return fmt.Errorf("opening Formwork's database: %w", err)
	}
	defer func() { _ = st.Close(context.WithoutCancel(ctx)) }()

	svc := insights.New(st, designer.New(st, clock.Real{}, quiet), clock.Real{},
		insights.Config{}, quiet)

	var refs []string
	for _, w := range scaleWidgets() {
		refs = append(refs, board+"."+w.(map[string]any)["id"].(string))
	}
	start := time.Now()
	rebuilt, err := svc.RebuildAll(ctx, b.ten.id, refs)
	if err != nil {
		return fmt.Errorf("rebuilding the scale board: %w", err)
	}
	for _, r := range rebuilt {
		b.log.Info("rebuilt", "metric", r.Metric, "items", r.Items, "days", r.Days,
			"months", r.Months)
	}
	b.log.Info("rebuilt the scale board", "took", time.Since(start).Round(time.Millisecond))
	return nil
}
