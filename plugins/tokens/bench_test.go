package tokens

import (
	"context"
	"testing"
	"time"
)

// BenchmarkGetCached measures a cache hit, the path of every send.
func BenchmarkGetCached(b *testing.B) {
	c := New()
	k := KeyOf("t1", "i1", "app", "s")
	fetch := func(context.Context) (Token, error) {
		return Token{Value: "tok", TTL: time.Hour}, nil
	}
	ctx := context.Background()
	if _, err := c.Get(ctx, k, start, fetch); err != nil {
		b.Fatal(err)
	}

	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Get(ctx, k, start, fetch); err != nil {
				b.Fatal(err)
			}
		}
	})
}
