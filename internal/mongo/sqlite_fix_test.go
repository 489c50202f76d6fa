package mongo

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// recorder is a slog handler that keeps FerretDB's debug records: the SQL it
// runs (">>> <query>") and the URIs it opens databases with.
type recorder struct {
	mu      sync.Mutex
	queries []string
	uris    []string
}

func (r *recorder) Enabled(context.Context, slog.Level) bool { return true }
func (r *recorder) WithAttrs([]slog.Attr) slog.Handler       { return r }
func (r *recorder) WithGroup(string) slog.Handler            { return r }

func (r *recorder) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()

	if q, ok := strings.CutPrefix(rec.Message, ">>> "); ok {
		r.queries = append(r.queries, q)
	}
	rec.Attrs(func(a slog.Attr) bool {
		if a.Key == "uri" {
			r.uris = append(r.uris, a.Value.String())
		}
		return true
	})

	return nil
}

// since returns the queries recorded after the first n.
func (r *recorder) since(n int) []string {
	r.mu.Lock()
	defer r.mu.Unlock()

	return append([]string(nil), r.queries[n:]...)
}

// count returns how many queries have been recorded.
func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()

	return len(r.queries)
}

// openRecorded opens an embedded store whose FerretDB logs into a recorder.
func openRecorded(t *testing.T) (*Store, *recorder) {
	t.Helper()

	rec := &recorder{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := openEmbedded(t.Context(), Options{DataDir: t.TempDir()}.withDefaults(),
		log, slog.New(rec))
	if err != nil {
		t.Fatalf("openEmbedded: %v", err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })

	return s, rec
}

// idQueries returns the recorded statements that select by `_id`.
func idQueries(qs []string) []string {
	var out []string
	for _, q := range qs {
		if strings.Contains(q, "WHERE") && strings.Contains(q, "_id") {
			out = append(out, q)
		}
	}

	return out
}

// queryPlan runs EXPLAIN QUERY PLAN for q, binding every parameter to a
// string, and returns the plan's details joined by newlines.
func queryPlan(t *testing.T, db *sql.DB, q string) string {
	t.Helper()

	args := make([]any, strings.Count(q, "?"))
	for i := range args {
		args[i] = `"x"`
	}

	rows, err := db.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatalf("EXPLAIN QUERY PLAN %s: %v", q, err)
	}
	defer rows.Close()

	var plan []string
	for rows.Next() {
		var id, parent, notUsed int
		var detail string
		if err := rows.Scan(&id, &parent, &notUsed, &detail); err != nil {
			t.Fatalf("reading query plan: %v", err)
		}
		plan = append(plan, detail)
	}

	return strings.Join(plan, "\n")
}

// TestIDLookupsUseIndex captures the SQL FerretDB really runs for FindOne,
// UpdateOne and DeleteOne by `_id` and checks that SQLite answers each with
// our index. It fails if FerretDB ever changes the expression it queries.
func TestIDLookupsUseIndex(t *testing.T) {
	s, rec := openRecorded(t)
	ctx := t.Context()
	if err := s.EnsureCollection(ctx, "things", nil); err != nil {
		t.Fatalf("EnsureCollection: %v", err)
	}
	things := s.DB.Collection("things")
	if _, err := things.InsertOne(ctx, bson.D{{Key: "_id", Value: "a"}}); err != nil {
		t.Fatalf("InsertOne: %v", err)
	}

	before := rec.count()
	byID := bson.D{{Key: "_id", Value: "a"}}
	if err := things.FindOne(ctx, byID).Err(); err != nil {
		t.Fatalf("FindOne: %v", err)
	}
	set := bson.D{{Key: "$set", Value: bson.D{{Key: "n", Value: 1}}}}
	if _, err := things.UpdateOne(ctx, byID, set); err != nil {
		t.Fatalf("UpdateOne: %v", err)
	}
	if _, err := things.DeleteOne(ctx, byID); err != nil {
		t.Fatalf("DeleteOne: %v", err)
	}

	qs := idQueries(rec.since(before))
	if len(qs) < 3 {
		t.Fatalf("captured %d queries by _id, want at least 3: %q", len(qs), qs)
	}

	db, err := s.embedded.fix.open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	table := tableOf(t, db, "things")
	for _, q := range qs {
		plan := queryPlan(t, db, q)
		t.Logf("%s\n\t-> %s", q, plan)
		if !strings.Contains(plan, "USING INDEX "+idIndexName(table)) {
			t.Errorf("query %s\nplan:\n%s\nwant USING INDEX %s", q, plan, idIndexName(table))
		}
	}
}

// tableOf returns FerretDB's table for collection.
func tableOf(t *testing.T, db *sql.DB, collection string) string {
	t.Helper()

	var table string
	q := "SELECT table_name FROM " + ferretMetadataTable + " WHERE name = ?"
	if err := db.QueryRowContext(t.Context(), q, collection).Scan(&table); err != nil {
		t.Fatalf("finding table of %q: %v", collection, err)
	}

	return table
}

// TestImplicitCollectionsFixedAtStart checks that collections created by a
// plain insert get the index at the next start-up.
func TestImplicitCollectionsFixedAtStart(t *testing.T) {
	opts := Options{DataDir: t.TempDir()}.withDefaults()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := Open(t.Context(), opts, log)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	implicit := s.DB.Collection("implicit")
	if _, err := implicit.InsertOne(t.Context(), bson.D{{Key: "_id", Value: 1}}); err != nil {
		t.Fatalf("InsertOne: %v", err)
	}
	if err := s.Close(t.Context()); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s, err = Open(t.Context(), opts, log)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer s.Close(context.Background())

	db, err := s.embedded.fix.open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	var n int
	q := "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?"
	err = db.QueryRowContext(t.Context(), q, idIndexName(tableOf(t, db, "implicit"))).Scan(&n)
	if err != nil || n != 1 {
		t.Errorf("our _id index on implicit: count = %d, err = %v; want 1, nil", n, err)
	}
}

// TestFerretConnectionsSynchronousNormal opens the database with the exact
// URI FerretDB logged for its own pool and checks the pragmas it gets.
func TestFerretConnectionsSynchronousNormal(t *testing.T) {
	s, rec := openRecorded(t)
	if err := s.EnsureCollection(t.Context(), "things", nil); err != nil {
		t.Fatalf("EnsureCollection: %v", err)
	}

	rec.mu.Lock()
	uris := append([]string(nil), rec.uris...)
	rec.mu.Unlock()
	if len(uris) == 0 {
		t.Fatal("FerretDB logged no database URI")
	}

	db, err := sql.Open("sqlite", uris[0])
	if err != nil {
		t.Fatalf("opening %s: %v", uris[0], err)
	}
	defer db.Close()

	for pragma, want := range map[string]string{"synchronous": "1", "journal_mode": "wal"} {
		var got string
		if err := db.QueryRowContext(t.Context(), "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", pragma, err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %q through %s, want %q", pragma, got, uris[0], want)
		}
	}
}
