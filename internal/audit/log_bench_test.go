package audit_test

import (
	"context"
	"testing"

	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
)

// BenchmarkRecord is the cost an audited request pays: one insert.
func BenchmarkRecord(b *testing.B) {
	l := audit.New(testenv.Mongo(b), clock.Real{}, testenv.Logger())
	if err := l.EnsureIndexes(context.Background()); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		l.Record(ctx, tenantA, audit.Entry{ActorID: actor, Action: audit.UserUpdate,
			ObjectKind: "user", ObjectID: actor, Summary: "roles"})
	}
}

// BenchmarkListFirstPage reads the newest 50 of 5,000 entries.
func BenchmarkListFirstPage(b *testing.B) {
	l := audit.New(testenv.Mongo(b), clock.Real{}, testenv.Logger())
	ctx := context.Background()
	if err := l.EnsureIndexes(ctx); err != nil {
		b.Fatal(err)
	}
	for range 5000 {
		l.Record(ctx, tenantA, audit.Entry{ActorID: actor, Action: audit.UserUpdate})
	}
	for b.Loop() {
		if _, _, err := l.List(ctx, tenantA, audit.Filter{}, "", 50); err != nil {
			b.Fatal(err)
		}
	}
}
