package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"go.mongodb.org/mongo-driver/v2/bson"
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
