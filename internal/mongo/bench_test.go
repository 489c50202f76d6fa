package mongo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
)

// benchDocs returns how many documents the benchmarks seed
// (FORMWORK_BENCH_DOCS, default 5000).
func benchDocs() int {
	if n, err := strconv.Atoi(os.Getenv("FORMWORK_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}

	return 5000
}

// BenchmarkEmbedded measures lookups and writes by `_id` on the embedded
// store with and without the `_id` index fix.
func BenchmarkEmbedded(b *testing.B) {
	n := benchDocs()
	for _, fixed := range []bool{true, false} {
		name := "fixed"
		if !fixed {
			name = "unfixed"
		}

		b.Run(name, func(b *testing.B) {
			coll := seededCollection(b, n, fixed)
			b.Run("FindOneByID", func(b *testing.B) { benchFind(b, coll, n) })
			b.Run("UpdateOneByID", func(b *testing.B) { benchUpdate(b, coll, n) })
			b.Run("InsertOne", func(b *testing.B) { benchInsert(b, coll) })
		})
	}
}

// seededCollection opens an embedded store holding n documents, dropping
// our `_id` index unless fixed.
func seededCollection(b *testing.B, n int, fixed bool) *driver.Collection {
	b.Helper()

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := Open(b.Context(), Options{DataDir: b.TempDir()}, log)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close(context.Background()) })

	if err := s.EnsureCollection(b.Context(), "bench", nil); err != nil {
		b.Fatal(err)
	}
	coll := s.DB.Collection("bench")
	seed(b, coll, n)

	if !fixed {
		dropIDIndex(b, s, "bench")
	}

	return coll
}

// seed inserts n documents with ids benchID(0..n-1).
func seed(b *testing.B, coll *driver.Collection, n int) {
	b.Helper()

	const batch = 1000
	for start := 0; start < n; start += batch {
		var docs []any
		for i := start; i < min(start+batch, n); i++ {
			docs = append(docs, bson.D{{Key: "_id", Value: benchID(i)}, {Key: "n", Value: i}})
		}
		if _, err := coll.InsertMany(b.Context(), docs); err != nil {
			b.Fatal(err)
		}
	}
}

// dropIDIndex removes our `_id` index from the collection's table.
func dropIDIndex(b *testing.B, s *Store, collection string) {
	b.Helper()

	db, err := s.embedded.fix.open()
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()

	var table string
	q := "SELECT table_name FROM " + ferretMetadataTable + " WHERE name = ?"
	if err := db.QueryRow(q, collection).Scan(&table); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("DROP INDEX %q", idIndexName(table))); err != nil {
		b.Fatal(err)
	}
}

// benchID is the id of the i-th seeded document.
func benchID(i int) string { return fmt.Sprintf("doc-%07d", i) }

func benchFind(b *testing.B, coll *driver.Collection, n int) {
	i := 0
	for b.Loop() {
		err := coll.FindOne(b.Context(), bson.D{{Key: "_id", Value: benchID(i % n)}}).Err()
		if err != nil {
			b.Fatal(err)
		}
		i += 7919
	}
}

func benchUpdate(b *testing.B, coll *driver.Collection, n int) {
	i := 0
	for b.Loop() {
		filter := bson.D{{Key: "_id", Value: benchID(i % n)}}
		update := bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}}
		if _, err := coll.UpdateOne(b.Context(), filter, update); err != nil {
			b.Fatal(err)
		}
		i += 7919
	}
}

func benchInsert(b *testing.B, coll *driver.Collection) {
	i := 0
	for b.Loop() {
		doc := bson.D{{Key: "_id", Value: fmt.Sprintf("new-%07d", i)}, {Key: "n", Value: i}}
		if _, err := coll.InsertOne(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
