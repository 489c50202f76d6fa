package mongo_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/mongo"
)

// emailIndex is a unique index used by the tests.
var emailIndex = []driver.IndexModel{{
	Keys:    bson.D{{Key: "email", Value: 1}},
	Options: options.Index().SetUnique(true).SetName("email_unique"),
}}

func TestOpenEmbedded(t *testing.T) {
	s := openStore(t, mongo.Options{DataDir: t.TempDir()})

	if s.Mode != mongo.ModeEmbedded {
		t.Errorf("Mode = %q, want %q", s.Mode, mongo.ModeEmbedded)
	}
	if !strings.HasPrefix(s.Addr, "127.0.0.1:") {
		t.Errorf("Addr = %q, want a loopback address", s.Addr)
	}
	if s.DB.Name() != mongo.DefaultDatabase {
		t.Errorf("DB.Name() = %q, want %q", s.DB.Name(), mongo.DefaultDatabase)
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestEnsureCollection(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			s := openStore(t, tg.opts(t))
			ctx := t.Context()

			for range 2 {
				if err := s.EnsureCollection(ctx, "people", emailIndex); err != nil {
					t.Fatalf("EnsureCollection: %v", err)
				}
			}

			people := s.DB.Collection("people")
			if _, err := people.InsertOne(ctx, bson.D{{Key: "email", Value: "a@x"}}); err != nil {
				t.Fatalf("first InsertOne: %v", err)
			}

			_, err := people.InsertOne(ctx, bson.D{{Key: "email", Value: "a@x"}})
			if !driver.IsDuplicateKeyError(err) {
				t.Errorf("second InsertOne error = %v, want a duplicate-key error", err)
			}
		})
	}
}

func TestEnsureCollectionConcurrent(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			opts := tg.opts(t)
			stores := []*mongo.Store{openStore(t, opts)}
			if opts.URI != "" {
				// Two clients stand for two processes starting at once.
				stores = append(stores, openStore(t, opts))
			}

			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				s := stores[i%len(stores)]
				wg.Go(func() {
					errs[i] = s.EnsureCollection(t.Context(), "shared", emailIndex)
				})
			}
			wg.Wait()

			if err := errors.Join(errs...); err != nil {
				t.Errorf("concurrent EnsureCollection: %v", err)
			}
		})
	}
}

func TestEmbeddedDataPersists(t *testing.T) {
	opts := mongo.Options{DataDir: t.TempDir()}
	ctx := t.Context()

	first, err := mongo.Open(ctx, opts, quietLog())
	if err != nil {
		t.Fatalf("first Open: %v", err)
	}
	if err := first.EnsureCollection(ctx, "notes", nil); err != nil {
		t.Fatalf("EnsureCollection: %v", err)
	}
	doc := bson.D{{Key: "_id", Value: "n1"}, {Key: "text", Value: "kept"}}
	if _, err := first.DB.Collection("notes").InsertOne(ctx, doc); err != nil {
		t.Fatalf("InsertOne: %v", err)
	}
	if err := first.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}

	second := openStore(t, opts)
	var got struct{ Text string }
	err = second.DB.Collection("notes").FindOne(ctx, bson.D{{Key: "_id", Value: "n1"}}).Decode(&got)
	if err != nil {
		t.Fatalf("FindOne after reopening: %v", err)
	}
	if got.Text != "kept" {
		t.Errorf("text = %q, want %q", got.Text, "kept")
	}
}

func TestEmbeddedCloseReleasesDir(t *testing.T) {
	opts := mongo.Options{DataDir: t.TempDir()}

	s, err := mongo.Open(t.Context(), opts, quietLog())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}

	_, err = mongo.Open(t.Context(), opts, quietLog())
	if err == nil || !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("second Open while open: error = %v, want in use", err)
	}

	if err := s.Close(t.Context()); err != nil {
		t.Fatalf("Close: %v", err)
	}
	openStore(t, opts)
}

func TestOpenUnreachable(t *testing.T) {
	opts := mongo.Options{
		URI:            "mongodb://formwork:hunter2@127.0.0.1:1/?authSource=admin",
		ConnectTimeout: 300 * time.Millisecond,
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()

	_, err := mongo.Open(ctx, opts, quietLog())

	if !errors.Is(err, mongo.ErrUnavailable) {
		t.Fatalf("error = %v, want ErrUnavailable", err)
	}
	if ctx.Err() != nil {
		t.Errorf("Open outlived its caller's 10s deadline")
	}
	msg := err.Error()
	for _, want := range []string{"127.0.0.1:1", "unreachable", "FORMWORK_MONGO_URI"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
	if strings.Contains(msg, "hunter2") {
		t.Errorf("error %q reveals the password", msg)
	}
}

func TestOpenInvalidURIHidesPassword(t *testing.T) {
	opts := mongo.Options{
		URI:            "mongodb://formwork:s3cr%zzet@127.0.0.1:1/",
		ConnectTimeout: time.Second,
	}

	_, err := mongo.Open(t.Context(), opts, quietLog())

	if err == nil {
		t.Fatal("Open succeeded, want an error")
	}
	if !strings.Contains(err.Error(), "FORMWORK_MONGO_URI") {
		t.Errorf("error %q does not point at FORMWORK_MONGO_URI", err)
	}
	if strings.Contains(err.Error(), "s3cr") {
		t.Errorf("error %q reveals the password", err)
	}
}
