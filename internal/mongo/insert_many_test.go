package mongo_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/formworkhq/formwork/internal/mongo"
)

// TestInsertManyReportsDuplicates inserts a batch over documents that
// exist: the new ones are written in the scope's tenant, the taken ids
// come back by position and nothing else fails.
func TestInsertManyReportsDuplicates(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			s := openStore(t, tg.opts(t))
			ctx := t.Context()
			if err := s.EnsureCollection(ctx, "notes", nil); err != nil {
				t.Fatal(err)
			}
			c := s.Scope("tenant-a").C("notes")
			if err := c.InsertOne(ctx, &note{ID: "n2", Text: "first"}); err != nil {
				t.Fatal(err)
			}

			docs := []mongo.TenantDoc{&note{ID: "n1", Text: "one"},
				&note{ID: "n2", Text: "again"}, &note{ID: "n3", Text: "three"}}
			dup, err := c.InsertMany(ctx, docs)
			if err != nil || !slices.Equal(dup, []int{1}) {
				t.Fatalf("InsertMany = %v, %v; want [1], nil", dup, err)
			}

			want := map[string]string{"n1": "one", "n2": "first", "n3": "three"}
			for id, text := range want {
				var got note
				if err := c.FindByID(ctx, id, &got); err != nil || got.Text != text {
					t.Errorf("%s = %+v, %v; want text %q", id, got, err, text)
				}
			}
			var other note
			err = s.Scope("tenant-b").C("notes").FindByID(ctx, "n1", &other)
			if !errors.Is(err, mongo.ErrNotFound) {
				t.Errorf("other tenant reads n1: %v, want ErrNotFound", err)
			}
			if dup, err := c.InsertMany(ctx, nil); dup != nil || err != nil {
				t.Errorf("empty InsertMany = %v, %v", dup, err)
			}
		})
	}
}
