package mongo

// This file holds every workaround Formwork applies to FerretDB v1.24.2 on
// SQLite. It can go, with its tests, when the embedded store does.
//
// 1. The `_id` index is never used. FerretDB creates its unique `_id` index
//    on the expression _ferretdb_sjson->"_id" (registry.go, indexesCreate),
//    but its lookups by `_id` (collection.go: Query, UpdateAll, DeleteAll)
//    say WHERE _ferretdb_sjson->'$._id' = ?. SQLite matches index
//    expressions textually, so every FindOne, UpdateOne and DeleteOne by
//    `_id` scans the table (33 ms / 107 ms at 16,000 documents). We add a
//    second, plain index on exactly the query expression. The table of a
//    collection is read from FerretDB's metadata table _ferretdb_collections
//    in <dir>/<database>.sqlite.
//
// 2. Durability costs more than it needs to. FerretDB opens every database
//    with _pragma=busy_timeout(10000), journal_mode(wal) and
//    auto_vacuum(none) (pool/uri.go), keeping any _pragma already in its
//    SQLiteURL; modernc.org/sqlite runs each _pragma on every new connection.
//    SQLite's default synchronous(FULL) syncs on every commit; in WAL mode
//    synchronous(NORMAL) is still safe against a process crash and doubles
//    write throughput, so sqliteURL asks for it.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses
)

const (
	// ferretIDExpr is, byte for byte, the expression FerretDB's SQL uses to
	// find a document by `_id` (metadata.IDColumn).
	ferretIDExpr = "_ferretdb_sjson->'$._id'"
	// ferretMetadataTable maps collection names to table names.
	ferretMetadataTable = "_ferretdb_collections"
	// ferretFileExt is the extension of FerretDB's per-database files.
	ferretFileExt = ".sqlite"
	// idIndexPrefix starts the name of our `_id` index on each table.
	idIndexPrefix = "formwork_id_"
)

// sqliteURL returns FerretDB's SQLiteURL for the directory dir, asking for
// synchronous(NORMAL) on every connection (FerretDB adds WAL itself).
func sqliteURL(dir string) string {
	q := url.Values{"_pragma": {"synchronous(normal)"}}
	u := url.URL{Scheme: "file", Path: dir + "/", OmitHost: true, RawQuery: q.Encode()}

	return u.String()
}

// sqliteFix adds the `_id` expression index to the tables of one FerretDB
// database file.
type sqliteFix struct {
	file string
}

// newSQLiteFix returns the fix for database in FerretDB directory dir.
func newSQLiteFix(dir, database string) *sqliteFix {
	return &sqliteFix{file: filepath.Join(dir, database+ferretFileExt)}
}

// ensureIDIndex adds the `_id` index to the table of collection.
func (f *sqliteFix) ensureIDIndex(ctx context.Context, collection string) error {
	db, err := f.open()
	if err != nil {
		return err
	}
	defer db.Close()

	var table string
	q := fmt.Sprintf("SELECT table_name FROM %q WHERE name = ?", ferretMetadataTable)
	if err := db.QueryRowContext(ctx, q, collection).Scan(&table); err != nil {
		return fmt.Errorf("finding table of collection %q: %w", collection, err)
	}

	return createIDIndex(ctx, db, table)
}

// ensureAll adds the `_id` index to every table of the database, also those
// FerretDB created implicitly on a first insert. A missing file is fine.
func (f *sqliteFix) ensureAll(ctx context.Context) error {
	if _, err := os.Stat(f.file); errors.Is(err, fs.ErrNotExist) {
		return nil
	}

	db, err := f.open()
	if err != nil {
		return err
	}
	defer db.Close()

	tables, err := listTables(ctx, db)
	if err != nil {
		return err
	}

	for _, t := range tables {
		if err := createIDIndex(ctx, db, t); err != nil {
			return err
		}
	}

	return nil
}

// open opens the existing database file for schema changes, waiting for
// FerretDB's writers as long as FerretDB itself would.
func (f *sqliteFix) open() (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+f.file+"?mode=rw&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", f.file, err)
	}

	db.SetMaxOpenConns(1)

	return db, nil
}

// listTables returns the table names of all collections in db.
func listTables(ctx context.Context, db *sql.DB) ([]string, error) {
	q := fmt.Sprintf("SELECT table_name FROM %q", ferretMetadataTable)

	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("listing collection tables: %w", err)
	}
	defer rows.Close()

	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("listing collection tables: %w", err)
		}
		tables = append(tables, t)
	}

	return tables, rows.Err()
}

// createIDIndex indexes table on ferretIDExpr if it is not indexed yet.
func createIDIndex(ctx context.Context, db *sql.DB, table string) error {
	q := fmt.Sprintf("CREATE INDEX IF NOT EXISTS %q ON %q (%s)",
		idIndexName(table), table, ferretIDExpr)

	if _, err := db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("adding _id index to table %q: %w", table, err)
	}

	return nil
}

// idIndexName names our `_id` index on table.
func idIndexName(table string) string { return idIndexPrefix + table }
