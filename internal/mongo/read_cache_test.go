package mongo_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

// cacheEnv is a store whose commands are counted, with a notes collection.
type cacheEnv struct {
	st  *mongo.Store
	log *mongo.CommandLog
}

func newCacheEnv(t *testing.T, opts mongo.Options) *cacheEnv {
	t.Helper()
	log := mongo.NewCommandLog()
	opts.Monitor = log.Monitor()
	st := openStore(t, opts)
	if err := st.EnsureCollection(t.Context(), "notes", nil); err != nil {
		t.Fatal(err)
	}
	return &cacheEnv{st: st, log: log}
}

// sent is how many commands the store received since the last call.
func (e *cacheEnv) sent() int {
	n := 0
	for _, c := range e.log.Take() {
		n += int(c.N)
	}
	return n
}

// TestCachedReadsSeeOwnWrites checks that a cached read is answered from
// memory the second time, and afresh after every kind of write through
// the collection, in the writer's tenant only.
func TestCachedReadsSeeOwnWrites(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			e := newCacheEnv(t, tg.opts(t))
			ctx := t.Context()
			a := e.st.Scope("tenant-a")
			if err := a.C("notes").InsertOne(ctx, &note{ID: "n1", Text: "one"}); err != nil {
				t.Fatal(err)
			}
			checkCachedRead(t, e, a, "one")

			writes := []struct {
				name  string
				write func(c mongo.Coll) error
				want  string
			}{
				{"update", func(c mongo.Coll) error {
					_, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: "n1"}}, setText("two"))
					return err
				}, "two"},
				{"find and update", func(c mongo.Coll) error {
					var n note
					return c.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: "n1"}},
						setText("three"), &n)
				}, "three"},
				{"modify", func(c mongo.Coll) error {
					var n note
					_, err := c.Modify(ctx, "n1", &n, func() (bson.D, any, bool) {
						return nil, setText("four"), true
					})
					return err
				}, "four"},
				{"delete", func(c mongo.Coll) error {
					_, err := c.DeleteOne(ctx, bson.D{{Key: "_id", Value: "n1"}})
					return err
				}, ""},
				{"insert", func(c mongo.Coll) error {
					return c.InsertOne(ctx, &note{ID: "n1", Text: "five"})
				}, "five"},
			}
			for _, w := range writes {
				if err := w.write(a.C("notes")); err != nil {
					t.Fatalf("%s: %v", w.name, err)
				}
				checkCachedRead(t, e, a, w.want)
			}
		})
	}
}

// checkCachedRead reads n1 twice through the cache: the first read may go
// to the store, the second must not, and both must find want ("" for no
// document).
func checkCachedRead(t *testing.T, e *cacheEnv, sc mongo.Scope, want string) {
	t.Helper()
	e.sent()
	for i := range 2 {
		var got note
		err := sc.Cached("notes").FindByID(t.Context(), "n1", &got)
		if want == "" && !errors.Is(err, mongo.ErrNotFound) {
			t.Fatalf("read %d: err = %v, want ErrNotFound", i, err)
		}
		if want != "" && (err != nil || got.Text != want) {
			t.Fatalf("read %d = %q, %v; want %q", i, got.Text, err, want)
		}
		if n := e.sent(); i == 1 && n != 0 {
			t.Fatalf("the second read sent %d commands, want 0", n)
		}
	}
}

func setText(s string) bson.D {
	return bson.D{{Key: "$set", Value: bson.D{{Key: "text", Value: s}}}}
}

// TestCachedFindAll checks that a cached query keeps its tenant, is
// answered from memory while nothing changed, and sees an insert.
func TestCachedFindAll(t *testing.T) {
	e := newCacheEnv(t, targets()[0].opts(t))
	ctx := t.Context()
	a, b := e.st.Scope("tenant-a"), e.st.Scope("tenant-b")
	for _, n := range []*note{{ID: "a1", Text: "x"}, {ID: "a2", Text: "y"}} {
		if err := a.C("notes").InsertOne(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.C("notes").InsertOne(ctx, &note{ID: "b1", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	texts := func(sc mongo.Scope) []string {
		var out []note
		filter := bson.D{{Key: "text", Value: "x"}}
		if err := sc.Cached("notes").FindAll(ctx, filter, &out); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, n := range out {
			ids = append(ids, n.ID+"@"+n.TenantID)
		}
		return ids
	}

	check := func(sc mongo.Scope, want []string, wantSent int) {
		t.Helper()
		e.sent()
		if diff := cmp.Diff(want, texts(sc)); diff != "" {
			t.Errorf("FindAll (-want +got):\n%s", diff)
		}
		if n := e.sent(); n != wantSent {
			t.Errorf("FindAll sent %d commands, want %d", n, wantSent)
		}
	}
	check(a, []string{"a1@tenant-a"}, 1)
	check(a, []string{"a1@tenant-a"}, 0)
	check(b, []string{"b1@tenant-b"}, 1)
	if err := a.C("notes").InsertOne(ctx, &note{ID: "a3", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	check(a, []string{"a1@tenant-a", "a3@tenant-a"}, 1)
	check(b, []string{"b1@tenant-b"}, 0) // another tenant's write voids nothing here
}

// TestCacheOff checks that a negative CacheTTL sends every read to the
// store, so that a write behind the store's back is seen at once.
func TestCacheOff(t *testing.T) {
	opts := targets()[0].opts(t)
	opts.CacheTTL = -1
	e := newCacheEnv(t, opts)
	ctx := t.Context()
	a := e.st.Scope("tenant-a")
	if err := a.C("notes").InsertOne(ctx, &note{ID: "n1", Text: "one"}); err != nil {
		t.Fatal(err)
	}
	var got note
	if err := a.Cached("notes").FindByID(ctx, "n1", &got); err != nil {
		t.Fatal(err)
	}
	_, err := e.st.Unscoped("notes").UpdateOne(context.Background(),
		bson.D{{Key: "_id", Value: "n1"}}, setText("two"))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Cached("notes").FindByID(ctx, "n1", &got); err != nil || got.Text != "two" {
		t.Errorf("read after an unscoped write = %q, %v; want two", got.Text, err)
	}
}
