package mongo_test

import (
	"context"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

func TestServeFerretDBSQLite(t *testing.T) {
	addr, err := freeAddr()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	opts := mongo.ServerOptions{Backend: "sqlite", SQLiteDir: t.TempDir(), Listen: addr}
	done := make(chan error, 1)
	go func() { done <- mongo.ServeFerretDB(ctx, opts, quietLog()) }()

	s, err := mongo.Open(t.Context(), mongo.Options{URI: "mongodb://" + addr + "/"}, quietLog())
	if err != nil {
		cancel()
		t.Fatalf("Open over the network: %v", err)
	}
	if s.Mode != mongo.ModeExternal || s.Addr != addr {
		t.Errorf("Mode, Addr = %q, %q; want external, %q", s.Mode, s.Addr, addr)
	}
	if err := s.EnsureCollection(t.Context(), "remote", emailIndex); err != nil {
		t.Errorf("EnsureCollection: %v", err)
	}
	if _, err := s.DB.Collection("remote").InsertOne(t.Context(), bson.D{}); err != nil {
		t.Errorf("InsertOne: %v", err)
	}

	if err := s.Close(t.Context()); err != nil {
		t.Errorf("Close: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("ServeFerretDB returned %v, want nil after cancel", err)
	}
}

func TestServeFerretDBRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts mongo.ServerOptions
		want string
	}{
		{"unknown backend", mongo.ServerOptions{Backend: "mysql"}, `unknown backend "mysql"`},
		{"postgresql without url", mongo.ServerOptions{Backend: "postgresql"}, "PostgreSQL URL"},
		{"sqlite without dir", mongo.ServerOptions{Backend: "sqlite"}, "needs a directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := mongo.ServeFerretDB(t.Context(), tc.opts, quietLog())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
