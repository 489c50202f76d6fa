package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/formworkhq/formwork/internal/config"
	"github.com/formworkhq/formwork/internal/mongo"
)

// storeCmd runs a standalone FerretDB through the same package the embedded
// store uses. CI and the benchmarks use it on the local PostgreSQL to
// exercise the external-URI path over a real network connection.
func storeCmd(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "serve" {
		fmt.Fprintln(e.stderr, "usage: formwork store serve -backend postgresql|sqlite "+
			"[-postgresql-url URL] [-sqlite-dir DIR] [-listen 127.0.0.1:27018]")
		return errors.New("unknown store command")
	}
	fs := flag.NewFlagSet("formwork store serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var opts mongo.ServerOptions
	fs.StringVar(&opts.Backend, "backend", "postgresql", "postgresql or sqlite")
	fs.StringVar(&opts.PostgreSQLURL, "postgresql-url",
		"postgres://postgres@127.0.0.1:5432/ferretdb", "PostgreSQL URL (backend postgresql)")
	fs.StringVar(&opts.SQLiteDir, "sqlite-dir", "./formwork-data/store",
		"SQLite directory (backend sqlite)")
	fs.StringVar(&opts.Listen, "listen", "127.0.0.1:27018", "MongoDB wire protocol address")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}

	cfg := config.Config{LogFormat: "auto", LogLevel: "info"}
	log := newLogger(cfg, e.stderr)
	log.Info("store serving", "backend", opts.Backend, "listen", opts.Listen)
	return mongo.ServeFerretDB(ctx, opts, log)
}
