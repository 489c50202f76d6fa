// Package mongo owns Formwork's connection to its system of record, a
// MongoDB-compatible store.
//
// In production the store is a MongoDB replica set named by
// FORMWORK_MONGO_URI. Without a URI, Open starts FerretDB v1 in-process on
// SQLite files under the data directory and speaks to it over the MongoDB wire
// protocol on a loopback port, so the rest of Formwork sees one API either way.
//
// The package also carries the workarounds the embedded store needs (see
// sqlite_fix.go) and ServeFerretDB, a standalone FerretDB server used by CI to
// exercise the external-URI path over the network.
//
// Callers create their collections and indexes with EnsureCollection at every
// start-up; errors meaning "the store cannot be reached" match ErrUnavailable.
package mongo
